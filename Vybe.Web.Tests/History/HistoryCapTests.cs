using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vybe.Web.History;
using Vybe.Web.History.Storage;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.History;

/// <summary>
/// How much history is kept: the newest 100 for a member, the newest 20 for 30 days for a guest,
/// and a guest's readings joining the account on signup or login without breaking the cap.
/// </summary>
public sealed class HistoryCapTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    [Fact]
    public Task Concurrent_saves_for_a_member_near_the_cap_keep_exactly_the_newest_100() =>
        HistoryCapSteps.ConcurrentSavesNearTheCapKeepTheNewest100Async(app);

    [Fact]
    public async Task The_101st_reading_through_the_form_removes_exactly_the_oldest()
    {
        using var member = await app.SignUpMemberAsync();
        var seeded = await app.SeedAsync(member.Owner, 100, app.Now().AddHours(-1));

        var newest = await member.Browser.ReadNumberSavedAsync("1212");

        var kept = await app.MemberReadingIdsAsync(member.Id);
        Assert.Equal(100, kept.Count);
        Assert.Equal(newest, kept[0]);
        Assert.Equal(seeded.Skip(1).Reverse(), kept.Skip(1));
        Assert.Null(await app.FindReadingAsync(seeded[0]));
    }

    [Fact]
    public async Task A_guest_keeps_the_newest_20_readings_and_the_history_page_shows_them()
    {
        using var guest = app.CreateBrowser();
        var made = new List<Guid>();
        for (var i = 0; i < 21; i++)
        {
            made.Add(await guest.ReadNumberSavedAsync($"{500 + i}"));
        }
        var guestId = (await app.FindReadingAsync(made[^1]))!.GuestId!.Value;

        var kept = await app.GuestReadingIdsAsync(guestId);
        var history = await guest.GetAsync(HistoryListPage.Path);

        Assert.Equal(20, kept.Count);
        Assert.Equal(Enumerable.Reverse(made).Take(20), kept);
        Assert.Null(await app.FindReadingAsync(made[0]));
        Assert.Equal(HttpStatusCode.OK, history.Status);
        Assert.Equal(kept, history.AsHistory().Ids);
        Assert.Null(history.AsHistory().LoadMoreHref);
    }

    [Fact]
    public async Task A_guest_reading_older_than_30_days_is_hidden_then_purged_while_a_member_reading_of_that_age_stays()
    {
        using var guest = app.CreateBrowser();
        var old = await guest.ReadNumberSavedAsync("3131");
        var recent = await guest.ReadNumberSavedAsync("444");
        var longAgo = app.Now().AddDays(-31);
        await app.WithDbAsync(db => db.Readings.Where(r => r.Id == old).ExecuteUpdateAsync(set => set.SetProperty(r => r.CreatedAt, longAgo)));
        using var member = await app.SignUpMemberAsync();
        var memberOld = (await app.SeedAsync(member.Owner, 1, longAgo)).Single();

        var history = await guest.GetAsync(HistoryListPage.Path);
        var permalink = await guest.GetAsync($"/r/{old}");

        Assert.Equal(HttpStatusCode.OK, history.Status);
        Assert.Equal([recent], history.AsHistory().Ids);
        Assert.Equal(HttpStatusCode.NotFound, permalink.Status);
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync($"/r/{recent}")).Status);

        int purged;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            purged = await scope.ServiceProvider.GetRequiredService<HistoryStore>().PurgeExpiredGuestReadingsAsync(1000, CancellationToken.None);
        }

        Assert.True(purged >= 1, $"purged {purged}");
        Assert.Null(await app.FindReadingAsync(old));
        Assert.NotNull(await app.FindReadingAsync(recent));
        Assert.NotNull(await app.FindReadingAsync(memberOld));
        Assert.Equal(HttpStatusCode.OK, (await member.Browser.GetAsync($"/r/{memberOld}")).Status);
    }

    [Fact]
    public async Task A_guests_share_link_stops_working_once_the_reading_is_older_than_30_days()
    {
        using var guest = app.CreateBrowser();
        var id = await guest.ReadNumberSavedAsync("4545");
        var view = await guest.GetAsync($"/r/{id}");
        var shared = await guest.SubmitAsync(view, formSelector: "#share-panel form");
        var sharePath = new Uri(shared.Document.QuerySelector("#share-url")!.GetAttribute("value")!).AbsolutePath;
        using var stranger = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync(sharePath)).Status);

        var longAgo = app.Now().AddDays(-31);
        await app.WithDbAsync(db => db.Readings.Where(r => r.Id == id).ExecuteUpdateAsync(set => set.SetProperty(r => r.CreatedAt, longAgo)));

        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/r/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(sharePath)).Status);
    }

    [Fact]
    public async Task Signing_up_moves_the_guests_readings_into_the_account_and_ends_the_guest()
    {
        using var browser = app.CreateBrowser();
        var made = new List<Guid>
        {
            await browser.ReadNumberSavedAsync("111"),
            await browser.ReadNumberSavedAsync("222"),
            await browser.ReadNumberSavedAsync("333"),
        };
        var guestId = (await app.FindReadingAsync(made[0]))!.GuestId!.Value;
        var email = AccountSteps.NewEmail("merger");

        var signupForm = await browser.GetAsync("/Account/Signup");
        var signedUp = await browser.SubmitAsync(signupForm, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = AccountSteps.StrongPassword,
            ["Input.ConfirmPassword"] = AccountSteps.StrongPassword,
        }, followRedirects: false);
        var userId = await app.UserIdAsync(email);

        Assert.Equal(HttpStatusCode.Redirect, signedUp.Status);
        var guestCookie = signedUp.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("vybe.guest=", StringComparison.Ordinal));
        Assert.StartsWith("vybe.guest=;", guestCookie);
        Assert.Contains("expires=Thu, 01 Jan 1970", guestCookie, StringComparison.OrdinalIgnoreCase);

        var history = await browser.GetAsync(HistoryListPage.Path);
        Assert.Equal(Enumerable.Reverse(made), history.AsHistory().Ids);
        var rows = await app.WithDbAsync(db => db.Readings.AsNoTracking().Where(r => made.Contains(r.Id)).ToListAsync());
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal((userId, (Guid?)null), (r.UserId!.Value, r.GuestId)));
        Assert.Empty(await app.GuestReadingIdsAsync(guestId));

        // Signed out again, the same browser is a new guest: its readings stay its own until it logs in.
        await browser.LogOutAsync();
        var later = await browser.ReadNumberSavedAsync("999");
        var laterRow = (await app.FindReadingAsync(later))!;
        Assert.Null(laterRow.UserId);
        Assert.NotEqual(guestId, laterRow.GuestId);
        using var elsewhere = app.CreateBrowser();
        await elsewhere.LogInAsync(email);
        Assert.Equal(Enumerable.Reverse(made), (await elsewhere.GetAsync(HistoryListPage.Path)).AsHistory().Ids);
        Assert.Equal(Enumerable.Reverse(made), await app.MemberReadingIdsAsync(userId));
    }

    [Fact]
    public async Task Logging_in_merges_the_guests_readings_and_keeps_the_newest_100()
    {
        using var member = await app.SignUpMemberAsync();
        var seeded = await app.SeedAsync(member.Owner, 99, app.Now().AddDays(-2));
        await member.Browser.LogOutAsync();
        var asGuest = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            asGuest.Add(await member.Browser.ReadNumberSavedAsync($"{80 + i}"));
        }
        var guestId = (await app.FindReadingAsync(asGuest[0]))!.GuestId!.Value;

        var loggedIn = await member.Browser.LogInAsync(member.Email);

        Assert.Equal(HttpStatusCode.OK, loggedIn.Status);
        var kept = await app.MemberReadingIdsAsync(member.Id);
        Assert.Equal(100, kept.Count);
        Assert.Equal(Enumerable.Reverse(asGuest).Concat(seeded.Skip(4).Reverse()), kept);
        Assert.Empty(await app.GuestReadingIdsAsync(guestId));
        Assert.Equal(Enumerable.Reverse(asGuest).Concat(seeded.Skip(4).Reverse()).Take(20),
            (await member.Browser.GetAsync(HistoryListPage.Path)).AsHistory().Ids);
    }
}

