using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.Pages.Account.Manage;
using Vybe.Web.Readings;
using Vybe.Web.Tests.History;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Accounts;

/// <summary>The personal-numbers and time-zone settings and the personal day under a reading: the one place that knows their selectors.</summary>
public static class PersonalPages
{
    public const string PersonalPath = "/Account/Manage/Personal";
    public const string TimeZonePath = "/Account/Manage/TimeZone";
    public const string BirthDateField = "Input.BirthDate";
    public const string TimeZoneField = "Input.TimeZone";
    public const string SaveForm = "main form:not([action*='handler=Remove'])";
    public const string RemoveForm = "main form[action*='handler=Remove']";
    public const string PersonalDayBlock = "section.personal-day";
    public const string Invitation = ".personal-day-invite";

    public static async Task<HtmlBrowser.Page> SetBirthDateAsync(this HtmlBrowser browser, string birthDate)
    {
        var page = await browser.GetAsync(PersonalPath);
        return await browser.SubmitAsync(page, new Dictionary<string, string> { [BirthDateField] = birthDate }, SaveForm);
    }

    public static async Task<HtmlBrowser.Page> SetTimeZoneAsync(this HtmlBrowser browser, string zone)
    {
        var page = await browser.GetAsync(TimeZonePath);
        return await browser.SubmitAsync(page, new Dictionary<string, string> { [TimeZoneField] = zone });
    }
}

