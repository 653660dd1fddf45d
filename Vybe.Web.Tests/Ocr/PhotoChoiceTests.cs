using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vybe.TestSupport.Photos;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Ocr;

/// <summary>
/// The choice a photo with several numbers offers: only a number the server found in that upload
/// can be read, through the offer it sealed (Data Protection, 30 minutes). Real Tesseract, real
/// PostgreSQL, and a clock the tests move.
/// </summary>
public sealed class PhotoChoiceTests(PhotoChoiceTests.App app) : IClassFixture<PhotoChoiceTests.App>
{
    /// <summary>The purpose the offers are sealed with; written out, so a test notices when it changes.</summary>
    private const string Purpose = "Vybe.Ocr.PhotoChoice.v1";

    private const string RefusedText = "Upload the photo again";

    public sealed class App : VybeAppFactory
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    private static byte[] TwoNumbers() => TestPhotos.Lines([("Table 12", 30), ("Order 444", 30)]);

    private Task<int> CountReadingsAsync() => app.WithDbAsync(db => db.Readings.CountAsync());

    private async Task<(ChoicePage Choice, HtmlBrowser Browser)> UploadAsync(bool htmx = false)
    {
        var browser = app.CreateBrowser();
        var page = await browser.UploadPhotoAsync(TwoNumbers(), depth: "lite", htmx: htmx);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var offered = page.Document.QuerySelectorAll(HomePage.ChoiceOptionsSelector).Select(i => i.GetAttribute("value")!).ToList();
        Assert.Contains("444", offered);
        return (new ChoicePage(page, offered), browser);
    }

    private sealed record ChoicePage(HtmlBrowser.Page Page, IReadOnlyList<string> Offered)
    {
        public string Offer => Page.Document.QuerySelector(HomePage.OfferSelector)!.GetAttribute("value")!;
    }

    private static Task<HtmlBrowser.Page> ChooseAsync(HtmlBrowser browser, ChoicePage choice, IDictionary<string, string> values, bool htmx = false) =>
        browser.SubmitAsync(choice.Page.Form(HomePage.ChoiceFormSelector), values, choice.Page.Url, htmx: htmx);