/// <summary>
/// The cap under concurrent saves on SQLite, the plain local run's database: there its guarantee rests
/// on EF's transactions starting as BEGIN IMMEDIATE (one writer at a time, the others waiting), not
/// on an advisory lock.
/// </summary>
public sealed class HistoryCapOnSqliteTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    [Fact]
    public Task Concurrent_saves_for_a_member_near_the_cap_keep_exactly_the_newest_100() =>
        HistoryCapSteps.ConcurrentSavesNearTheCapKeepTheNewest100Async(app);
}

public static class HistoryCapSteps
{
    /// <summary>95 readings, then 20 saved at once: every save lands, and exactly the newest 100 stay.</summary>
    public static async Task ConcurrentSavesNearTheCapKeepTheNewest100Async(VybeAppFactory app)
    {
        using var member = await app.SignUpMemberAsync();
        var seeded = await app.SeedAsync(member.Owner, 95, app.Now().AddDays(-1));
        var now = app.Now();
        var fresh = new List<StoredReading>();
        for (var i = 0; i < 20; i++)
        {
            fresh.Add(await HistorySteps.ReadingOfAsync($"7{i:D2}", now.AddSeconds(i)));
        }

        await Task.WhenAll(fresh.Select(reading => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<HistoryStore>().SaveAsync(member.Owner, reading, CancellationToken.None);
        })));

        var kept = await app.MemberReadingIdsAsync(member.Id);
        Assert.Equal(100, kept.Count);
        var expected = fresh.Select(r => r.Id).Reverse().Concat(seeded.Skip(15).Reverse()).ToList();
        Assert.Equal(expected, kept);
        Assert.DoesNotContain(kept, seeded.Take(15).Contains);
    }
}
