using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.Accounts;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;

namespace Vybe.Web.Tests.ErrorLog;

/// <summary>
/// The digest's queries and the recipients' on SQLite, the plain local run's database, where times are
/// integers: what counts as new, regressed, spiked and busiest in the 24 hours, and what is left out.
/// </summary>
public sealed class ErrorDigestContentOnSqliteTests : IAsyncLifetime
{
    private static readonly DateTimeOffset End = new(2026, 6, 2, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = End.AddDays(-1);
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private SqliteVybeDbContext db = null!;

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        db = new SqliteVybeDbContext(new DbContextOptionsBuilder<SqliteVybeDbContext>().UseSqlite(connection).Options);
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await connection.DisposeAsync();
    }

    private async Task<ErrorIssue> IssueAsync(string title, DateTimeOffset firstSeen, string status = ErrorIssueStatus.Open,
        string level = ErrorLogLevels.Error, DateTimeOffset? regressedAt = null, DateTimeOffset? spikeHour = null, params (DateTimeOffset Hour, int Count)[] hours)
    {
        var issue = new ErrorIssue
        {
            Fingerprint = title,
            Service = "web",
            Level = level,
            Title = title,
            FirstSeen = firstSeen,
            LastSeen = firstSeen,
            Status = status,
            RegressedAt = regressedAt,
            SpikeHour = spikeHour,
        };
        db.ErrorIssues.Add(issue);
        await db.SaveChangesAsync();
        db.ErrorIssueFingerprints.Add(new ErrorIssueFingerprint { Fingerprint = title, IssueId = issue.Id, OriginalIssueId = issue.Id, FirstSeen = firstSeen, LastSeen = firstSeen });
        db.ErrorIssueHours.AddRange(hours.Select(h => new ErrorIssueHour { Fingerprint = title, Hour = h.Hour, EventCount = h.Count }));
        await db.SaveChangesAsync();
        return issue;
    }

    [Fact]
    public async Task The_digest_reports_what_happened_in_its_24_hours_among_issues_that_alert()
    {
        var fresh = await IssueAsync("fresh", Start.AddHours(3), hours: [(Start.AddHours(3), 4)]);
        var regressed = await IssueAsync("regressed", Start.AddDays(-5), regressedAt: End.AddMinutes(-5), hours: [(End.AddHours(-1), 9), (Start.AddHours(-1), 100)]);
        var spiked = await IssueAsync("spiked", Start.AddDays(-3), status: ErrorIssueStatus.Resolved, spikeHour: Start, hours: [(Start, 30)]);
        await IssueAsync("too early", Start.AddSeconds(-1), hours: [(Start.AddHours(-1), 50)]);
        await IssueAsync("at the end", End);
        await IssueAsync("ignored", Start.AddHours(1), status: ErrorIssueStatus.Ignored, hours: [(Start.AddHours(1), 500)]);
        await IssueAsync("snoozed", Start.AddHours(1), status: ErrorIssueStatus.Snoozed);
        await IssueAsync("information", Start.AddHours(1), level: ErrorLogLevels.Info);

        var digest = await ErrorDigest.ContentAsync(db, Start, End, topCount: 2, CancellationToken.None);

        Assert.True(digest.HasNews);
        Assert.Equal([fresh.Id], digest.NewIssues.Select(i => i.Id));
        Assert.Equal([regressed.Id], digest.Regressions.Select(i => i.Id));
        Assert.Equal([spiked.Id], digest.Spikes.Select(i => i.Id));
        Assert.Equal([(spiked.Id, 30L), (regressed.Id, 9L)], digest.Top.Select(t => (t.Issue.Id, t.Events)));
    }

    [Fact]
    public async Task A_day_with_only_old_issues_busy_has_no_news()
    {
        await IssueAsync("old and busy", Start.AddDays(-2), hours: [(Start.AddHours(5), 40)]);

        var digest = await ErrorDigest.ContentAsync(db, Start, End, topCount: 10, CancellationToken.None);

        Assert.False(digest.HasNews);
        Assert.Single(digest.Top);
    }

    [Fact]
    public async Task Recipients_are_confirmed_admins_who_want_the_kind()
    {
        var admin = new VybeRole(VybeRole.Admin) { NormalizedName = VybeRole.Admin.ToUpperInvariant() };
        db.Roles.Add(admin);
        VybeUser User(string email, bool confirmed = true, bool muteSpikes = false) => new()
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = confirmed,
            MuteSpikeAlerts = muteSpikes,
        };
        var users = new[] { User("a@example.com"), User("b@example.com", muteSpikes: true), User("c@example.com", confirmed: false), User("d@example.com") };
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        db.UserRoles.AddRange(users[..3].Select(u => new Microsoft.AspNetCore.Identity.IdentityUserRole<Guid> { UserId = u.Id, RoleId = admin.Id }));
        await db.SaveChangesAsync();

        Assert.Equal(["a@example.com", "b@example.com"], await ErrorAlertRecipients.AddressesAsync(db, ErrorMailKind.NewIssue, CancellationToken.None));
        Assert.Equal(["a@example.com"], await ErrorAlertRecipients.AddressesAsync(db, ErrorMailKind.Spike, CancellationToken.None));
    }
}
