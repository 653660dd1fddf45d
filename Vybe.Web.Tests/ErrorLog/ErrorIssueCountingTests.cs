using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.ErrorLog;

/// <summary>
/// The writer counting rows into issues (<see cref="ErrorIssueTracker"/>), on each database the app
/// runs on. Each <see cref="RunWriterAsync(ErrorLogEntry[], int)"/> is one writer's life: it starts (recording its release
/// and backfilling rows from before fingerprints), writes what was queued before it started as one
/// batch, and stops; the alerts it raised are then all in its alert queue, so "no alert" is exact.
/// Admins' decisions (resolve, snooze, ignore) are set up directly in the database.
/// </summary>
public abstract class ErrorIssueCountingTests : IAsyncLifetime
{
    /// <summary>09:00 UTC, a whole hour: rows are placed in hours by minutes from here.</summary>
    protected static readonly DateTimeOffset Base = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    private static readonly Guid MemberA = Guid.Parse("0b6f6a39-3b8e-4c3e-9d53-0a4b0f6f0a01");
    private static readonly Guid MemberB = Guid.Parse("0b6f6a39-3b8e-4c3e-9d53-0a4b0f6f0a02");
    private const string GuestX = "203.0.113.10";
    private const string GuestY = "203.0.113.11";
    private const string GuestZ = "2001:db8::7";

