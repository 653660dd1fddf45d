using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.ErrorLog;

/// <summary>
/// The hourly limit itself (<see cref="ErrorAlertSlots"/>) on both databases: SQLite stores times as
/// integers, PostgreSQL as timestamptz, and on PostgreSQL two instances asking at once get one slot.
/// </summary>
public sealed class ErrorAlertSlotTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 10, 15, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static ErrorIssue Issue() => new()
    {
        Fingerprint = Guid.NewGuid().ToString("N"),
        Service = "web",
        Level = "error",
        Title = "Slot test",
        FirstSeen = Start,
        LastSeen = Start,
    };

    private static async Task OneSlotAnHourAsync(VybeDbContext db)
    {
        var issue = Issue();
        db.ErrorIssues.Add(issue);
        await db.SaveChangesAsync();

        Assert.True(await ErrorAlertSlots.TryTakeAsync(db, issue.Id, Start, Hour, CancellationToken.None));
        Assert.False(await ErrorAlertSlots.TryTakeAsync(db, issue.Id, Start, Hour, CancellationToken.None));
        Assert.False(await ErrorAlertSlots.TryTakeAsync(db, issue.Id, Start + TimeSpan.FromMinutes(30), Hour, CancellationToken.None));
        Assert.False(await ErrorAlertSlots.TryTakeAsync(db, issue.Id, Start + Hour - TimeSpan.FromSeconds(1), Hour, CancellationToken.None));
        Assert.True(await ErrorAlertSlots.TryTakeAsync(db, issue.Id, Start + Hour, Hour, CancellationToken.None));
        Assert.False(await ErrorAlertSlots.TryTakeAsync(db, issue.Id + 1000, Start + Hour, Hour, CancellationToken.None));
        db.ChangeTracker.Clear();
        Assert.Equal(Start + Hour, (await db.ErrorIssues.SingleAsync(i => i.Id == issue.Id)).LastAlertedAt);
    }

    [Fact]
    public async Task On_sqlite_an_issue_gets_one_alert_slot_an_hour()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new SqliteVybeDbContext(new DbContextOptionsBuilder<SqliteVybeDbContext>().UseSqlite(connection).Options);
        await db.Database.MigrateAsync();

        await OneSlotAnHourAsync(db);
    }

    [Fact]
    public async Task On_postgres_an_issue_gets_one_alert_slot_an_hour_and_two_instances_asking_at_once_get_one()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("alertslots");
        try
        {
            PostgresVybeDbContext Context() => new(new DbContextOptionsBuilder<PostgresVybeDbContext>().UseNpgsql(connectionString).Options);
            await using (var db = Context())
            {
                await db.Database.MigrateAsync();
                await OneSlotAnHourAsync(db);
            }

            long issueId;
            await using (var db = Context())
            {
                var issue = Issue();
                db.ErrorIssues.Add(issue);
                await db.SaveChangesAsync();
                issueId = issue.Id;
            }
            var contexts = Enumerable.Range(0, 8).Select(_ => Context()).ToList();
            try
            {
                var taken = await Task.WhenAll(contexts.Select(db => ErrorAlertSlots.TryTakeAsync(db, issueId, Start, Hour, CancellationToken.None)));
                Assert.Single(taken, t => t);
            }
            finally
            {
                foreach (var db in contexts)
                {
                    await db.DisposeAsync();
                }
            }
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }
}
