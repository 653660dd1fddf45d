using System.Net;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Readings;

/// <summary>The home page's reading forms, through HTTP as a browser would use them, with and without htmx.</summary>
public sealed class ReadingFormTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    private Task<int> CountReadingsAsync() => app.WithDbAsync(db => db.Readings.CountAsync());

    [Theory]
    [InlineData("lite", 1)]
    [InlineData("standard", 1)]
    [InlineData("deep", 5)]
    public async Task Reading_a_time_without_javascript_shows_the_whole_page_with_the_reading_and_saves_it(string depth, int sections)
    {
        using var browser = app.CreateBrowser();

        var page = await browser.ReadTimeAsync("11:11", depth);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("header.site-header"));
        var reading = page.Document.QuerySelector("#result[aria-live] article.reading");
        Assert.NotNull(reading);
        Assert.Equal("11:11", reading.QuerySelector(".reading-title")?.TextContent.Trim());
        Assert.Equal("4", reading.QuerySelector(".core-number")?.TextContent.Trim());
        Assert.Contains("1111 → 4", reading.TextContent);
        Assert.Equal(sections, reading.QuerySelectorAll(".reading-section").Length);
        Assert.All(reading.QuerySelectorAll(".reading-section p"), p => Assert.False(string.IsNullOrWhiteSpace(p.TextContent)));

        var saved = await app.WithDbAsync(db => db.Readings.AsNoTracking().OrderByDescending(r => r.CreatedAt).FirstAsync());
        Assert.Equal(("time", "11:11", "11:11", depth, "built-in"), (saved.Kind, saved.RawInput, saved.NormalizedInput, saved.Depth, saved.Writer));
        Assert.NotNull(saved.GuestId);
        Assert.Null(saved.UserId);
    }

    [Fact]
    public async Task Htmx_request_gets_the_reading_fragment_without_the_layout()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.ReadNumberAsync("444", "deep", htmx: true);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("HX-Request", page.Response.Headers.Vary);
        Assert.Null(page.Document.QuerySelector("header.site-header"));
        Assert.Null(page.Document.QuerySelector("#result"));
        Assert.Equal("444", page.Document.QuerySelector("article.reading .reading-title")?.TextContent.Trim());
        Assert.Equal("3", page.Document.QuerySelector("article.reading .core-number")?.TextContent.Trim());
        // The form comes along out of band so that old error messages go away.
        Assert.Equal("outerHTML", page.Document.QuerySelector("form" + HomePage.FormSelector(HomePage.Number))?.GetAttribute("hx-swap-oob"));
        var permalink = page.Document.QuerySelector(".reading-saved a")?.GetAttribute("href");
        Assert.Matches("^/r/[0-9a-f-]{36}$", permalink);
    }

    [Fact]
    public async Task The_form_posts_to_its_page_with_and_without_htmx_and_htmx_swaps_the_result_into_the_live_region()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync(HomePage.Url(HomePage.Time));

        var form = page.Document.QuerySelector("form" + HomePage.FormSelector(HomePage.Time))!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal(HomePage.Action(HomePage.Time), form.GetAttribute("action"));
        Assert.Equal(HomePage.Action(HomePage.Time), form.GetAttribute("hx-post"));
        Assert.Equal("#result", form.GetAttribute("hx-target"));
        Assert.Equal("polite", page.Document.QuerySelector("#result")?.GetAttribute("aria-live"));
        Assert.NotNull(form.QuerySelector($"button[data-fill-now='#{HomePage.FieldId(HomePage.Fields.Time)}'][hidden]"));
    }

    [Fact]
    public async Task Htmx_request_with_bad_input_gets_the_form_back_with_its_message_as_422()
    {
        using var browser = app.CreateBrowser();
        var before = await CountReadingsAsync();

        var page = await browser.ReadTimeAsync("25:00", htmx: true);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(HomePage.FormSelector(HomePage.Time), page.Response.Headers.GetValues("HX-Retarget").Single());
        Assert.Equal("outerHTML", page.Response.Headers.GetValues("HX-Reswap").Single());
        Assert.Null(page.Document.QuerySelector("header.site-header"));
        Assert.Contains("no hour 25", page.ErrorFor(HomePage.Fields.Time));
        Assert.Equal("true", page.Document.QuerySelector("#" + HomePage.FieldId(HomePage.Fields.Time))?.GetAttribute("aria-invalid"));
        Assert.Equal("25:00", page.Document.QuerySelector("#" + HomePage.FieldId(HomePage.Fields.Time))?.GetAttribute("value"));
        Assert.Equal(before, await CountReadingsAsync());
    }

    public static TheoryData<string, string> BadTimes => new()
    {
        { "", "Enter a time" },
        { "   ", "Enter a time" },
        { "25:00", "no hour 25" },
        { "12:60", "no minute 60" },
        { "abc", "hours and minutes" },
        { "-5", "hours and minutes" },
        { "4.5", "hours and minutes" },
        { "1234567890123", "hours and minutes" },
        { new string('1', 41), "too long" },
        { new string('9', 10_000), "too long" },
        { "11:\u000711", "control characters" },
        { "11\u200B:11", "control characters" },
        { "13:00 pm", "1 to 12" },
    };

    [Theory]
    [MemberData(nameof(BadTimes))]
    public async Task Bad_time_shows_the_form_with_its_message_and_saves_nothing(string time, string message)
    {
        using var browser = app.CreateBrowser();
        var before = await CountReadingsAsync();

        var page = await browser.ReadTimeAsync(time);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains(message, page.ErrorFor(HomePage.Fields.Time));
        Assert.Null(page.Document.QuerySelector("article.reading"));
        Assert.Equal(before, await CountReadingsAsync());
    }

    public static TheoryData<string, string> BadNumbers => new()
    {
        { "", "Enter a number" },
        { "abc", "digits only" },
        { "-5", "minus sign" },
        { "4.5", "decimal point" },
        { "1234567890123", "13 digits" },
        { new string('7', 41), "too long" },
        { "11:11", "time form" },
        { "12a4", "digits only" },
    };

    [Theory]
    [MemberData(nameof(BadNumbers))]
    public async Task Bad_number_shows_the_form_with_its_message_and_saves_nothing(string number, string message)
    {
        using var browser = app.CreateBrowser();
        var before = await CountReadingsAsync();

        var page = await browser.ReadNumberAsync(number);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains(message, page.ErrorFor(HomePage.Fields.Number));
        Assert.Equal(before, await CountReadingsAsync());
    }

    [Fact]
    public async Task A_nul_character_is_refused_with_400_and_a_page_that_says_why()
    {
        using var browser = app.CreateBrowser();
        var before = await CountReadingsAsync();

        // The framework refuses a form that carries a NUL character before any page code runs.
        var page = await browser.ReadNumberAsync("44\u00004");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("control character", page.Text);
        Assert.Equal(before, await CountReadingsAsync());
    }

    [Theory]
    [InlineData("", "444", HomePage.Fields.First, HomePage.Fields.Second)]
    [InlineData("25:00", "444", HomePage.Fields.First, HomePage.Fields.Second)]
    [InlineData("11:11", "-5", HomePage.Fields.Second, HomePage.Fields.First)]
    [InlineData("abc", "1234567890123", HomePage.Fields.First, "")]
    public async Task Bad_compare_input_marks_each_bad_field_and_saves_nothing(string first, string second, string badField, string goodField)
    {
        using var browser = app.CreateBrowser();
        var before = await CountReadingsAsync();

        var page = await browser.CompareAsync(first, second);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.NotEmpty(page.ErrorFor(badField));
        if (goodField.Length > 0)
        {
            Assert.Empty(page.ErrorFor(goodField));
        }
        Assert.Equal(before, await CountReadingsAsync());
    }

    [Theory]
    [InlineData(null, "Choose how deep")]
    [InlineData("", "Choose how deep")]
    [InlineData("medium", "no such depth")]
    [InlineData("DEEP; DROP TABLE readings", "no such depth")]
    public async Task Missing_or_unknown_depth_shows_the_message_and_saves_nothing(string? depth, string message)
    {
        using var browser = app.CreateBrowser();
        var before = await CountReadingsAsync();

        var page = await browser.ReadTimeAsync("11:11", depth);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains(message, page.ErrorFor(HomePage.Fields.Depth));
        Assert.Equal(before, await CountReadingsAsync());
    }

    [Theory]
    [InlineData("time", "１１：１１", "11:11", "4")]
    [InlineData("time", "١١:١١", "11:11", "4")]
    [InlineData("number", "٤٤٤", "444", "3")]
    [InlineData("number", "۴۴۴", "444", "3")]
    [InlineData("number", "４４４", "444", "3")]
    [InlineData("number", " 12 34 ", "1234", "1")]
    public async Task Digits_of_other_scripts_are_read_as_the_same_digits(string form, string input, string normalized, string core)
    {
        using var browser = app.CreateBrowser();

        var page = await browser.ReadAsync(form, new Dictionary<string, string> { [form == HomePage.Time ? HomePage.Fields.Time : HomePage.Fields.Number] = input });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(normalized, page.Document.QuerySelector(".reading-title")?.TextContent.Trim());
        Assert.Equal(core, page.Document.QuerySelector(".core-number")?.TextContent.Trim());
    }

    [Fact]
    public async Task The_depth_chosen_last_is_selected_next_time()
    {
        using var browser = app.CreateBrowser();
        var fresh = await browser.GetAsync("/");
        Assert.Equal("standard", fresh.Document.QuerySelector($"input[name='{HomePage.Fields.Depth}'][checked]")?.GetAttribute("value"));

        await browser.ReadNumberAsync("1212", "deep");
        var later = await browser.GetAsync(HomePage.Url(HomePage.Compare));

        Assert.Equal("deep", later.Document.QuerySelector($"input[name='{HomePage.Fields.Depth}'][checked]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Compare_shows_both_core_numbers_and_how_they_relate_and_is_saved()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.CompareAsync("11:11", "9:55 pm", "deep");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var reading = page.Document.QuerySelector("article.reading")!;
        Assert.Equal("11:11 & 9:55 pm", reading.QuerySelector(".reading-title")?.TextContent.Trim());
        Assert.Equal(["4", "1", "5"], reading.QuerySelectorAll(".core-number").Select(e => e.TextContent.Trim()));
        Assert.Contains("Different families", reading.TextContent);
        var saved = await app.WithDbAsync(db => db.Readings.AsNoTracking().OrderByDescending(r => r.CreatedAt).FirstAsync());
        Assert.Equal(("compare", "11:11 | 9:55 pm"), (saved.Kind, saved.RawInput));
    }

    [Fact]
    public async Task The_largest_number_reads_without_trouble()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.ReadNumberAsync("999999999999", "deep");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("999999999999 → 108 → 9", page.Document.QuerySelector("article.reading")?.TextContent);
    }
}