    // The writer's own release is recorded at its start, a month before the rows: it sorts before every release the rows carry.
    private static readonly AppRelease WriterRelease = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [AppRelease.Key] = "writer" }).Build());

    private readonly ServiceProvider meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private ServiceProvider services = null!;

    /// <summary>A fresh, empty database of this provider, registered as the app registers it.</summary>
    protected abstract Task<ServiceProvider> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        services = await CreateDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VybeDbContext>().Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await DropDatabaseAsync();
        await meters.DisposeAsync();
    }

    private async Task<T> WithDbAsync<T>(Func<VybeDbContext, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<VybeDbContext>());
    }

    private sealed record WriterRun(IReadOnlyList<ErrorIssueAlert> Alerts, string Console);

    private async Task<WriterRun> RunWriterAsync(params ErrorLogEntry[] rows) => await RunWriterAsync(rows, backfilled: 0);

    private async Task<WriterRun> RunWriterAsync(ErrorLogEntry[] rows, int backfilled)
    {
        var queue = new ErrorLogQueue(1_000);
        foreach (var row in rows)
        {
            Assert.True(queue.TryEnqueue(row));
        }
        var alerts = new ErrorIssueAlertQueue();
        var console = new StringWriter();
        using var writer = new ErrorLogWriter(queue, new DatabaseErrorLogStore(services.GetRequiredService<IServiceScopeFactory>()),
            new ConsoleFallback(console), Options.Create(new ErrorLogOptions { BatchSize = 500 }), new FakeTimeProvider(Base.AddDays(-30)),
            new ErrorLogMetrics(meters.GetRequiredService<IMeterFactory>()), alerts, WriterRelease, NullLogger<ErrorLogWriter>.Instance);

        await writer.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => writer.RowsBackfilled == backfilled && writer.BatchesWritten == (rows.Length > 0 ? 1 : 0),
            $"the writer to backfill {backfilled} rows and write {rows.Length} (backfilled {writer.RowsBackfilled}, batches {writer.BatchesWritten})");
        await writer.StopAsync(CancellationToken.None);

        var raised = new List<ErrorIssueAlert>();
        while (alerts.Reader.TryRead(out var alert))
        {
            raised.Add(alert);
        }
        return new WriterRun(raised, console.ToString());
    }

    private static ErrorLogEntry Row(TimeSpan at, string code = "READING_FAILED", string release = "1.0", Guid? user = null, string? ip = null,
        string level = ErrorLogLevels.Error, int number = 7) => new()
        {
            Ts = Base + at,
            Environment = "test",
            Service = "web",
            Level = level,
            Code = code,
            // The number varies; the fingerprint does not.
            Message = $"Reading {number} failed",
            Release = release,
            UserId = user,
            Ip = ip is null ? null : IPAddress.Parse(ip),
        };

    private static TimeSpan Minutes(double minutes) => TimeSpan.FromMinutes(minutes);

    private Task<ErrorIssue> IssueAsync(string code = "READING_FAILED") =>
        WithDbAsync(db => db.ErrorIssues.AsNoTracking().SingleAsync(i => i.Code == code));

    private Task<List<ErrorIssue>> IssuesAsync() => WithDbAsync(db => db.ErrorIssues.AsNoTracking().OrderBy(i => i.Id).ToListAsync());

    private Task<int> UpdateIssueAsync(string code, Action<UpdateSettersBuilder<ErrorIssue>> set) =>
        WithDbAsync(db => db.ErrorIssues.Where(i => i.Code == code).ExecuteUpdateAsync(set));

    private Task ResolveAsync(DateTimeOffset at, string inRelease, bool inNextRelease = false, string code = "READING_FAILED") =>
        UpdateIssueAsync(code, s => s
            .SetProperty(i => i.Status, ErrorIssueStatus.Resolved)
            .SetProperty(i => i.ResolvedAt, at)
            .SetProperty(i => i.ResolvedInRelease, inRelease)
            .SetProperty(i => i.ResolvedInNextRelease, inNextRelease));

    // ------------------------------------------------------------ counters and side tables

    [Fact]
    public async Task Rows_become_issues_with_exact_counters_users_releases_and_hours()
    {
        var first = await RunWriterAsync(
            Row(Minutes(10), user: MemberA, number: 7),
            Row(Minutes(5), user: MemberA, ip: GuestX, number: 12),
            Row(Minutes(70), ip: GuestX),
            Row(Minutes(80), release: "1.1", user: MemberB, ip: GuestX),
            Row(Minutes(90), release: "1.1", ip: GuestY),
            // No member, no address (start-up, background work): an event that affects no user.
            Row(Minutes(95), release: "1.1"),
            Row(Minutes(20), code: "OTHER"));

        Assert.Empty(first.Console);
        var issue = await IssueAsync();
        // Members by id (A twice, B despite sharing X's address), guests by address: A, X, B, Y.
        Assert.Equal((6L, 4, Base + Minutes(5), Base + Minutes(95), "1.1", ErrorIssueStatus.Open),
            (issue.EventCount, issue.UsersCount, issue.FirstSeen, issue.LastSeen, issue.LastRelease, issue.Status));
        // The title is the first row's message as it was.
        Assert.Equal("Reading 12 failed", issue.Title);
        var other = await IssueAsync("OTHER");
        Assert.Equal((1L, 0), (other.EventCount, other.UsersCount));

        var rows = await WithDbAsync(db => db.ErrorLogs.AsNoTracking().ToListAsync());
        Assert.All(rows.Where(r => r.Code == "READING_FAILED"), r => Assert.Equal((issue.Fingerprint, issue.Id), (r.Fingerprint!, r.IssueId!.Value)));
        Assert.Equal((other.Fingerprint, other.Id), (rows.Single(r => r.Code == "OTHER").Fingerprint!, rows.Single(r => r.Code == "OTHER").IssueId!.Value));

        Assert.Equal(["ip:203.0.113.10", "ip:203.0.113.11", $"u:{MemberA:D}", $"u:{MemberB:D}"],
            await WithDbAsync(db => db.ErrorIssueUsers.Where(u => u.Fingerprint == issue.Fingerprint).Select(u => u.UserKey).OrderBy(k => k).ToListAsync()));
        Assert.Equal([("1.0", 3L, Base + Minutes(5), Base + Minutes(70)), ("1.1", 3L, Base + Minutes(80), Base + Minutes(95))], await ReleasesAsync(issue));
        Assert.Equal([(Base, 2), (Base.AddHours(1), 4)], await HoursAsync(issue));
        var print = await WithDbAsync(db => db.ErrorIssueFingerprints.AsNoTracking().SingleAsync(f => f.Fingerprint == issue.Fingerprint));
        Assert.Equal((issue.Id, issue.Id, 6L, Base + Minutes(5), Base + Minutes(95)), (print.IssueId, print.OriginalIssueId, print.EventCount, print.FirstSeen, print.LastSeen));
        Assert.Equal(["writer", "1.0", "1.1"], await ReleaseOrderAsync());

        // A later batch: A again, a new guest, and a late row from an older release written before the first seen.
        await RunWriterAsync(
            Row(Minutes(180), release: "1.1", user: MemberA),
            Row(Minutes(181), release: "1.1", ip: GuestZ),
            Row(Minutes(-30), release: "0.9", ip: GuestX));

        issue = await IssueAsync();
        Assert.Equal((9L, 5, Base + Minutes(-30), Base + Minutes(181), "1.1"),
            (issue.EventCount, issue.UsersCount, issue.FirstSeen, issue.LastSeen, issue.LastRelease));
        Assert.Equal(
            [("0.9", 1L, Base + Minutes(-30), Base + Minutes(-30)), ("1.0", 3L, Base + Minutes(5), Base + Minutes(70)), ("1.1", 5L, Base + Minutes(80), Base + Minutes(181))],
            await ReleasesAsync(issue));
        Assert.Equal([(Base.AddHours(-1), 1), (Base, 2), (Base.AddHours(1), 4), (Base.AddHours(3), 2)], await HoursAsync(issue));
        Assert.Single(await IssuesAsync(), i => i.Code == "READING_FAILED");
    }

    private async Task<List<(string, long, DateTimeOffset, DateTimeOffset)>> ReleasesAsync(ErrorIssue issue) =>
        (await WithDbAsync(db => db.ErrorIssueReleases.AsNoTracking().Where(r => r.Fingerprint == issue.Fingerprint).ToListAsync()))
            .OrderBy(r => r.Release, StringComparer.Ordinal).Select(r => (r.Release, r.EventCount, r.FirstSeen, r.LastSeen)).ToList();

    private async Task<List<(DateTimeOffset, int)>> HoursAsync(ErrorIssue issue) =>
        (await WithDbAsync(db => db.ErrorIssueHours.AsNoTracking().Where(h => h.Fingerprint == issue.Fingerprint).ToListAsync()))
            .OrderBy(h => h.Hour).Select(h => (h.Hour, h.EventCount)).ToList();

    private async Task<List<string>> ReleaseOrderAsync() =>
        (await WithDbAsync(db => ReleaseOrder.RanksAsync(db, CancellationToken.None))).OrderBy(r => r.Value).Select(r => r.Key).ToList();

    // ------------------------------------------------------------ regressions

    [Fact]
    public async Task A_resolved_issue_seen_in_a_later_release_reopens_as_a_regression_and_alerts()
    {
        await RunWriterAsync(Row(Minutes(0)));
        await ResolveAsync(Base + Minutes(30), "1.0");

        var run = await RunWriterAsync(Row(Minutes(120), release: "1.1"));

        var issue = await IssueAsync();
        Assert.Equal((ErrorIssueStatus.Open, Base + Minutes(120), 2L), (issue.Status, issue.RegressedAt, issue.EventCount));
        Assert.Equal([new ErrorIssueAlert(ErrorIssueAlertKind.Regression, issue.Id, Base + Minutes(120))], run.Alerts);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Seen_again_in_the_release_it_was_resolved_in_reopens_it_unless_resolved_in_the_next_release(bool inNextRelease)
    {
        await RunWriterAsync(Row(Minutes(0)));
        await ResolveAsync(Base + Minutes(30), "1.0", inNextRelease);

        var sameRelease = await RunWriterAsync(Row(Minutes(60)));

        var issue = await IssueAsync();
        Assert.Equal(2L, issue.EventCount);
        if (inNextRelease)
        {
            Assert.Equal((ErrorIssueStatus.Resolved, (DateTimeOffset?)null), (issue.Status, issue.RegressedAt));
            Assert.Empty(sameRelease.Alerts);

            // The next release is where the fix was promised: seen there, it regresses.
            var nextRelease = await RunWriterAsync(Row(Minutes(120), release: "1.1"));
            issue = await IssueAsync();
            Assert.Equal((ErrorIssueStatus.Open, Base + Minutes(120)), (issue.Status, issue.RegressedAt));
            Assert.Equal([ErrorIssueAlertKind.Regression], nextRelease.Alerts.Select(a => a.Kind));
        }
        else
        {
            Assert.Equal((ErrorIssueStatus.Open, Base + Minutes(60)), (issue.Status, issue.RegressedAt));
            Assert.Equal([new ErrorIssueAlert(ErrorIssueAlertKind.Regression, issue.Id, Base + Minutes(60))], sameRelease.Alerts);
        }
    }

    [Fact]
    public async Task Seen_again_only_in_an_older_release_is_counted_but_does_not_reopen()
    {
        // 0.9 is reported first, then 1.0; the issue is resolved in 1.0 and an instance still on 0.9 logs it again.
        await RunWriterAsync(Row(TimeSpan.FromDays(-1), release: "0.9"));
        await RunWriterAsync(Row(Minutes(0)));
        await ResolveAsync(Base + Minutes(30), "1.0");

        var run = await RunWriterAsync(Row(Minutes(60), release: "0.9"));

        var issue = await IssueAsync();
        Assert.Equal((ErrorIssueStatus.Resolved, (DateTimeOffset?)null, 3L, Base + Minutes(60)), (issue.Status, issue.RegressedAt, issue.EventCount, issue.LastSeen));
        Assert.Empty(run.Alerts);
        Assert.Equal(["writer", "0.9", "1.0"], await ReleaseOrderAsync());
    }

    // ------------------------------------------------------------ snoozes

    [Fact]
    public async Task A_snooze_by_time_ends_with_the_first_row_at_or_after_its_end()
    {
        await RunWriterAsync(Row(Minutes(0)));
        await UpdateIssueAsync("READING_FAILED", s => s.SetProperty(i => i.Status, ErrorIssueStatus.Snoozed).SetProperty(i => i.SnoozedUntil, Base + Minutes(120)));

        var during = await RunWriterAsync(Row(Minutes(119)));
        Assert.Equal((ErrorIssueStatus.Snoozed, Base + Minutes(120)), ((await IssueAsync()).Status, (await IssueAsync()).SnoozedUntil));

        var after = await RunWriterAsync(Row(Minutes(120)));
        var issue = await IssueAsync();
        Assert.Equal((ErrorIssueStatus.Open, (DateTimeOffset?)null, 3L), (issue.Status, issue.SnoozedUntil, issue.EventCount));
        Assert.Empty(during.Alerts);
        Assert.Empty(after.Alerts);
    }

    [Fact]
    public async Task A_snooze_by_count_ends_when_the_event_count_reaches_it()
    {
        await RunWriterAsync(Row(Minutes(0)));
        await UpdateIssueAsync("READING_FAILED", s => s.SetProperty(i => i.Status, ErrorIssueStatus.Snoozed).SetProperty(i => i.SnoozedUntilCount, 3L));

        await RunWriterAsync(Row(Minutes(1)));
        Assert.Equal((ErrorIssueStatus.Snoozed, 2L), ((await IssueAsync()).Status, (await IssueAsync()).EventCount));

        await RunWriterAsync(Row(Minutes(2)));
        var issue = await IssueAsync();
        Assert.Equal((ErrorIssueStatus.Open, (long?)null, 3L), (issue.Status, issue.SnoozedUntilCount, issue.EventCount));
    }

    // ------------------------------------------------------------ alerts

    [Fact]
    public async Task A_new_issue_alerts_once_and_information_rows_never_alert()
    {
        var first = await RunWriterAsync(
            Row(Minutes(1), number: 1),
            Row(Minutes(2), number: 2),
            Row(Minutes(3), number: 3),
            Row(Minutes(4), code: "OTHER"),
            Row(Minutes(5), code: "STARTED", level: ErrorLogLevels.Info));

        var issues = await IssuesAsync();
        Assert.Equal(3, issues.Count);
        var reading = issues.Single(i => i.Code == "READING_FAILED");
        var other = issues.Single(i => i.Code == "OTHER");
        Assert.Equal(
            [new ErrorIssueAlert(ErrorIssueAlertKind.NewIssue, reading.Id, Base + Minutes(1)), new ErrorIssueAlert(ErrorIssueAlertKind.NewIssue, other.Id, Base + Minutes(4))],
            first.Alerts.OrderBy(a => a.IssueId));

        var second = await RunWriterAsync(Row(Minutes(10)), Row(Minutes(11), code: "OTHER"), Row(Minutes(12), code: "STARTED", level: ErrorLogLevels.Info));
        Assert.Empty(second.Alerts);
    }

    [Fact]
    public async Task A_spike_alerts_once_an_hour_and_an_ignored_issue_never_alerts()
    {
        await RunWriterAsync(Row(Minutes(0)), Row(Minutes(0), code: "IGNORED"));
        await UpdateIssueAsync("IGNORED", s => s.SetProperty(i => i.Status, ErrorIssueStatus.Ignored));
        var spikeHour = TimeSpan.FromHours(5);
        ErrorLogEntry[] Burst(string code, int count, int offset = 0) =>
            Enumerable.Range(offset, count).Select(n => Row(spikeHour + Minutes(n), code: code, number: n)).ToArray();

        var spike = await RunWriterAsync([.. Burst("READING_FAILED", ErrorIssueTracker.SpikeMinimum), .. Burst("IGNORED", ErrorIssueTracker.SpikeMinimum)]);

        var reading = await IssueAsync();
        var alert = Assert.Single(spike.Alerts);
        // The day before the spike's hour holds the first row: an average of 1/24 an hour.
        Assert.Equal((ErrorIssueAlertKind.Spike, reading.Id, Base + spikeHour + Minutes(19), ErrorIssueTracker.SpikeMinimum, 1 / 24.0),
            (alert.Kind, alert.IssueId, alert.At, alert.HourCount, alert.PreviousDayAverage));
        Assert.Equal(ErrorIssueHour.Of(Base + spikeHour), reading.SpikeHour);
        var ignored = await IssueAsync("IGNORED");
        Assert.Equal((ErrorIssueStatus.Ignored, 21L), (ignored.Status, ignored.EventCount));

        // More of the same hour is the same spike.
        var more = await RunWriterAsync(Burst("READING_FAILED", 5, offset: 30));
        Assert.Empty(more.Alerts);
    }

    [Fact]
    public async Task Rows_from_before_fingerprints_are_counted_at_writer_start_in_batches_without_alerts()
    {
        // Rows as an older version wrote them: no fingerprint, no issue. More than one backfill batch.
        var old = Enumerable.Range(0, ErrorLogWriter.BackfillBatchSize).Select(n => Row(Minutes(n % 120), number: n, ip: n % 2 == 0 ? GuestX : GuestY))
            .Append(Row(Minutes(3), code: "OTHER"))
            .Append(Row(Minutes(4), code: "OTHER"))
            .Append(Row(Minutes(5), code: "STARTED", level: ErrorLogLevels.Info))
            .ToList();
        await WithDbAsync(async db =>
        {
            db.ErrorLogs.AddRange(old);
            return await db.SaveChangesAsync();
        });

        var run = await RunWriterAsync([], backfilled: old.Count);

        Assert.Empty(run.Alerts);
        var rows = await WithDbAsync(db => db.ErrorLogs.AsNoTracking().ToListAsync());
        Assert.All(rows, r => Assert.True(r.Fingerprint is not null && r.IssueId is not null, $"row {r.Id} was not counted"));
        var reading = await IssueAsync();
        Assert.Equal((500L, 2, Base, Base + Minutes(119)), (reading.EventCount, reading.UsersCount, reading.FirstSeen, reading.LastSeen));
        Assert.Equal(2L, (await IssueAsync("OTHER")).EventCount);
        Assert.Equal(1L, (await IssueAsync("STARTED")).EventCount);
        Assert.Equal([(Base, 260), (Base.AddHours(1), 240)], await HoursAsync(reading));

        // The next start has nothing left to count; new rows join the backfilled issues without a "new issue" alert.
        var next = await RunWriterAsync(Row(Minutes(200)));
        Assert.Empty(next.Alerts);
        Assert.Equal(501L, (await IssueAsync()).EventCount);
    }

    // ------------------------------------------------------------ the database refusing part of a batch

    [Fact]
    public async Task A_batch_the_database_refuses_one_row_of_counts_only_the_rows_it_stored()
    {
        var refused = Row(Minutes(2), user: MemberB, number: 2);
        // The table's check constraint refuses it: the writer writes the batch again row by row.
        refused.Environment = "nowhere";

        var run = await RunWriterAsync(Row(Minutes(1), user: MemberA, number: 1), refused, Row(Minutes(3), ip: GuestX, number: 3));

        Assert.Single(run.Console.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Reading 2 failed", run.Console);
        var issue = Assert.Single(await IssuesAsync());
        Assert.Equal((2L, 2, Base + Minutes(1), Base + Minutes(3)), (issue.EventCount, issue.UsersCount, issue.FirstSeen, issue.LastSeen));
        Assert.Equal(["ip:203.0.113.10", $"u:{MemberA:D}"],
            await WithDbAsync(db => db.ErrorIssueUsers.Select(u => u.UserKey).OrderBy(k => k).ToListAsync()));
        Assert.Equal([(Base, 2)], await HoursAsync(issue));
        Assert.Equal([("1.0", 2L, Base + Minutes(1), Base + Minutes(3))], await ReleasesAsync(issue));
        var rows = await WithDbAsync(db => db.ErrorLogs.AsNoTracking().ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(issue.Id, r.IssueId));
        // The refused batch's transaction counted nothing: one issue, one "new issue" alert.
        Assert.Equal([new ErrorIssueAlert(ErrorIssueAlertKind.NewIssue, issue.Id, Base + Minutes(1))], run.Alerts);
    }
}

public sealed class ErrorIssueCountingOnPostgresTests : ErrorIssueCountingTests
{
    private string connectionString = "";

    protected override async Task<ServiceProvider> CreateDatabaseAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("issuecount");
        return new ServiceCollection()
            .AddDbContext<VybeDbContext, PostgresVybeDbContext>(db => db.UseNpgsql(connectionString))
            .BuildServiceProvider();
    }

    protected override Task DropDatabaseAsync() => TestPostgres.DropDatabaseAsync(connectionString);
}

public sealed class ErrorIssueCountingOnSqliteTests : ErrorIssueCountingTests
{
    // A file, as the app uses: each context opens its own connection, as the writer's scopes do.
    private readonly string directory = Directory.CreateTempSubdirectory("vybe-issues-").FullName;

    protected override Task<ServiceProvider> CreateDatabaseAsync()
    {
        var connectionString = $"Data Source={Path.Combine(directory, "vybe.db")}";
        return Task.FromResult(new ServiceCollection()
            .AddDbContext<VybeDbContext, SqliteVybeDbContext>(db => db.UseSqlite(connectionString))
            .BuildServiceProvider());
    }

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return Task.CompletedTask;
    }
}