    private string Seal(IEnumerable<string> candidates, DateTimeOffset expires, string purpose = Purpose) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).ToTimeLimitedDataProtector()
            .Protect(JsonSerializer.Serialize(candidates), expires);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Choosing_an_offered_number_reads_it_and_saves_it_as_an_image_reading(bool htmx)
    {
        var (choice, browser) = await UploadAsync(htmx);
        using var _ = browser;
        var before = await CountReadingsAsync();

        var reading = await ChooseAsync(browser, choice, new Dictionary<string, string> { [HomePage.Fields.Choice] = "444" }, htmx);

        Assert.Equal(HttpStatusCode.OK, reading.Status);
        Assert.Equal(htmx, reading.Document.QuerySelector("header.site-header") is null);
        Assert.Equal("444", reading.Document.QuerySelector("article.reading .reading-title")?.TextContent.Trim());
        Assert.Equal(before + 1, await CountReadingsAsync());
        var saved = await app.WithDbAsync(db => db.Readings.AsNoTracking().OrderByDescending(r => r.CreatedAt).FirstAsync());
        Assert.Equal(("image", "444", "lite"), (saved.Kind, saved.RawInput, saved.Depth));
    }

    [Theory]
    [InlineData("999", false)]
    [InlineData("11:11", true)]
    [InlineData("444 ", false)]
    [InlineData("０４４４", true)]
    [InlineData("<script>alert(1)</script>", false)]
    public async Task A_number_that_was_not_offered_is_refused_with_422_and_nothing_is_saved(string chosen, bool htmx)
    {
        var (choice, browser) = await UploadAsync(htmx);
        using var _ = browser;
        var before = await CountReadingsAsync();

        var again = await ChooseAsync(browser, choice, new Dictionary<string, string> { [HomePage.Fields.Choice] = chosen }, htmx);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.Status);
        Assert.Contains("Choose one of the numbers found in your photo", again.ErrorFor(HomePage.Fields.Choice));
        Assert.Equal(choice.Offered, again.Document.QuerySelectorAll(HomePage.ChoiceOptionsSelector).Select(i => i.GetAttribute("value")!));
        Assert.Equal(before, await CountReadingsAsync());
    }

    public static TheoryData<string, bool> ChangedOffers() => new()
    {
        { "one character changed", false },
        { "one character changed", true },
        { "cut short", false },
        { "empty", true },
        { "absent", false },
        { "not base64", false },
        { "the candidates sent as the old Offered list", false },
        { "sealed for another purpose", true },
        { "sealed without a time limit", false },
    };

    [Theory]
    [MemberData(nameof(ChangedOffers))]
    public async Task A_changed_or_foreign_offer_is_refused_with_400_and_nothing_is_saved(string change, bool htmx)
    {
        var (choice, browser) = await UploadAsync(htmx);
        using var _ = browser;
        var offer = choice.Offer;
        var values = new Dictionary<string, string> { [HomePage.Fields.Choice] = "999" };
        var omit = new List<string>();
        switch (change)
        {
            case "one character changed":
                var middle = offer.Length / 2;
                values[HomePage.Fields.Offer] = offer[..middle] + (offer[middle] == 'A' ? 'B' : 'A') + offer[(middle + 1)..];
                break;
            case "cut short":
                values[HomePage.Fields.Offer] = offer[..^4];
                break;
            case "empty":
                values[HomePage.Fields.Offer] = "";
                break;
            case "absent":
            case "the candidates sent as the old Offered list":
                omit.Add(HomePage.Fields.Offer);
                break;
            case "not base64":
                values[HomePage.Fields.Offer] = "<script>alert(1)</script>";
                break;
            case "sealed for another purpose":
                values[HomePage.Fields.Offer] = Seal(["999", "444"], app.Clock.GetUtcNow().AddMinutes(10), "Vybe.History.GuestId.v1");
                break;
            case "sealed without a time limit":
                values[HomePage.Fields.Offer] = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose)
                    .Protect(JsonSerializer.Serialize(new[] { "999", "444" }));
                break;
        }
        var before = await CountReadingsAsync();

        var form = choice.Page.Form(HomePage.ChoiceFormSelector);
        var refused = change == "the candidates sent as the old Offered list"
            ? await PostWithOfferedListAsync(browser, choice, htmx)
            : await browser.SubmitAsync(form, values, choice.Page.Url, htmx: htmx, omit: omit);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(RefusedText, refused.Document.QuerySelector(htmx ? "[role='alert']" : "#result [role='alert']")?.TextContent);
        Assert.Null(refused.Document.QuerySelector("section.photo-choice"));
        Assert.Equal(before, await CountReadingsAsync());
    }

    /// <summary>What the choice form sent before offers were sealed: the candidates in the clear, one of them made up.</summary>
    private static async Task<HtmlBrowser.Page> PostWithOfferedListAsync(HtmlBrowser browser, ChoicePage choice, bool htmx)
    {
        var form = choice.Page.Form(HomePage.ChoiceFormSelector);
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action"))
        {
            Content = new FormUrlEncodedContent(
            [
                new("__RequestVerificationToken", token), new(HomePage.Fields.Depth, "lite"), new("Offered", "999"), new("Offered", "444"), new(HomePage.Fields.Choice, "999"),
            ]),
        };
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }
        var response = await browser.Client.SendAsync(request);
        var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        return new HtmlBrowser.Page(response, document, response.RequestMessage!.RequestUri!);
    }

    [Fact]
    public async Task An_offer_still_opens_29_minutes_later_and_not_31_minutes_later()
    {
        var (fresh, browser) = await UploadAsync();
        using var _ = browser;
        var (stale, other) = await UploadAsync();
        using var __ = other;

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        var before = await CountReadingsAsync();
        var read = await ChooseAsync(browser, fresh, new Dictionary<string, string> { [HomePage.Fields.Choice] = "444" });
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(before + 1, await CountReadingsAsync());

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var refused = await ChooseAsync(other, stale, new Dictionary<string, string> { [HomePage.Fields.Choice] = "444" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(RefusedText, refused.Document.QuerySelector("#result [role='alert']")?.TextContent);
        Assert.Equal(before + 1, await CountReadingsAsync());
    }

    [Fact]
    public async Task An_offer_sealed_with_an_expiry_in_the_past_is_refused_with_400_and_nothing_is_saved()
    {
        var (choice, browser) = await UploadAsync(htmx: true);
        using var _ = browser;
        var before = await CountReadingsAsync();
        // Past by the system clock too, which the protector itself checks.
        var expired = Seal(choice.Offered, DateTimeOffset.UtcNow.AddMinutes(-1));

        var refused = await ChooseAsync(browser, choice, new Dictionary<string, string> { [HomePage.Fields.Offer] = expired, [HomePage.Fields.Choice] = "444" }, htmx: true);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(RefusedText, refused.Text);
        Assert.Equal(before, await CountReadingsAsync());
    }

    [Fact]
    public async Task An_offer_sealed_by_the_server_for_other_numbers_lets_only_those_be_chosen()
    {
        var (choice, browser) = await UploadAsync();
        using var _ = browser;
        var sealedElsewhere = Seal(["1212", "777"], app.Clock.GetUtcNow().AddMinutes(10));

        var refused = await ChooseAsync(browser, choice, new Dictionary<string, string> { [HomePage.Fields.Offer] = sealedElsewhere, [HomePage.Fields.Choice] = "444" });
        var read = await ChooseAsync(browser, choice, new Dictionary<string, string> { [HomePage.Fields.Offer] = sealedElsewhere, [HomePage.Fields.Choice] = "777" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(["1212", "777"], refused.Document.QuerySelectorAll(HomePage.ChoiceOptionsSelector).Select(i => i.GetAttribute("value")!));
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("777", read.Document.QuerySelector("#result .reading-title")?.TextContent.Trim());
    }
}
