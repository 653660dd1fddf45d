using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vybe.Web.Accounts;
using Vybe.Web.ErrorLog;
using Vybe.Web.Readings;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;
using Vybe.Web.Web;

namespace Vybe.Web.Tests.Web;

/// <summary>
/// The answers that <see cref="HostileInputTests"/> found to be 500s (or a refused value acted on),
/// one by one, so that each fails on its own when its fix goes.
/// </summary>
public sealed class HostileInputRegressionTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    private readonly SemaphoreSlim adminOnce = new(1, 1);

    [Theory]
    [InlineData("/s/%20")]
    [InlineData("/s/%20%20%20%20%20%20%20%20%20%20%20%20%20%20%20%20%20%20%20%20%20%20%20%20")]
    [InlineData("/s/%09")]
    [InlineData("/s/%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/s/%E2%80%8B%E2%80%8B%E2%80%8B%E2%80%8B%E2%80%8B%E2%80%8B%E2%80%8B%E2%80%8B%E2%80%8B%E2%80%8B%E2%80%8B%E2%80%8B")]
    public async Task A_share_link_that_cannot_be_a_token_leads_nowhere(string url)
    {
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("We could not find that page", page.Text);
    }

    [Theory]
    [InlineData("/Admin/Errors/Log?q=%00")]
    [InlineData("/Admin/Errors/Log?service=web%00")]
    [InlineData("/Admin/Errors/Log?code=%01CLIENT")]
    [InlineData("/Admin/Errors/Log?release=1.0%00")]
    [InlineData("/Admin/Errors?q=%00")]
    [InlineData("/Admin/Errors?release=%01beta")]
    [InlineData("/Admin/Errors/Tail?after=0&q=%00")]
    [InlineData("/Admin/Errors/Export?code=%00")]
    [InlineData("/Admin/Errors/Log?q=%E2%80%8B%7F")]
    public async Task An_error_log_filter_with_a_control_character_is_refused_with_400(string url)
    {
        using var admin = await AdminAsync();

        var page = await admin.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("control characters", url.Contains("/Export") || url.Contains("/Tail") ? await page.Response.Content.ReadAsStringAsync() : page.Text);
    }

    [Fact]
    public async Task An_error_log_search_longer_than_the_field_takes_is_refused_with_400()
    {
        using var admin = await AdminAsync();

        var page = await admin.GetAsync("/Admin/Errors/Log?q=" + new string('x', ErrorLogFilter.MaxTextLength + 1));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains($"at most {ErrorLogFilter.MaxTextLength} characters", page.ErrorFor(ErrorLogFilter.Keys.Text));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("1e309")]
    public async Task A_checkbox_posted_with_something_other_than_true_or_false_shows_the_form_again(string rememberMe)
    {
        using var browser = app.CreateBrowser();
        var login = await browser.GetAsync("/Account/Login");

        var page = await browser.SubmitAsync(login.Form(), new Dictionary<string, string>
        {
            ["Input.Email"] = "nobody@example.com",
            ["Input.Password"] = AccountSteps.StrongPassword,
            ["Input.RememberMe"] = rememberMe,
        }, login.Url);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.NotNull(page.Document.QuerySelector("input[name='Input.RememberMe'][type='checkbox']:not([checked])"));
    }

    [Theory]
    [InlineData("HX-Boosted", "yes")]
    [InlineData("HX-Boosted", "-1")]
    [InlineData("HX-History-Restore-Request", "<script>")]
    [InlineData("HX-Request", "1")]
    public async Task An_htmx_header_that_is_not_a_boolean_counts_as_absent(string header, string value)
    {
        using var client = app.CreateClient();
        foreach (var url in new[] { "/history", "/Status/404", "/" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("HX-Request", "true");
            request.Headers.Remove(header);
            request.Headers.Add(header, value);

            using var response = await client.SendAsync(request);

            Assert.True((int)response.StatusCode < 500, $"{url} with {header}: {value} answered {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("\uFFFE11:11")]
    [InlineData("11:11\uFFFF")]
    [InlineData("\uFDD0444")]
    public async Task A_time_with_a_noncharacter_is_refused_with_its_message(string typed)
    {
        using var browser = app.CreateBrowser();
        var before = await app.WithDbAsync(db => db.Readings.CountAsync());

        var page = await browser.ReadTimeAsync(typed);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("not text", page.ErrorFor(HomePage.Fields.Time));
        Assert.Equal(before, await app.WithDbAsync(db => db.Readings.CountAsync()));
    }

    // Built here: theory data is serialized for discovery, which turns half a surrogate pair into U+FFFD.
    public static TheoryData<string> NotText() => new() { "high surrogate first", "low surrogate inside", "reversed pair", "last code point" };

    [Theory]
    [MemberData(nameof(NotText))]
    public void Half_a_surrogate_pair_or_a_noncharacter_is_no_time_or_number(string which)
    {
        var typed = which switch
        {
            "high surrogate first" => "\uD80011:11",
            "low surrogate inside" => "44\uDC004",
            "reversed pair" => "\uDC00\uD800",
            _ => "\U0010FFFF",
        };

        Assert.False(TimeOrNumber.TryParse(typed, out _, out var error));
        Assert.Contains("not text", error);
    }

    [Fact]
    public async Task A_request_that_no_handler_of_the_page_takes_gets_404_or_405()
    {
        using var browser = app.CreateBrowser();
        var answer = await browser.ReadNumberAsync("444");
        var permalink = answer.Document.QuerySelector("#result a[href^='/r/']")!.GetAttribute("href")!;
        var token = (await browser.GetAsync(permalink)).Document.QuerySelector("meta[name='request-verification-token']")!.GetAttribute("content")!;

        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url)
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Add(WebServiceCollectionExtensions.AntiforgeryHeaderName, token);
            return await browser.Client.SendAsync(request);
        }

        // A page's unnamed handler takes any handler name (the framework's fallback): GET ?handler=Nope is the page.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, permalink + "?handler=Nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, permalink + "?handler=Nope")).StatusCode);
        var put = await SendAsync(HttpMethod.Put, permalink);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Equal(["GET", "POST", "HEAD"], put.Content.Headers.Allow);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await SendAsync(HttpMethod.Post, "/history/export?format=json")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await SendAsync(HttpMethod.Delete, "/s/AAAAAAAAAAAAAAAAAAAAAAAA")).StatusCode);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("")]
    [InlineData("%00")]
    public async Task Sharing_with_a_value_that_is_not_true_or_false_is_refused_and_the_link_keeps_working(string share)
    {
        using var browser = app.CreateBrowser();
        var answer = await browser.ReadNumberAsync("777");
        var permalink = answer.Document.QuerySelector("#result a[href^='/r/']")!.GetAttribute("href")!;
        var view = await browser.GetAsync(permalink);
        var shared = await browser.SubmitAsync(view.Form("#share-panel form"), pageUrl: view.Url);
        var shareUrl = new Uri(shared.Document.QuerySelector("#share-url")!.GetAttribute("value")!).PathAndQuery;
        var form = shared.Form("#share-panel form");
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        using var response = await browser.Client.PostAsync(form.GetAttribute("action"), new StringContent(
            $"__RequestVerificationToken={Uri.EscapeDataString(token)}&share={share}", Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var anyone = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync(shareUrl)).Status);
    }

    [Fact]
    public async Task The_status_page_posted_a_form_it_cannot_read_answers_400()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/Status/404", new StringContent("a=%00", Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_browser_report_with_NUL_or_an_emoji_at_the_length_limit_is_stored_as_text()
    {
        using var client = app.CreateClient();
        var marker = Guid.NewGuid().ToString("N");
        // A NUL as JSON.stringify writes it, and an emoji that the 1000-character limit would cut in two.
        var message = $"{marker} a\\u0000b " + new string('x', 1000 - marker.Length - 6) + "\\ud83d\\ude00";
        var body = $$"""{"kind":"error\u0000","message":"{{message}}","stack":"at f","page":"/"}""";

        using var response = await client.PostAsync(ClientErrorEndpoint.Path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var row = await Eventually.ReturnsAsync(
            () => app.WithDbAsync(db => db.ErrorLogs.AsNoTracking().FirstOrDefaultAsync(e => e.Message.StartsWith(marker))),
            found => found is not null, "the report in the error log");
        Assert.StartsWith($"{marker} a\uFFFDb x", row!.Message);
        Assert.Equal(999, row.Message.Length);
        Assert.Contains("error\uFFFD", row.Details);
    }

    [Fact]
    public async Task A_browser_report_with_half_a_surrogate_pair_is_stored_with_the_replacement_character()
    {
        using var client = app.CreateClient();
        var marker = Guid.NewGuid().ToString("N");

        // What JSON.stringify writes for a text a script cut in the middle of an emoji: the report is
        // kept (one character must not cost it), with U+FFFD where the half pair stood.
        using var response = await client.PostAsync(ClientErrorEndpoint.Path,
            new StringContent($$"""{"message":"{{marker}} \ud800"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var row = await Eventually.ReturnsAsync(
            () => app.WithDbAsync(db => db.ErrorLogs.AsNoTracking().FirstOrDefaultAsync(e => e.Message.StartsWith(marker))),
            found => found is not null, "the report in the error log");
        Assert.Equal($"{marker} \uFFFD", row!.Message);
    }

    /// <summary>An admin, made as an operator makes one (grant-admin), so this does not depend on how sign-up grants it.</summary>
    private async Task<HtmlBrowser> AdminAsync()
    {
        const string Email = "regression.admin@example.com";
        var browser = app.CreateBrowser();
        await adminOnce.WaitAsync();
        try
        {
            if ((await browser.LogInAsync(Email)).Url.AbsolutePath == "/Account/Login")
            {
                await browser.SignUpAsync(Email);
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AdminGrants>().GrantByOperatorAsync(Email);
                // The grant signed out the session that did not have the role; a new log-in carries it.
                await browser.LogInAsync(Email);
            }
        }
        finally
        {
            adminOnce.Release();
        }
        return browser;
    }
}
