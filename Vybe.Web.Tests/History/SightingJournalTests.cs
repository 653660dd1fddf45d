using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.History;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;
using Fields = Vybe.Web.Tests.Infrastructure.Pages.SightingPanelView.Fields;

namespace Vybe.Web.Tests.History;

/// <summary>The sighting journal through HTTP: logging a sighting on a reading or from history, its checks, filters and export.</summary>
public sealed class SightingJournalTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    /// <summary>A datetime-local value for an instant, in UTC (what a visitor with no known zone sees).</summary>
    private static string LocalUtc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private static DateTimeOffset Minute(DateTimeOffset instant) => new(instant.Ticks - instant.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    [Fact]
    public async Task A_sighting_logged_on_the_answer_without_javascript_is_saved_and_the_post_redirects_to_the_reading()
    {
        using var member = await app.SignUpMemberAsync();
        var answer = await member.Browser.ReadNumberAsync("444");
        var id = answer.SavedReadingId();
        var panel = new SightingPanelView(answer);
        Assert.False(panel.IsOpen);
        Assert.Equal("UTC", answer.Document.QuerySelector("[data-zone-label]")?.TextContent);
        var seen = Minute(app.Now().AddHours(-3));

        var posted = await member.Browser.SubmitAsync(panel.Form, new Dictionary<string, string>
        {
            [Fields.SeenAt] = LocalUtc(seen),
            [Fields.Place] = SightingPlaces.Clock,
            [Fields.Feeling] = SightingFeelings.Hopeful,
            [Fields.Note] = "On the oven clock,\r\njust as the phone rang.",
        }, answer.Url, followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Equal($"/r/{id}", posted.Response.Headers.Location?.OriginalString);
        var row = await app.FindReadingAsync(id);
        Assert.Equal(seen, row!.SeenAt);
        Assert.Equal("clock", row.SeenPlace);
        Assert.Equal("hopeful", row.Feeling);
        Assert.Equal("On the oven clock,\njust as the phone rang.", row.Note);

        var view = await member.Browser.GetAsync($"/r/{id}");
        var shown = new SightingPanelView(view);
        Assert.Contains("Your sighting was saved.", view.Text);
        Assert.Equal("A clock", shown.Fact("Where"));
        Assert.Equal("Hopeful", shown.Fact("Felt"));
        Assert.Equal(seen.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), shown.SeenTime?.GetAttribute("datetime"));
        Assert.EndsWith("UTC", shown.SeenTime?.TextContent);
        Assert.Equal(LocalUtc(seen), shown.Value(Fields.SeenAt));
        Assert.Equal("clock", shown.Value(Fields.Place));
    }

    [Fact]
    public async Task With_htmx_the_panel_is_swapped_in_place_with_what_was_saved()
    {
        using var member = await app.SignUpMemberAsync();
        var fragment = await member.Browser.ReadNumberAsync("1212", htmx: true);
        var id = fragment.SavedReadingId();
        var panel = new SightingPanelView(fragment);
        Assert.Equal($"#sighting-{id:N}", panel.Form.GetAttribute("hx-target"));

        var answer = await member.Browser.SubmitAsync(panel.Form, new Dictionary<string, string>
        {
            [Fields.Place] = SightingPlaces.Plate,
            [Fields.Note] = "A red car",
        }, fragment.Url, htmx: true);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Null(answer.Document.QuerySelector("header.site-header"));
        var swapped = new SightingPanelView(answer);
        Assert.Equal($"sighting-{id:N}", swapped.Panel?.Id);
        Assert.True(swapped.SaysSaved);
        Assert.Equal("A licence plate", swapped.Fact("Where"));
        Assert.Equal("A red car", swapped.Fact("Note"));
        var row = await app.FindReadingAsync(id);
        Assert.Equal(("plate", "A red car", (string?)null), (row!.SeenPlace, row.Note, row.Feeling));
        // The time was left as the form showed it: when the reading was made, to the minute.
        Assert.Equal(Minute(row.CreatedAt), row.SeenAt);
    }

    [Fact]
    public async Task A_sighting_is_logged_later_from_history_and_the_list_shows_it()
    {
        using var member = await app.SignUpMemberAsync();
        var id = await member.Browser.ReadNumberSavedAsync("777");
        var list = await member.Browser.GetAsync(HistoryListPage.Path + "?kind=number");
        var link = list.AsHistory().SightingLink(id);
        Assert.NotNull(link);

        var page = await member.Browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var panel = new SightingPanelView(page);
        Assert.True(panel.IsOpen);
        var note = string.Join(' ', Enumerable.Repeat("seven", 30));
        var posted = await member.Browser.SubmitAsync(panel.Form, new Dictionary<string, string>
        {
            [Fields.Place] = SightingPlaces.Receipt,
            [Fields.Feeling] = SightingFeelings.Curious,
            [Fields.Note] = note,
        }, page.Url, followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Equal(HistoryListPage.Path + "?kind=number", posted.Response.Headers.Location?.OriginalString);
        var after = await member.Browser.GetAsync(HistoryListPage.Path);
        Assert.Equal("A receipt or price", after.AsHistory().PlaceOf(id));
        Assert.Equal("Curious", after.AsHistory().FeelingOf(id));
        Assert.EndsWith("…", after.AsHistory().NoteOf(id));
        Assert.True(after.AsHistory().NoteOf(id)!.Length <= 81);
        Assert.NotNull(after.AsHistory().SeenOf(id)?.GetAttribute("datetime"));
        Assert.Contains("newest 100", after.JournalScope());
    }

    [Fact]
    public async Task A_guests_sighting_moves_into_the_account_on_signup()
    {
        using var browser = app.CreateBrowser();
        var answer = await browser.ReadNumberAsync("333");
        var id = answer.SavedReadingId();
        var guestList = await browser.GetAsync(HistoryListPage.Path);
        Assert.Contains("newest 20", guestList.JournalScope());
        var seen = Minute(app.Now().AddDays(-2));
        var posted = await browser.SubmitAsync(new SightingPanelView(answer).Form, new Dictionary<string, string>
        {
            [Fields.SeenAt] = LocalUtc(seen),
            [Fields.Place] = SightingPlaces.Page,
            [Fields.Feeling] = SightingFeelings.Joyful,
            [Fields.Note] = "In a book",
        }, answer.Url);
        Assert.Equal(HttpStatusCode.OK, posted.Status);

        using var member = await app.SignUpMemberAsync(browser: browser);

        var row = await app.FindReadingAsync(id);
        Assert.Equal(member.Id, row!.UserId);
        Assert.Null(row.GuestId);
        Assert.Equal((seen, "page", "joyful", "In a book"), (row.SeenAt, row.SeenPlace, row.Feeling, row.Note));
    }

    public static TheoryData<string, string, string> InvalidSightings => new()
    {
        { Fields.Place, "garden", "Pick where you saw it from the list." },
        { Fields.Feeling, "ecstatic", "Pick how you felt from the list." },
        { Fields.Note, new string('x', SightingLimits.NoteMaxLength + 1), "Keep the note to 500 characters" },
        { Fields.SeenAt, "yesterday", "Enter the date and time you saw it" },
        { Fields.SeenAt, "2026-02-30T10:00", "Enter the date and time you saw it" },
        { Fields.SeenAt, "FUTURE", "That is in the future" },
    };

    [Theory]
    [MemberData(nameof(InvalidSightings))]
    public async Task An_invalid_sighting_gets_422_with_its_message_keeps_what_was_typed_and_saves_nothing(string field, string value, string message)
    {
        using var member = await app.SignUpMemberAsync();
        var answer = await member.Browser.ReadNumberAsync("909");
        var id = answer.SavedReadingId();
        var before = await app.FindReadingAsync(id);
        if (value == "FUTURE")
        {
            value = LocalUtc(app.Now().AddHours(1));
        }
        var values = new Dictionary<string, string>
        {
            [Fields.Place] = SightingPlaces.Phone,
            [Fields.Feeling] = SightingFeelings.Calm,
            [Fields.Note] = "Kept as typed",
            [field] = value,
        };

        foreach (var htmx in new[] { false, true })
        {
            var page = await member.Browser.SubmitAsync(new SightingPanelView(answer).Form, values, answer.Url, htmx: htmx);

            Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
            Assert.Equal(htmx, page.Document.QuerySelector("header.site-header") is null);
            var panel = new SightingPanelView(page);
            Assert.True(panel.IsOpen);
            Assert.Contains(message, panel.ErrorFor(field));
            Assert.Equal("true", panel.Form.QuerySelector($"[name='{field}']")?.GetAttribute("aria-invalid"));
            foreach (var (name, typed) in values.Where(v => v.Key != field))
            {
                Assert.Equal(typed, panel.Value(name));
            }
            if (field == Fields.Note)
            {
                Assert.Equal(value, panel.Value(Fields.Note));
            }
        }
        var after = await app.FindReadingAsync(id);
        Assert.Equal((before!.SeenAt, before.SeenPlace, before.Feeling, before.Note), (after!.SeenAt, after.SeenPlace, after.Feeling, after.Note));
    }

    [Fact]
    public async Task A_time_a_few_minutes_ahead_of_the_server_is_allowed_as_clock_skew()
    {
        using var member = await app.SignUpMemberAsync();
        var answer = await member.Browser.ReadNumberAsync("818");
        var ahead = Minute(app.Now().AddMinutes(3));

        var posted = await member.Browser.SubmitAsync(new SightingPanelView(answer).Form,
            new Dictionary<string, string> { [Fields.SeenAt] = LocalUtc(ahead) }, answer.Url, followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Equal(ahead, (await app.FindReadingAsync(answer.SavedReadingId()))!.SeenAt);
    }

    [Fact]
    public async Task Someone_elses_reading_gets_404_for_its_sighting_page_and_post_and_stays_unchanged()
    {
        using var owner = await app.SignUpMemberAsync("owner");
        using var intruder = await app.SignUpMemberAsync("intruder");
        var secret = await owner.Browser.ReadNumberSavedAsync("4321");
        var own = await intruder.Browser.ReadNumberAsync("1234");

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Browser.GetAsync(SightingPanelView.Path(secret))).Status);
        using var guest = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync(SightingPanelView.Path(secret))).Status);
        var form = new SightingPanelView(own).Form;
        form.SetAttribute("action", SightingPanelView.Path(secret));
        var values = new Dictionary<string, string> { [Fields.Note] = "mine now" };
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Browser.SubmitAsync(form, values, own.Url)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Browser.SubmitAsync(form, values, own.Url, htmx: true)).Status);
        Assert.Null((await app.FindReadingAsync(secret))!.Note);
    }

    private async Task<HtmlBrowser.Page> FilterAsync(HtmlBrowser browser, IDictionary<string, string> filters, string? before = null)
    {
        // The test fills only filters the form has, as a person would.
        var form = (await browser.GetAsync(HistoryListPage.Path)).Form(HistoryJournal.FilterFormSelector);
        Assert.Equal("get", form.Method);
        Assert.All(filters.Keys, name => Assert.NotNull(form.QuerySelector($"[name='{name}']")));
        var query = string.Join('&', filters.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"));
        return await browser.GetAsync($"{HistoryListPage.Path}?{query}{(before is null ? "" : "&before=" + before)}");
    }

    private async Task<(Member Member, Dictionary<string, Guid> Ids)> SeedJournalAsync()
    {
        var member = await app.SignUpMemberAsync();
        var now = app.Now();
        var ids = new Dictionary<string, Guid>();
        async Task AddAsync(string name, string digits, string? place, DateTimeOffset seen, string kind = "number")
        {
            var row = await HistorySteps.ReadingOfAsync(digits, now.AddMinutes(-ids.Count - 1));
            row.UserId = member.Id;
            row.Kind = kind;
            row.SeenPlace = place;
            row.SeenAt = seen;
            await app.InsertAsync(row);
            ids[name] = row.Id;
        }
        await AddAsync("444-clock-today", "444", SightingPlaces.Clock, now.AddHours(-1));
        await AddAsync("444-plate-lastweek", "444", SightingPlaces.Plate, now.AddDays(-7));
        await AddAsync("1111-clock-lastweek", "1111", SightingPlaces.Clock, now.AddDays(-7), kind: "image");
        await AddAsync("222-none-lastmonth", "222", null, now.AddDays(-30));
        return (member, ids);
    }

    private static string Day(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task History_filters_by_number_kind_place_and_seen_dates_each_and_combined()
    {
        var (member, ids) = await SeedJournalAsync();
        using var _ = member;
        var now = app.Now();
        IEnumerable<Guid> Named(params string[] names) => names.Select(n => ids[n]);

        Assert.Equal(Named("444-clock-today", "444-plate-lastweek"), (await FilterAsync(member.Browser, new Dictionary<string, string> { ["number"] = " 4 4 4 " })).AsHistory().Ids);
        Assert.Equal(Named("1111-clock-lastweek"), (await FilterAsync(member.Browser, new Dictionary<string, string> { ["kind"] = "image" })).AsHistory().Ids);
        Assert.Equal(Named("444-clock-today", "1111-clock-lastweek"), (await FilterAsync(member.Browser, new Dictionary<string, string> { ["place"] = "clock" })).AsHistory().Ids);
        Assert.Equal(Named("444-plate-lastweek", "1111-clock-lastweek"), (await FilterAsync(member.Browser, new Dictionary<string, string>
        {
            ["from"] = Day(now.AddDays(-8)),
            ["to"] = Day(now.AddDays(-6)),
        })).AsHistory().Ids);
        var combined = await FilterAsync(member.Browser, new Dictionary<string, string>
        {
            ["number"] = "444",
            ["kind"] = "number",
            ["place"] = "clock",
            ["from"] = Day(now.AddDays(-1)),
        });
        Assert.Equal(Named("444-clock-today"), combined.AsHistory().Ids);
        Assert.Equal("444", (combined.Form(HistoryJournal.FilterFormSelector).QuerySelector("[name=number]") as AngleSharp.Html.Dom.IHtmlInputElement)?.Value);

        var none = await FilterAsync(member.Browser, new Dictionary<string, string> { ["number"] = "999" });
        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.True(none.SaysNothingMatches());
        Assert.Empty(none.AsHistory().Ids);
    }

    [Theory]
    [InlineData("number", "abc", "Enter a number")]
    [InlineData("kind", "poem", "Pick a kind")]
    [InlineData("place", "garden", "Pick a place")]
    [InlineData("from", "31/12/2026", "Enter a date")]
    public async Task A_filter_that_cannot_be_read_gets_400_with_its_message_and_the_form_keeps_it(string filter, string value, string message)
    {
        using var member = await app.SignUpMemberAsync();
        await app.SeedAsync(member.Owner, 1, app.Now().AddMinutes(-1));

        var page = await member.Browser.GetAsync($"{HistoryListPage.Path}?{filter}={Uri.EscapeDataString(value)}&number=111");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.FilterError(filter));
        Assert.Equal("true", page.Document.QuerySelector($"[name='{filter}']")?.GetAttribute("aria-invalid"));
        if (page.Document.QuerySelector($"input[name='{filter}']") is AngleSharp.Html.Dom.IHtmlInputElement input)
        {
            Assert.Equal(value, input.Value);
        }
    }

    [Fact]
    public async Task A_start_date_after_the_end_date_gets_400()
    {
        using var member = await app.SignUpMemberAsync();
        await app.SeedAsync(member.Owner, 1, app.Now().AddMinutes(-1));

        var page = await member.Browser.GetAsync($"{HistoryListPage.Path}?from=2026-11-10&to=2026-11-01");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("comes before the start date", page.FilterError("to"));
    }

    [Fact]
    public async Task Keyset_pages_keep_the_filters_with_and_without_htmx()
    {
        using var member = await app.SignUpMemberAsync();
        var rows = new List<StoredReading>();
        var now = app.Now();
        for (var i = 0; i < 50; i++)
        {
            var row = await HistorySteps.ReadingOfAsync((500 + i).ToString(CultureInfo.InvariantCulture), now.AddMinutes(-i - 1));
            row.UserId = member.Id;
            row.SeenPlace = i % 2 == 0 ? SightingPlaces.Phone : SightingPlaces.Other;
            rows.Add(row);
        }
        await app.InsertAsync(rows.ToArray());
        var phones = rows.Where(r => r.SeenPlace == SightingPlaces.Phone).Select(r => r.Id).ToList();

        var first = await FilterAsync(member.Browser, new Dictionary<string, string> { ["place"] = "phone" });
        var more = first.AsHistory().LoadMoreHref;

        Assert.Equal(phones.Take(20), first.AsHistory().Ids);
        Assert.NotNull(more);
        Assert.Contains("place=phone", more);
        Assert.Equal(more, first.AsHistory().LoadMoreHxGet);
        var second = await member.Browser.GetAsync(more);
        var fragment = await member.Browser.GetAsync(more, htmx: true);
        Assert.Equal(phones.Skip(20), second.AsHistory().Ids);
        Assert.Equal(phones.Skip(20), fragment.AsHistory().Ids);
        Assert.Null(second.AsHistory().LoadMoreHref);
    }

    [Fact]
    public async Task The_exports_carry_when_where_and_how_it_was_seen_and_the_note_safely()
    {
        using var member = await app.SignUpMemberAsync();
        var seen = app.Now().AddDays(-1);
        var row = await HistorySteps.ReadingOfAsync("1010", app.Now().AddMinutes(-1));
        row.UserId = member.Id;
        row.SeenAt = seen;
        row.SeenPlace = SightingPlaces.Receipt;
        row.Feeling = SightingFeelings.Uneasy;
        row.Note = "=HYPERLINK(\"x\"), then more";
        await app.InsertAsync(row);

        using var json = await member.Browser.Client.GetAsync(HistoryExportPage.Url("json"));
        using var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        var exported = document.RootElement.GetProperty("readings")[0];
        Assert.Equal(seen, exported.GetProperty("seenAt").GetDateTimeOffset());
        Assert.Equal("receipt", exported.GetProperty("place").GetString());
        Assert.Equal("uneasy", exported.GetProperty("feeling").GetString());
        Assert.Equal(row.Note, exported.GetProperty("note").GetString());

        using var csv = await member.Browser.Client.GetAsync(HistoryExportPage.Url("csv"));
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Contains("seen_at,place,feeling,note", lines[0]);
        Assert.Contains($",{seen.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},receipt,uneasy,\"'=HYPERLINK(\"\"x\"\"), then more\",", lines[1]);
    }

    [Fact]
    public async Task Times_show_in_the_members_account_zone_and_the_form_reads_them_in_it()
    {
        using var member = await app.SignUpMemberAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.TimeZone, "Asia/Tokyo")));
        var id = await member.Browser.ReadNumberSavedAsync("2323");
        var created = (await app.FindReadingAsync(id))!.CreatedAt;
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        var view = await member.Browser.GetAsync($"/r/{id}");
        var footer = view.Document.QuerySelector(".reading-meta time")!;
        Assert.Equal("Asia/Tokyo", footer.GetAttribute("data-zone"));
        Assert.Equal(TimeZoneInfo.ConvertTime(created, tokyo).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture), footer.TextContent);
        var panel = new SightingPanelView(view);
        Assert.Equal("Asia/Tokyo", panel.Value(Fields.TimeZone));
        Assert.Equal(TimeZoneInfo.ConvertTime(created, tokyo).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), panel.Value(Fields.SeenAt));

        var seenInTokyo = TimeZoneInfo.ConvertTime(Minute(created.AddHours(-5)), tokyo);
        var posted = await member.Browser.SubmitAsync(panel.Form,
            new Dictionary<string, string> { [Fields.SeenAt] = seenInTokyo.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) }, view.Url);
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Equal(Minute(created.AddHours(-5)), (await app.FindReadingAsync(id))!.SeenAt);
    }

    [Fact]
    public async Task A_visitor_without_an_account_zone_sees_the_browsers_zone_from_its_cookie_else_utc_labelled()
    {
        using var member = await app.SignUpMemberAsync();
        var id = await member.Browser.ReadNumberSavedAsync("5555");
        var view = await member.Browser.GetAsync($"/r/{id}");
        var shared = await member.Browser.SubmitAsync(view.Form("#share-panel form"), pageUrl: view.Url);
        var link = new Uri(((AngleSharp.Html.Dom.IHtmlInputElement)shared.Document.QuerySelector("#share-url")!).Value).PathAndQuery;
        var created = (await app.FindReadingAsync(id))!.CreatedAt;

        using var withCookie = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, link);
        request.Headers.Add("Cookie", "vybe-tz=America/New_York");
        using var response = await withCookie.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var newYork = TimeZoneInfo.ConvertTime(created, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Contains($" data-written-in=\"America/New_York\">{newYork.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)}</time>", html);

        using var guest = app.CreateBrowser();
        var plain = await guest.GetAsync(link);
        var time = plain.Document.QuerySelector(".reading-meta time")!;
        Assert.Equal(created.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture), time.TextContent);
        Assert.Null(time.GetAttribute("data-zone"));
        Assert.Equal("datetime", time.GetAttribute("data-local-time"));
        Assert.Equal("UTC", time.GetAttribute("data-written-in"));
    }
}