/// <summary>
/// A member's birth date and time zone through the account pages, and the personal day each of the
/// member's readings shows (never on a shared link, never for guests), over HTTP on PostgreSQL.
/// </summary>
public sealed class PersonalNumbersPageTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    private Task<(DateOnly? BirthDate, string? TimeZone)> SettingsAsync(Guid userId) => app.WithDbAsync(db =>
        db.Users.Where(u => u.Id == userId).Select(u => new ValueTuple<DateOnly?, string?>(u.BirthDate, u.TimeZone)).SingleAsync());

    /// <summary>A reading of <paramref name="digits"/> seen at <paramref name="seenAt"/>, straight into the member's history.</summary>
    private async Task<Guid> SeenAsync(Member member, string digits, DateTimeOffset seenAt)
    {
        var row = await HistorySteps.ReadingOfAsync(digits, app.Now());
        row.UserId = member.Id;
        row.SeenAt = seenAt;
        await app.InsertAsync(row);
        return row.Id;
    }

    [Fact]
    public async Task A_member_saves_a_birth_date_and_sees_the_life_path_and_the_method_then_removes_it()
    {
        using var member = await app.SignUpMemberAsync();
        var empty = await member.Browser.GetAsync(PersonalPages.PersonalPath);
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Null(empty.Document.QuerySelector(".personal-numbers"));
        Assert.Null(empty.Document.QuerySelector(PersonalPages.RemoveForm));
        Assert.Contains("optional", empty.Text, StringComparison.OrdinalIgnoreCase);

        var saved = await member.Browser.SetBirthDateAsync("1990-11-29");

        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Equal(PersonalPages.PersonalPath, saved.Url.AbsolutePath);
        Assert.Contains(PersonalModel.SavedMessage, saved.Document.QuerySelector("[role=status]")?.TextContent);
        Assert.Equal(new DateOnly(1990, 11, 29), (await SettingsAsync(member.Id)).BirthDate);
        // 11 + (29 → 11) + (1990 → 1) = 23 → 5, worked out by hand.
        var lifePath = saved.Document.QuerySelector(".personal-numbers dd .core-number")?.TextContent;
        Assert.Equal("5", lifePath);
        Assert.Equal(4, saved.Document.QuerySelectorAll(".personal-numbers .core-number").Length);
        Assert.Contains(PersonalNumbers.Method, saved.Text);
        Assert.Equal("1990-11-29", saved.Form(PersonalPages.SaveForm).QuerySelector("input[type=date]")?.GetAttribute("value"));

        var removed = await member.Browser.SubmitAsync(saved, formSelector: PersonalPages.RemoveForm);

        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.Contains(PersonalModel.RemovedMessage, removed.Document.QuerySelector("[role=status]")?.TextContent);
        Assert.Null((await SettingsAsync(member.Id)).BirthDate);
        Assert.Null(removed.Document.QuerySelector(".personal-numbers"));
    }

    [Theory]
    [InlineData("2999-01-01", PersonalNumbers.BirthDateInFutureMessage)]
    [InlineData("1899-12-31", PersonalNumbers.BirthDateTooEarlyMessage)]
    [InlineData("29/11/1990", PersonalNumbers.BirthDateFormatMessage)]
    [InlineData("", PersonalNumbers.BirthDateEmptyMessage)]
    [InlineData("1991-02-29", "There is no such day as 1991-02-29: check the month and the day.")]
    public async Task A_bad_birth_date_is_refused_with_its_reason_keeps_what_was_typed_and_changes_nothing(string typed, string message)
    {
        using var member = await app.SignUpMemberAsync();
        await member.Browser.SetBirthDateAsync("1985-07-04");

        var refused = await member.Browser.SetBirthDateAsync(typed);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(message, refused.ErrorFor(PersonalPages.BirthDateField));
        var field = refused.Form(PersonalPages.SaveForm).QuerySelector("input[type=date]")!;
        Assert.Equal(typed, field.GetAttribute("value") ?? "");
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Equal(new DateOnly(1985, 7, 4), (await SettingsAsync(member.Id)).BirthDate);
    }

    [Fact]
    public async Task A_member_chooses_a_time_zone_from_the_list_or_goes_back_to_the_browsers_and_an_unknown_one_is_refused()
    {
        using var member = await app.SignUpMemberAsync();
        var page = await member.Browser.GetAsync(PersonalPages.TimeZonePath);
        var options = page.Form().QuerySelectorAll("select option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal("", options[0]);
        Assert.Contains("Europe/Paris", options);
        Assert.Equal(Vybe.Web.Web.VisitorTimeZones.All.Count + 1, options.Count);

        var chosen = await member.Browser.SetTimeZoneAsync("Europe/Paris");

        Assert.Equal(HttpStatusCode.OK, chosen.Status);
        Assert.Equal("Europe/Paris", (await SettingsAsync(member.Id)).TimeZone);
        Assert.Equal("Europe/Paris", chosen.Form().QuerySelector("select option[selected]")?.GetAttribute("value"));

        // A browser only sends a listed zone; a hand-made request can send anything.
        var refused = await member.Browser.SetTimeZoneAsync("Mars/Olympus_Mons");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(TimeZoneModel.UnknownZoneMessage, refused.ErrorFor(PersonalPages.TimeZoneField));
        Assert.Equal("Europe/Paris", (await SettingsAsync(member.Id)).TimeZone);

        var browsers = await member.Browser.SetTimeZoneAsync("");

        Assert.Equal(HttpStatusCode.OK, browsers.Status);
        Assert.Null((await SettingsAsync(member.Id)).TimeZone);
    }

    [Fact]
    public async Task A_members_reading_says_how_its_core_number_relates_to_the_personal_day_it_was_seen_on_in_the_members_zone()
    {
        using var member = await app.SignUpMemberAsync();
        await member.Browser.SetBirthDateAsync("1990-11-29");
        // 14 → 5. Seen at 23:30 UTC on 14 March 2026: personal day 4 in UTC, and 5 on 15 March at UTC+14 (by hand:
        // year 5, month 8; 8 + 5 = 13 → 4; 8 + 6 = 14 → 5).
        var id = await SeenAsync(member, "14", new DateTimeOffset(2026, 3, 14, 23, 30, 0, TimeSpan.Zero));

        var inUtc = await member.Browser.GetAsync($"/r/{id}");

        var block = inUtc.Document.QuerySelector(PersonalPages.PersonalDayBlock);
        Assert.NotNull(block);
        Assert.Equal("4", block.QuerySelector(".personal-day-number")?.TextContent);
        Assert.Equal("Challenging", block.QuerySelector(".personal-day-harmony")?.TextContent);
        Assert.Equal("2026-03-14", block.QuerySelector("time")?.GetAttribute("datetime"));
        Assert.Equal("h2", block.QuerySelector("h2, h3")?.LocalName);

        await member.Browser.SetTimeZoneAsync("Pacific/Kiritimati");
        var inKiritimati = await member.Browser.GetAsync($"/r/{id}");

        block = inKiritimati.Document.QuerySelector(PersonalPages.PersonalDayBlock)!;
        Assert.Equal("5", block.QuerySelector(".personal-day-number")?.TextContent);
        Assert.Equal("The same number", block.QuerySelector(".personal-day-harmony")?.TextContent);
        Assert.Equal("2026-03-15", block.QuerySelector("time")?.GetAttribute("datetime"));
        Assert.Contains("Pacific/Kiritimati", block.TextContent);
    }

    [Fact]
    public async Task The_home_pages_answer_shows_the_personal_day_to_the_member_and_nothing_to_a_guest()
    {
        using var member = await app.SignUpMemberAsync();
        await member.Browser.SetBirthDateAsync("2000-01-08");
        using var guest = app.CreateBrowser();

        var answer = await member.Browser.ReadNumberAsync("444");
        var guestAnswer = await guest.ReadNumberAsync("444");
        var guestPermalink = await guest.GetAsync($"/r/{guestAnswer.SavedReadingId()}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("h3", answer.Document.QuerySelector($"{PersonalPages.PersonalDayBlock} h3")?.LocalName);
        Assert.Equal(HttpStatusCode.OK, guestAnswer.Status);
        Assert.All(new[] { guestAnswer, guestPermalink }, page =>
        {
            Assert.NotNull(page.Document.QuerySelector("article.reading"));
            Assert.Null(page.Document.QuerySelector(".personal-day"));
        });
    }

    [Fact]
    public async Task Without_a_birth_date_a_members_reading_invites_them_to_the_setting()
    {
        using var member = await app.SignUpMemberAsync();
        var id = await member.Browser.ReadNumberSavedAsync("777");

        var page = await member.Browser.GetAsync($"/r/{id}");

        Assert.Null(page.Document.QuerySelector(PersonalPages.PersonalDayBlock));
        Assert.Equal(PersonalPages.PersonalPath, page.Document.QuerySelector($"{PersonalPages.Invitation} a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task A_shared_reading_never_shows_the_personal_day_not_even_to_its_owner()
    {
        using var member = await app.SignUpMemberAsync();
        await member.Browser.SetBirthDateAsync("1978-11-04");
        var id = await member.Browser.ReadNumberSavedAsync("1212");
        var view = await member.Browser.GetAsync($"/r/{id}");
        Assert.NotNull(view.Document.QuerySelector(PersonalPages.PersonalDayBlock));
        var shared = await member.Browser.SubmitAsync(view, formSelector: "#share-panel form");
        var sharePath = new Uri(shared.Document.QuerySelector("#share-url")!.GetAttribute("value")!).AbsolutePath;
        using var stranger = app.CreateBrowser();

        foreach (var browser in new[] { stranger, member.Browser })
        {
            var page = await browser.GetAsync(sharePath);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.NotNull(page.Document.QuerySelector("article.reading"));
            Assert.Null(page.Document.QuerySelector(".personal-day"));
            Assert.DoesNotContain("1978", page.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_json_export_carries_the_birth_date_and_time_zone_and_a_guests_carries_no_account()
    {
        using var member = await app.SignUpMemberAsync();
        await member.Browser.SetBirthDateAsync("1996-02-29");
        await member.Browser.SetTimeZoneAsync("Asia/Tokyo");
        await member.Browser.ReadNumberSavedAsync("22");
        using var guest = app.CreateBrowser();
        await guest.ReadNumberSavedAsync("22");

        using var export = JsonDocument.Parse(await member.Browser.Client.GetStringAsync(HistoryExportPage.Url("json")));
        using var guestExport = JsonDocument.Parse(await guest.Client.GetStringAsync(HistoryExportPage.Url("json")));

        var account = export.RootElement.GetProperty("account");
        Assert.Equal(("1996-02-29", "Asia/Tokyo"), (account.GetProperty("birthDate").GetString(), account.GetProperty("timeZone").GetString()));
        Assert.Equal(1, export.RootElement.GetProperty("readings").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, guestExport.RootElement.GetProperty("account").ValueKind);
        Assert.Equal(1, guestExport.RootElement.GetProperty("readings").GetArrayLength());
    }

    [Fact]
    public async Task Deleting_the_account_deletes_the_birth_date_and_time_zone_with_it()
    {
        using var member = await app.SignUpMemberAsync("leaver");
        await member.Browser.SetBirthDateAsync("1993-02-09");
        await member.Browser.SetTimeZoneAsync("America/New_York");
        Assert.Equal((new DateOnly(1993, 2, 9), "America/New_York"), await SettingsAsync(member.Id));

        var confirm = await member.Browser.GetAsync("/Account/Manage/Delete");
        var deleted = await member.Browser.SubmitAsync(confirm, new Dictionary<string, string> { ["Input.Password"] = AccountSteps.StrongPassword });

        Assert.Equal("/", deleted.Url.AbsolutePath);
        // The birth date and zone are columns of the user's row, so they go with it; no other table holds them.
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Id == member.Id)));
    }

    [Theory]
    [InlineData(PersonalPages.PersonalPath)]
    [InlineData(PersonalPages.TimeZonePath)]
    public async Task The_settings_pages_send_guests_to_log_in(string path)
    {
        using var guest = app.CreateBrowser();

        var page = await guest.GetAsync(path, followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Contains("/Account/Login?ReturnUrl=", page.Response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_account_page_links_to_both_settings_and_says_what_is_set()
    {
        using var member = await app.SignUpMemberAsync();
        await member.Browser.SetTimeZoneAsync("Europe/Paris");

        var page = await member.Browser.GetAsync("/Account/Manage");

        Assert.NotNull(page.Document.QuerySelector($"main a[href='{PersonalPages.PersonalPath}']"));
        Assert.NotNull(page.Document.QuerySelector($"main a[href='{PersonalPages.TimeZonePath}']"));
        Assert.Contains("Europe/Paris", page.Text);
    }
}
