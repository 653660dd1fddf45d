using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.ErrorLog;
using Vybe.Web.History;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.History;

/// <summary>The history pages, the permalink and share link, and the exports, through HTTP as a browser uses them.</summary>
public sealed class HistoryPageTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    private static async Task<JsonElement> ExportJsonAsync(HtmlBrowser browser)
    {
        using var response = await browser.Client.GetAsync(HistoryExportPage.Url("json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("readings").Clone();
    }

    private static IEnumerable<Guid> Ids(JsonElement export) => export.EnumerateArray().Select(r => r.GetProperty("id").GetGuid());

    [Fact]
    public async Task History_lists_newest_first_20_a_page_with_a_load_more_link_that_htmx_turns_into_rows()
    {
        using var member = await app.SignUpMemberAsync();
        var newestFirst = (await app.SeedAsync(member.Owner, 45, app.Now().AddMinutes(-5))).Reverse().ToList();

        var first = await member.Browser.GetAsync(HistoryListPage.Path);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(newestFirst.Take(20), first.AsHistory().Ids);
        var more = first.AsHistory().LoadMoreHref;
        Assert.NotNull(more);
        Assert.StartsWith(HistoryListPage.Before(""), more);
        Assert.Equal(more, first.AsHistory().LoadMoreHxGet);

        var second = await member.Browser.GetAsync(more);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.NotNull(second.Document.QuerySelector("header.site-header"));
        Assert.Equal(newestFirst.Skip(20).Take(20), second.AsHistory().Ids);

        var fragment = await member.Browser.GetAsync(more, htmx: true);
        Assert.Equal(HttpStatusCode.OK, fragment.Status);
        Assert.Contains("HX-Request", fragment.Response.Headers.Vary);
        Assert.Null(fragment.Document.QuerySelector("header.site-header"));
        Assert.Null(fragment.Document.QuerySelector("h1"));
        Assert.False(fragment.AsHistory().HasList);
        Assert.All(fragment.Document.Body!.Children, element => Assert.Equal("LI", element.TagName));
        Assert.Equal(second.AsHistory().Ids, fragment.AsHistory().Ids);
        Assert.NotNull(fragment.AsHistory().LoadMoreHref);
        Assert.Equal(second.AsHistory().LoadMoreHref, fragment.AsHistory().LoadMoreHref);

        var third = await member.Browser.GetAsync(second.AsHistory().LoadMoreHref!);
        var thirdFragment = await member.Browser.GetAsync(second.AsHistory().LoadMoreHref!, htmx: true);
        Assert.Equal(newestFirst.Skip(40), third.AsHistory().Ids);
        Assert.Null(third.AsHistory().LoadMoreHref);
        Assert.Equal(newestFirst.Skip(40), thirdFragment.AsHistory().Ids);
        Assert.Null(thirdFragment.AsHistory().LoadMore);

        Assert.Equal(newestFirst, first.AsHistory().Ids.Concat(second.AsHistory().Ids).Concat(third.AsHistory().Ids));
    }

    [Fact]
    public async Task Readings_saved_at_the_same_instant_are_neither_repeated_nor_skipped_across_pages()
    {
        using var member = await app.SignUpMemberAsync();
        var instant = app.Now().AddMinutes(-1);
        var rows = new List<StoredReading>();
        for (var i = 0; i < 25; i++)
        {
            var row = await HistorySteps.ReadingOfAsync($"{300 + i}", instant);
            row.UserId = member.Id;
            rows.Add(row);
        }
        await app.InsertAsync(rows.ToArray());

        var first = await member.Browser.GetAsync(HistoryListPage.Path);
        var second = await member.Browser.GetAsync(first.AsHistory().LoadMoreHref!, htmx: true);

        Assert.Equal(20, first.AsHistory().Ids.Count);
        Assert.Equal(5, second.AsHistory().Ids.Count);
        Assert.Null(second.AsHistory().LoadMoreHref);
        Assert.Equal(await app.MemberReadingIdsAsync(member.Id), first.AsHistory().Ids.Concat(second.AsHistory().Ids));
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("bm90LWEtY3Vyc29y")] // "not-a-cursor"
    [InlineData("MTIzX25vdC1hLWd1aWQ")] // "123_not-a-guid"
    [InlineData("LTFfMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDE")] // "-1_000…1"
    [InlineData("QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB")]
    public async Task An_invalid_before_position_gets_400_with_a_message(string before)
    {
        using var member = await app.SignUpMemberAsync();

        var page = await member.Browser.GetAsync(HistoryListPage.Before(before));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("not one this page made", page.Text);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(3155378975999999999L)] // DateTimeOffset.MaxValue
    public async Task A_well_formed_before_position_at_the_ends_of_time_gets_a_page_not_an_error(long ticks)
    {
        using var member = await app.SignUpMemberAsync();
        await app.SeedAsync(member.Owner, 2, app.Now().AddMinutes(-1));

        var page = await member.Browser.GetAsync(HistoryListPage.Before(new HistoryCursor(ticks, Guid.NewGuid()).ToString()));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.AsHistory().LoadMoreHref);
    }

    [Fact]
    public async Task Deleting_a_reading_from_its_row_removes_it_with_and_without_htmx()
    {
        using var member = await app.SignUpMemberAsync();
        var kept = await member.Browser.ReadNumberSavedAsync("111");
        var plain = await member.Browser.ReadNumberSavedAsync("222");
        var viaHtmx = await member.Browser.ReadNumberSavedAsync("333");

        var list = await member.Browser.GetAsync(HistoryListPage.Path);
        var posted = await member.Browser.SubmitAsync(list.AsHistory().DeleteForm(plain), pageUrl: list.Url, followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Equal(HistoryListPage.Path, posted.Response.Headers.Location?.OriginalString);
        var after = await member.Browser.GetAsync(HistoryListPage.Path);
        Assert.Contains("The reading was deleted.", after.AsHistory().Status);
        Assert.Equal([viaHtmx, kept], after.AsHistory().Ids);
        Assert.Null(await app.FindReadingAsync(plain));

        var fragment = await member.Browser.SubmitAsync(after.AsHistory().DeleteForm(viaHtmx), pageUrl: after.Url, htmx: true);

        Assert.Equal(HttpStatusCode.OK, fragment.Status);
        Assert.Equal("", await fragment.Response.Content.ReadAsStringAsync());
        Assert.Null(await app.FindReadingAsync(viaHtmx));
        Assert.Equal([kept], (await member.Browser.GetAsync(HistoryListPage.Path)).AsHistory().Ids);

        // The row's form posted again (a second tab, a double click): the reading is already gone.
        var again = await member.Browser.SubmitAsync(after.AsHistory().DeleteForm(viaHtmx), pageUrl: after.Url, htmx: true);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
    }

    [Fact]
    public async Task Clearing_asks_first_then_deletes_all_the_visitors_readings_and_no_one_elses()
    {
        using var member = await app.SignUpMemberAsync("clearer");
        using var other = await app.SignUpMemberAsync("bystander");
        await member.Browser.ReadNumberSavedAsync("111");
        await member.Browser.ReadNumberSavedAsync("222");
        await member.Browser.ReadNumberSavedAsync("333");
        var othersReading = await other.Browser.ReadNumberSavedAsync("444");

        var confirm = await member.Browser.GetAsync(HistoryClearPage.Path);

        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.Contains("This deletes all 3 readings", confirm.Text);
        Assert.Equal("Delete all my readings", new HistoryClearPage(confirm).ConfirmButton);
        Assert.Equal(3, (await app.MemberReadingIdsAsync(member.Id)).Count);

        var cleared = await new HistoryClearPage(confirm).ConfirmAsync(member.Browser);

        Assert.Equal(HttpStatusCode.OK, cleared.Status);
        Assert.Equal(HistoryListPage.Path, cleared.Url.AbsolutePath);
        Assert.Contains("3 readings were deleted.", cleared.Text);
        Assert.True(cleared.AsHistory().IsEmpty);
        Assert.Empty(await app.MemberReadingIdsAsync(member.Id));
        Assert.Equal([othersReading], await app.MemberReadingIdsAsync(other.Id));
        Assert.Contains("nothing to clear", (await member.Browser.GetAsync(HistoryClearPage.Path)).Text);
    }

    [Fact]
    public async Task Export_as_json_downloads_every_reading_with_its_facts_and_sections()
    {
        using var member = await app.SignUpMemberAsync();
        var time = (await member.Browser.ReadTimeAsync("11:11", "deep")).SavedReadingId();
        var number = await member.Browser.ReadNumberSavedAsync("444", "lite");
        var compare = (await member.Browser.CompareAsync("11:11", "9:55 pm")).SavedReadingId();

        using var response = await member.Browser.Client.GetAsync(HistoryExportPage.Url("json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var readings = document.RootElement.GetProperty("readings").EnumerateArray().ToList();
        Assert.Equal([compare, number, time], readings.Select(r => r.GetProperty("id").GetGuid()));

        var compared = readings[0];
        Assert.Equal(("compare", "11:11 | 9:55 pm", "11:11 & 9:55 pm", "standard"),
            (compared.GetProperty("kind").GetString(), compared.GetProperty("input").GetString(),
                compared.GetProperty("normalizedInput").GetString(), compared.GetProperty("depth").GetString()));
        Assert.Equal(4, compared.GetProperty("numbers").GetProperty("first").GetProperty("coreNumber").GetInt32());
        Assert.Equal(1, compared.GetProperty("numbers").GetProperty("second").GetProperty("coreNumber").GetInt32());

        var read = readings[2];
        Assert.Equal(("time", "11:11", "11:11", "deep", "built-in"),
            (read.GetProperty("kind").GetString(), read.GetProperty("input").GetString(), read.GetProperty("normalizedInput").GetString(),
                read.GetProperty("depth").GetString(), read.GetProperty("writer").GetString()));
        Assert.Equal(4, read.GetProperty("numbers").GetProperty("coreNumber").GetInt32());
        Assert.Equal(5, read.GetProperty("sections").GetArrayLength());
        Assert.Equal(3, readings[1].GetProperty("numbers").GetProperty("coreNumber").GetInt32());
        Assert.All(readings, r =>
        {
            Assert.True(r.GetProperty("readable").GetBoolean());
            Assert.False(r.GetProperty("shared").GetBoolean());
            Assert.All(r.GetProperty("sections").EnumerateArray(), s => Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("body").GetString())));
        });
    }

    [Fact]
    public async Task Export_as_csv_has_the_header_one_crlf_line_per_reading_and_guards_formulas()
    {
        using var member = await app.SignUpMemberAsync();
        var deep = (await member.Browser.ReadTimeAsync("12:21", "deep")).SavedReadingId();
        var lite = await member.Browser.ReadNumberSavedAsync("1234", "lite");
        // The forms refuse such input; a row that holds it anyway must not become a spreadsheet formula.
        var formula = await HistorySteps.ReadingOfAsync("11", app.Now().AddHours(-1), rawInput: "=1+1");
        formula.UserId = member.Id;
        await app.InsertAsync(formula);

        using var response = await member.Browser.Client.GetAsync(HistoryExportPage.Url("csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal(5, lines.Length);
        Assert.Equal(string.Join(",", HistoryExport.CsvHeader), lines[0]);
        Assert.Equal("", lines[^1]);
        Assert.Equal([lite, deep, formula.Id], lines[1..^1].Select(line => Guid.Parse(line.Split(',')[0])));
        Assert.Equal(["number", "'=1+1", "11", "standard"], lines[3].Split(',')[2..6]);
        Assert.Equal(["time", "12:21", "12:21", "deep", "6"], lines[2].Split(',')[2..7]);
        // A deep reading's sections are one quoted cell, with plain line feeds inside.
        Assert.Contains("\n\n", lines[2]);
    }

    [Theory]
    [InlineData(HistoryExportPage.Path + "?format=xml")]
    [InlineData(HistoryExportPage.Path)]
    public async Task Export_in_an_unknown_format_gets_400_with_a_message(string url)
    {
        using var member = await app.SignUpMemberAsync();

        using var response = await member.Browser.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("format=json or format=csv", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_visitor_gets_404_for_a_readings_permalink_share_and_delete_and_cannot_export_it()
    {
        using var owner = await app.SignUpMemberAsync("owner");
        using var intruder = await app.SignUpMemberAsync("intruder");
        var secret = await owner.Browser.ReadNumberSavedAsync("1111");
        var intrudersOwn = await intruder.Browser.ReadNumberSavedAsync("2222");
        var intrudersView = await intruder.Browser.GetAsync($"/r/{intrudersOwn}");
        var intrudersList = await intruder.Browser.GetAsync(HistoryListPage.Path);

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Browser.GetAsync($"/r/{secret}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Browser.GetAsync($"/r/{Guid.NewGuid()}")).Status);

        var share = intrudersView.Form("#share-panel form");
        share.SetAttribute("action", $"/r/{secret}?handler=Share");
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Browser.SubmitAsync(share, pageUrl: intrudersView.Url)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Browser.SubmitAsync(share, pageUrl: intrudersView.Url, htmx: true)).Status);

        var delete = intrudersList.AsHistory().DeleteForm(intrudersOwn);
        delete.SetAttribute("action", HistoryListPage.DeleteUrl(secret));
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Browser.SubmitAsync(delete, pageUrl: intrudersList.Url)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Browser.SubmitAsync(delete, pageUrl: intrudersList.Url, htmx: true)).Status);

        Assert.Equal([intrudersOwn], Ids(await ExportJsonAsync(intruder.Browser)));

        using var guest = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/r/{secret}")).Status);
        await guest.ReadNumberSavedAsync("3333");
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/r/{secret}")).Status);

        var row = await app.FindReadingAsync(secret);
        Assert.NotNull(row);
        Assert.Null(row.ShareToken);
        Assert.Equal(owner.Id, row.UserId);
        Assert.Equal(HttpStatusCode.OK, (await owner.Browser.GetAsync($"/r/{secret}")).Status);
        Assert.Equal([intrudersOwn], await app.MemberReadingIdsAsync(intruder.Id));
    }

    [Fact]
    public async Task Sharing_makes_a_read_only_noindex_link_that_revoking_ends_and_sharing_again_renews()
    {
        using var owner = await app.SignUpMemberAsync("sharer");
        var id = await owner.Browser.ReadNumberSavedAsync("1221", "deep");
        var view = await owner.Browser.GetAsync($"/r/{id}");
        Assert.Null(view.Document.QuerySelector("#share-url"));

        var shared = await owner.Browser.SubmitAsync(view, formSelector: "#share-panel form");

        Assert.Equal(HttpStatusCode.OK, shared.Status);
        Assert.Equal($"/r/{id}", shared.Url.AbsolutePath);
        Assert.Contains("Anyone with the link can now read this reading.", shared.Text);
        var link = shared.Document.QuerySelector("#share-url")?.GetAttribute("value");
        Assert.NotNull(link);
        Assert.Matches("^http://localhost/s/[A-Za-z0-9_-]{20,}$", link);
        var sharePath = new Uri(link).AbsolutePath;

        using var stranger = app.CreateBrowser();
        var seen = await stranger.GetAsync(sharePath);
        Assert.Equal(HttpStatusCode.OK, seen.Status);
        Assert.Equal("1221", seen.Document.QuerySelector("article.reading .reading-title")?.TextContent.Trim());
        Assert.Equal(5, seen.Document.QuerySelectorAll("article.reading .reading-section").Length);
        Assert.NotNull(seen.Document.QuerySelector("meta[name=robots][content=noindex]"));
        Assert.Null(seen.Document.QuerySelector("#share-panel"));
        Assert.DoesNotContain(seen.Document.QuerySelectorAll("form"), f => f.GetAttribute("action")?.Contains("handler=", StringComparison.Ordinal) == true);
        Assert.Null(seen.AsHistory().Row(id));

        var revoked = await owner.Browser.SubmitAsync(shared.Form("#share-panel form"), pageUrl: shared.Url, htmx: true);

        Assert.Equal(HttpStatusCode.OK, revoked.Status);
        Assert.Contains("HX-Request", revoked.Response.Headers.Vary);
        Assert.Null(revoked.Document.QuerySelector("header.site-header"));
        Assert.Equal(["share-panel"], revoked.Document.Body!.Children.Select(e => e.Id));
        Assert.Null(revoked.Document.QuerySelector("#share-url"));
        Assert.Equal("true", revoked.Document.QuerySelector("#share-panel form input[name=share]")?.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(sharePath)).Status);
        Assert.Null((await app.FindReadingAsync(id))!.ShareToken);

        var reshared = await owner.Browser.SubmitAsync(revoked.Form("#share-panel form"), pageUrl: shared.Url, htmx: true);

        var newLink = reshared.Document.QuerySelector("#share-url")?.GetAttribute("value");
        Assert.NotNull(newLink);
        Assert.NotEqual(link, newLink);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync(new Uri(newLink).AbsolutePath)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(sharePath)).Status);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("tampered")]
    [InlineData("oversized")]
    public async Task A_corrupted_guest_cookie_starts_a_fresh_guest(string corruption)
    {
        Guid? previousGuest = null;
        string cookie;
        if (corruption == "tampered")
        {
            using var earlier = app.CreateBrowser();
            var page = await earlier.ReadNumberAsync("123");
            var genuine = page.Response.SetCookieValue("vybe.guest")!;
            previousGuest = app.GuestIdInCookie(genuine);
            var middle = genuine.Length / 2;
            cookie = genuine[..middle] + (genuine[middle] == 'A' ? 'B' : 'A') + genuine[(middle + 1)..];
        }
        else
        {
            cookie = corruption == "garbage" ? "garbage" : new string('A', 4000);
        }
        using var browser = app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.Add("Cookie", $"vybe.guest={cookie}");

        var history = await browser.GetAsync(HistoryListPage.Path);

        Assert.Equal(HttpStatusCode.OK, history.Status);
        Assert.Empty(history.AsHistory().Ids);
        Assert.True(history.AsHistory().IsEmpty);

        var read = await browser.ReadNumberAsync("777");

        Assert.Equal(HttpStatusCode.OK, read.Status);
        var fresh = read.Response.SetCookieValue("vybe.guest");
        Assert.NotNull(fresh);
        var guestId = app.GuestIdInCookie(fresh);
        Assert.NotEqual(previousGuest, guestId);
        var id = read.SavedReadingId();
        Assert.Equal(guestId, (await app.FindReadingAsync(id))!.GuestId);
        Assert.Equal([id], await app.GuestReadingIdsAsync(guestId));

        browser.Client.DefaultRequestHeaders.Remove("Cookie");
        Assert.Equal([id], (await browser.GetAsync(HistoryListPage.Path)).AsHistory().Ids);
    }

    [Fact]
    public async Task A_stored_reading_that_cannot_be_parsed_shows_a_message_is_logged_and_does_not_break_the_pages()
    {
        using var member = await app.SignUpMemberAsync();
        var wrongNumbers = await member.Browser.ReadNumberSavedAsync("111");
        var noSections = await member.Browser.ReadNumberSavedAsync("222");
        var good = await member.Browser.ReadNumberSavedAsync("333");
        await app.WithDbAsync(db => db.Readings.Where(r => r.Id == wrongNumbers).ExecuteUpdateAsync(set => set.SetProperty(r => r.Numbers, """{"x":1}""")));
        await app.WithDbAsync(db => db.Readings.Where(r => r.Id == noSections).ExecuteUpdateAsync(set => set.SetProperty(r => r.Sections, "[]")));

        var history = await member.Browser.GetAsync(HistoryListPage.Path);

        Assert.Equal(HttpStatusCode.OK, history.Status);
        Assert.Equal([good, noSections, wrongNumbers], history.AsHistory().Ids);
        Assert.Contains(ReadingView.CorruptMessage, history.AsHistory().Row(wrongNumbers)!.TextContent);
        Assert.Contains(ReadingView.CorruptMessage, history.AsHistory().Row(noSections)!.TextContent);
        Assert.DoesNotContain(ReadingView.CorruptMessage, history.AsHistory().Row(good)!.TextContent);
        Assert.Equal("9", history.AsHistory().CoreOf(good));

        var permalink = await member.Browser.GetAsync($"/r/{wrongNumbers}");
        Assert.Equal(HttpStatusCode.OK, permalink.Status);
        Assert.Contains(ReadingView.CorruptMessage, permalink.Document.QuerySelector("article.reading-unreadable")?.TextContent);

        var logged = await Eventually.ReturnsAsync(
            () => app.WithDbAsync(db => db.ErrorLogs.AsNoTracking().Where(e => e.Code == ReadingViews.CorruptRowCode).ToListAsync()),
            rows => rows.Any(e => e.Details?.Contains(wrongNumbers.ToString(), StringComparison.Ordinal) == true)
                && rows.Any(e => e.Details?.Contains(noSections.ToString(), StringComparison.Ordinal) == true),
            "HISTORY_CORRUPT_ROW entries for both rows");
        Assert.All(logged.Where(e => e.Details!.Contains(wrongNumbers.ToString(), StringComparison.Ordinal)
                || e.Details.Contains(noSections.ToString(), StringComparison.Ordinal)),
            e => Assert.Equal(ErrorLogLevels.Warn, e.Level));

        var export = (await ExportJsonAsync(member.Browser)).EnumerateArray().ToDictionary(r => r.GetProperty("id").GetGuid());
        Assert.False(export[wrongNumbers].GetProperty("readable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, export[wrongNumbers].GetProperty("numbers").ValueKind);
        Assert.False(export[noSections].GetProperty("readable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, export[noSections].GetProperty("sections").ValueKind);
        Assert.True(export[good].GetProperty("readable").GetBoolean());

        using var csv = await member.Browser.Client.GetAsync(HistoryExportPage.Url("csv"));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.EndsWith(ReadingView.CorruptMessage, lines.Single(l => l.StartsWith(wrongNumbers.ToString(), StringComparison.Ordinal)));
        Assert.EndsWith(ReadingView.CorruptMessage, lines.Single(l => l.StartsWith(noSections.ToString(), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Deleting_the_account_deletes_its_readings_and_their_share_links()
    {
        using var member = await app.SignUpMemberAsync("leaver");
        using var other = await app.SignUpMemberAsync("stayer");
        var first = await member.Browser.ReadNumberSavedAsync("111");
        await member.Browser.ReadNumberSavedAsync("222");
        var othersReading = await other.Browser.ReadNumberSavedAsync("333");
        var view = await member.Browser.GetAsync($"/r/{first}");
        var shared = await member.Browser.SubmitAsync(view, formSelector: "#share-panel form");
        var sharePath = new Uri(shared.Document.QuerySelector("#share-url")!.GetAttribute("value")!).AbsolutePath;
        using var stranger = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync(sharePath)).Status);

        var confirm = await member.Browser.GetAsync("/Account/Manage/Delete");
        var deleted = await member.Browser.SubmitAsync(confirm, new Dictionary<string, string> { ["Input.Password"] = AccountSteps.StrongPassword },
            formSelector: "main form");

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("/", deleted.Url.AbsolutePath);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Id == member.Id)));
        Assert.Empty(await app.MemberReadingIdsAsync(member.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(sharePath)).Status);
        Assert.Equal([othersReading], await app.MemberReadingIdsAsync(other.Id));
    }
}
