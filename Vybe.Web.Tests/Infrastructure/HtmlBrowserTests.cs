using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>The test browser itself: a test that fills a field the form does not have fails, so a renamed field breaks its tests.</summary>
public sealed class HtmlBrowserTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    [Fact]
    public async Task Filling_a_field_the_form_does_not_have_fails_the_test_and_names_the_fields_it_has()
    {
        using var browser = app.CreateBrowser();
        var page = await browser.OpenAsync(HomePage.Time);
        var form = page.Form(HomePage.FormSelector(HomePage.Time));

        // "Time" is what the field was called before the form bound one input model.
        var filled = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            browser.SubmitAsync(form, new Dictionary<string, string> { ["Time"] = "11:11" }, page.Url));
        var omitted = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            browser.SubmitAsync(form, new Dictionary<string, string> { [HomePage.Fields.Time] = "11:11" }, page.Url, omit: ["Depth"]));

        Assert.Contains("no field named 'Time'", filled.Message);
        Assert.Contains(HomePage.Fields.Time, filled.Message);
        Assert.Contains("no field named 'Depth'", omitted.Message);
    }

    [Fact]
    public async Task Filling_the_fields_the_form_has_posts_them()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.ReadTimeAsync("11:11", "deep");

        Assert.Equal("11:11", page.Document.QuerySelector("#result .reading-title")?.TextContent.Trim());
    }
}
