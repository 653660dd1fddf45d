using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vybe.Web.History;
using Vybe.Web.Readings;
using Vybe.Web.Tests.History;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Numbers;

/// <summary>"Your numbers" through HTTP on PostgreSQL, for members and guests, from readings seeded with when they were seen.</summary>
public sealed class NumbersPageTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>A reading of a time or a number as the reading service stores it, made now and seen at <paramref name="seenAt"/>.</summary>
    private static async Task<StoredReading> SightingAsync(HistoryOwner owner, string input, DateTimeOffset seenAt, DateTimeOffset createdAt,
        ReadingKind kind = ReadingKind.Number)
    {
        ReadingSubject subject;
        if (kind == ReadingKind.Number)
        {
            Assert.True(NumberInput.TryParse(input, out var number, out _));
            subject = number.ToSubject();
        }
        else
        {
            Assert.True(TimeInput.TryParse(input, out var time, out _));
            subject = time.ToSubject();
        }
        var facts = NumerologyEngine.Read(subject);
        var written = await new BuiltInReadingWriter().WriteAsync(facts, ReadingDepth.Lite, CancellationToken.None);
        return new StoredReading
        {
            Id = Guid.NewGuid(),
            UserId = owner.UserId,
            GuestId = owner.GuestId,
            Kind = kind.Key(),
            RawInput = input,
            NormalizedInput = facts.Input,
            Depth = ReadingDepth.Lite.Key(),
            Numbers = ReadingJson.Serialize(facts),
            Writer = written.Writer,
            Sections = ReadingJson.Serialize(written.Sections),
            CreatedAt = createdAt,
            SeenAt = seenAt,
        };
    }

    /// <summary>The instant a Paris wall clock showed <paramref name="time"/> on <paramref name="day"/>.</summary>
    private static DateTimeOffset InParis(DateOnly day, TimeOnly time) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(time), Paris), TimeSpan.Zero);

    /// <summary>A browser that presents a guest cookie for <paramref name="guestId"/> and, when given, the browser-zone cookie the page script sets.</summary>
    private HtmlBrowser GuestBrowser(Guid guestId, string? browserZone)
    {
        var cookie = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Vybe.History.GuestId.v1").Protect(guestId.ToString("N"));
        var browser = app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.Add("Cookie",
            $"{GuestHistoryCookie.CookieName}={cookie}" + (browserZone is null ? "" : $"; {Vybe.Web.Web.VisitorTimeZones.CookieName}={browserZone}"));
        return browser;
    }

    [Fact]
    public async Task A_new_guest_gets_an_invitation_to_read_a_number_and_the_page_is_in_the_navigation()
    {
        using var guest = app.CreateBrowser();

        var page = await guest.GetAsync(NumbersPage.Path);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("no-store", page.Response.Headers.CacheControl?.ToString());
        Assert.True(page.AsNumbers().IsEmpty);
        Assert.Contains("read it", page.AsNumbers().EmptyText);
        Assert.NotNull(page.Document.QuerySelector(".numbers-empty a[href='/']"));
        Assert.Contains("at most 20 readings", page.AsNumbers().Lead);
        Assert.Empty(page.AsNumbers().Charts);
        Assert.NotNull(page.Document.QuerySelector("nav a[href='/numbers']"));
        Assert.Null(page.Response.SetCookieValue(GuestHistoryCookie.CookieName));
    }

    [Fact]
    public async Task A_members_numbers_are_counted_by_when_they_were_seen_in_the_accounts_time_zone()
    {
        using var member = await app.SignUpMemberAsync("numbers");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZone, "Europe/Paris")));
        var now = app.Now();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Paris).DateTime);
        var owner = member.Owner;
        // All made in the last minutes; seen over the past week. 11:11 on the three days before today, 444 late on two days before that.
        await app.InsertAsync(
            await SightingAsync(owner, "11:11", InParis(today.AddDays(-1), new TimeOnly(11, 11)), now.AddMinutes(-5), ReadingKind.Time),
            await SightingAsync(owner, "11:11", InParis(today.AddDays(-2), new TimeOnly(11, 11)), now.AddMinutes(-4), ReadingKind.Image),
            await SightingAsync(owner, "11:11", InParis(today.AddDays(-3), new TimeOnly(11, 11)), now.AddMinutes(-3), ReadingKind.Time),
            await SightingAsync(owner, "444", InParis(today.AddDays(-5), new TimeOnly(22, 30)), now.AddMinutes(-2)),
            await SightingAsync(owner, "444", InParis(today.AddDays(-6), new TimeOnly(22, 30)), now.AddMinutes(-1)));

        var page = (await member.Browser.GetAsync(NumbersPage.Path)).AsNumbers();

        Assert.False(page.IsEmpty);
        Assert.Equal("5 sightings", page.Count);
        Assert.Equal("Times in Europe/Paris, your account's time zone.", page.Zone);
        Assert.Contains("newest 100 readings", page.Lead);
        Assert.Equal([("11:11", "4", "3"), ("444", "3", "2")], page.MostSeen);
        Assert.Equal([("4", "3"), ("3", "2")], page.CoreNumbers);
        var hours = page.Chart("hours");
        Assert.Equal(24, hours.Count);
        Assert.Equal(3, hours["11:00 to 11:59"]);
        Assert.Equal(2, hours["22:00 to 22:59"]);
        Assert.Equal(5, hours.Values.Sum());
        var weekdays = page.Chart("weekdays");
        Assert.Equal(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"], weekdays.Keys);
        Assert.Equal(1, weekdays[today.AddDays(-1).DayOfWeek.ToString()]);
        Assert.Equal(84, page.CalendarCells);
        Assert.Equal("1", page.CalendarDay(today.AddDays(-1)));
        Assert.Equal("0", page.CalendarDay(today.AddDays(-4)));
        Assert.Equal("0", page.CalendarDay(today));
        Assert.StartsWith("3 days in a row", page.LongestRun);
        Assert.Equal("3 days, up to yesterday", page.CurrentRun);
        var time = Assert.Single(page.Times);
        Assert.Equal("11:11", time.Time);
        Assert.Equal("3 of 5 (60\u00a0%)", time.Yours);
        Assert.Equal("24-hour clock: 1 minute of 1,440 (0.07\u00a0%) 12-hour clock: 2 minutes of 1,440 (0.14\u00a0%)", time.Chance);
        Assert.Equal(3, page.Charts.Count);
        Assert.All(page.Charts, svg => Assert.False(string.IsNullOrWhiteSpace(svg.GetAttribute("aria-label"))));
    }

    [Fact]
    public async Task A_guests_numbers_are_taken_in_the_browsers_zone_and_say_how_little_a_guest_keeps()
    {
        var guestId = Guid.NewGuid();
        var owner = HistoryOwner.Guest(guestId);
        var now = app.Now();
        // 03:30 UTC on Wednesday 15 January 2025 was 22:30 on Tuesday the 14th in New York (EST, five hours behind).
        var seen = new DateTimeOffset(2025, 1, 15, 3, 30, 0, TimeSpan.Zero);
        await app.InsertAsync(
            await SightingAsync(owner, "13:13", seen, now.AddMinutes(-2), ReadingKind.Time),
            await SightingAsync(owner, "00:00", seen.AddDays(7), now.AddMinutes(-1), ReadingKind.Time));
        using var guest = GuestBrowser(guestId, "America/New_York");

        var page = (await guest.GetAsync(NumbersPage.Path)).AsNumbers();

        Assert.Equal("2 sightings", page.Count);
        Assert.Equal("Times in America/New_York, your browser's time zone.", page.Zone);
        Assert.Contains("at most 20 readings from the last 30 days", page.Lead);
        Assert.Equal(2, page.Chart("hours")["22:00 to 22:59"]);
        Assert.Equal(2, page.Chart("weekdays")["Tuesday"]);
        Assert.Equal(
            [
                ("00:00", "1 of 2 (50\u00a0%)", "24-hour clock: 1 minute of 1,440 (0.07\u00a0%) 12-hour clock: never: it shows 12:00 instead"),
                ("13:13", "1 of 2 (50\u00a0%)", "24-hour clock: 1 minute of 1,440 (0.07\u00a0%) 12-hour clock: never: it has no hour 13"),
            ],
            page.Times);
        Assert.Equal("None going: a sighting today starts one.", page.CurrentRun);

        using var utcGuest = GuestBrowser(guestId, browserZone: null);
        var utc = (await utcGuest.GetAsync(NumbersPage.Path)).AsNumbers();
        Assert.Equal("Times in UTC: no time zone of yours is known yet.", utc.Zone);
        Assert.Equal(2, utc.Chart("hours")["03:00 to 03:59"]);
        Assert.Equal(2, utc.Chart("weekdays")["Wednesday"]);
    }

    [Fact]
    public async Task A_reading_read_through_the_form_counts_today_and_another_visitors_readings_never_do()
    {
        using var member = await app.SignUpMemberAsync("numbers-form");
        using var other = await app.SignUpMemberAsync("numbers-other");
        await app.InsertAsync(await SightingAsync(other.Owner, "777", app.Now(), app.Now()));
        var id = await member.Browser.ReadNumberSavedAsync("1212");
        var seenAt = (await app.FindReadingAsync(id))!.SeenAt;

        var page = (await member.Browser.GetAsync(NumbersPage.Path)).AsNumbers();

        Assert.Equal("1 sighting", page.Count);
        Assert.Equal([("1212", "6", "1")], page.MostSeen);
        Assert.Equal("1 day, up to today", page.CurrentRun);
        Assert.Equal("Times in UTC: no time zone of yours is known yet.", page.Zone);
        Assert.Equal("1", page.CalendarDay(DateOnly.FromDateTime(seenAt.UtcDateTime)));
        Assert.Empty(page.Times);
    }
}
