using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Tests.Infrastructure;
using static Vybe.Web.Tests.Admin.ErrorLogAdminSteps;

namespace Vybe.Web.Tests.Admin;

/// <summary>
/// The issues the list tests read, on either provider: rows counted into issues by the writer's own
/// counting (<see cref="ErrorIssueTracker"/>), then statuses set and one merge made the way the
/// status and merge actions will (inside the error-log transaction), then one more row that makes a
/// resolved issue regress. Every time is fixed against <see cref="Now"/>, half past an hour.
/// </summary>
public sealed class ErrorIssueScenario(DateTimeOffset now)
{
    public const string CheckoutFailed = "CHECKOUT_FAILED";
    public const string ClientError = "CLIENT_ERROR";
    public const string DbTimeout = "DB_TIMEOUT";
    public const string SlowRequest = "SLOW_REQUEST";
    public const string RetentionDone = "RETENTION_DONE";
    public const string EmailBounce = "EMAIL_BOUNCE";
    public const string QuotaNear = "QUOTA_NEAR";
    public const string DiskFull = "DISK_FULL";
    /// <summary>Merged into <see cref="DbTimeout"/>: not listed, but its rows and hours count there.</summary>
    public const string MergedAway = "MERGED_AWAY";

    public const string OldRelease = "1.0.0";
    public const string NewRelease = "1.1.0";
    /// <summary>Seen only by the merged issue's rows: the release filter finds <see cref="DbTimeout"/> through it.</summary>
    public const string MergedRelease = "0.9.0";

    public static readonly Guid UserOne = Guid.Parse("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa");
    public static readonly Guid UserTwo = Guid.Parse("bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb");

    /// <summary>Every listed issue, newest activity first.</summary>
    public static readonly string[] NewestFirst =
        [CheckoutFailed, ClientError, DbTimeout, SlowRequest, RetentionDone, EmailBounce, QuotaNear, DiskFull];

    /// <summary>Half past the hour of <paramref name="time"/>, to the minute, so every seeded time is a whole minute.</summary>
    public static DateTimeOffset HalfPastTheHour(DateTimeOffset time) => ErrorIssueHour.Of(time).AddMinutes(30);

    public DateTimeOffset Now { get; } = now;

    private DateTimeOffset Hour => ErrorIssueHour.Of(Now);

    /// <summary>
    /// When the browser error's rows happened: this hour, the last, five ago, the oldest hour of the
    /// 24-hour chart, the hour just before it, and three days ago.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> ClientErrorTimes =>
    [
        Hour.AddMinutes(5),
        .. Enumerable.Repeat(Hour.AddHours(-1).AddMinutes(10), 3),
        .. Enumerable.Repeat(Hour.AddHours(-5), 5),
        .. Enumerable.Repeat(Hour.AddHours(-23).AddMinutes(1), 2),
        Hour.AddHours(-24).AddMinutes(1),
        .. Enumerable.Repeat(Now.AddDays(-3), 4),
    ];

    /// <summary>The merged issue's rows, which count towards <see cref="DbTimeout"/> once it is merged.</summary>
    public IReadOnlyList<DateTimeOffset> MergedTimes => [Now.AddHours(-1), Now.AddHours(-7)];

    public IReadOnlyList<DateTimeOffset> DbTimeoutTimes => [Now.AddMinutes(-50), Now.AddMinutes(-40), Now.AddMinutes(-35)];

    public ErrorLogEntry[] FirstRows()
    {
        const string Stack = """
            System.TimeoutException: The operation has timed out.
               at Npgsql.NpgsqlConnector.ReadMessage()
               at Vybe.Web.History.HistoryStore.<SaveAsync>d__4.MoveNext() in /src/Vybe.Web/History/HistoryStore.cs:line 88
            """;
        var stackDetails = System.Text.Json.JsonSerializer.Serialize(new { stack = Stack });
        Guid?[] dbUsers = [UserOne, UserTwo, UserOne];
        return
        [
            .. DbTimeoutTimes.Select((ts, i) => Released(Row(ts, DbTimeout, message: $"Database timeout after {5000 + i} ms", userId: dbUsers[i],
                details: stackDetails), OldRelease)),
            .. ClientErrorTimes.Select((ts, i) => Released(Row(ts, ClientError, service: "client", message: $"TypeError: cart is undefined (item {i})",
                details: """{"source":"https://vybe.example/js/checkout.js?v=3:10:4"}"""), NewRelease)),
            Released(Row(Now.AddHours(-3), SlowRequest, ErrorLogLevels.Warn, message: "Slow request to /history"), OldRelease),
            Released(Row(Now.AddHours(-2), SlowRequest, ErrorLogLevels.Warn, message: "Slow request to /history"), NewRelease),
            Released(Row(Now.AddHours(-4), RetentionDone, ErrorLogLevels.Info, service: "worker", message: "Retention deleted 12 rows"), OldRelease),
            Released(Row(Now.AddDays(-2), CheckoutFailed, message: "Checkout failed"), OldRelease),
            Released(Row(Now.AddHours(-5), EmailBounce, ErrorLogLevels.Warn, service: "worker", message: "E-mail bounced"), OldRelease),
            Released(Row(Now.AddHours(-6), QuotaNear, ErrorLogLevels.Warn, service: "worker", message: "Disk quota nearly reached"), OldRelease),
            Released(Row(Now.AddDays(-10), DiskFull, message: "Disk 100%_full on the backup volume"), OldRelease),
            .. MergedTimes.Select(ts => Released(Row(ts, MergedAway, message: "Merged away"), MergedRelease)),
        ];
    }

    /// <summary>After <see cref="SetStatusesAsync"/>: the resolved checkout error seen again in a later release.</summary>
    public ErrorLogEntry[] RegressionRows() => [Released(Row(Now.AddMinutes(-10), CheckoutFailed, message: "Checkout failed"), NewRelease)];

    /// <summary>Statuses and the merge, as the admin's actions would leave them; run inside the error-log transaction.</summary>
    public async Task SetStatusesAsync(VybeDbContext db)
    {
        var issues = await db.ErrorIssues.Where(i => i.Code != null).ToDictionaryAsync(i => i.Code!);
        issues[RetentionDone].Status = ErrorIssueStatus.Ignored;
        Resolve(issues[CheckoutFailed], Now.AddDays(-1));
        Resolve(issues[DiskFull], Now.AddDays(-9));
        // A snooze whose time has passed reads as open; the writer ends it only when the issue is seen again.
        Snooze(issues[EmailBounce], Now.AddHours(-1));
        Snooze(issues[QuotaNear], Now.AddDays(1));

        var merged = issues[MergedAway];
        var target = issues[DbTimeout];
        merged.MergedIntoId = target.Id;
        foreach (var print in await db.ErrorIssueFingerprints.Where(f => f.IssueId == merged.Id).ToListAsync())
        {
            print.IssueId = target.Id;
        }
        await db.SaveChangesAsync();

        void Resolve(ErrorIssue issue, DateTimeOffset at)
        {
            issue.Status = ErrorIssueStatus.Resolved;
            issue.ResolvedAt = at;
            issue.ResolvedInRelease = OldRelease;
        }

        static void Snooze(ErrorIssue issue, DateTimeOffset until)
        {
            issue.Status = ErrorIssueStatus.Snoozed;
            issue.SnoozedUntil = until;
        }
    }

    /// <summary>Writes the whole scenario: <paramref name="write"/> stores rows as the writer does, <paramref name="inTransaction"/> runs work in the error-log transaction.</summary>
    public async Task SeedAsync(Func<ErrorLogEntry[], Task> write, Func<Func<VybeDbContext, Task>, Task> inTransaction)
    {
        await write(FirstRows());
        await inTransaction(SetStatusesAsync);
        await write(RegressionRows());
    }

    /// <summary>The expected counts per bucket start of a trend over rows at <paramref name="times"/>.</summary>
    public Dictionary<DateTimeOffset, long> Expected(ErrorIssueTrendPeriod period, IEnumerable<DateTimeOffset> times)
    {
        var first = period.FirstBucket(Now);
        var counts = Enumerable.Range(0, period.BucketCount).ToDictionary(i => first + i * period.Bucket, _ => 0L);
        foreach (var bucket in times.Select(period.BucketOf).Where(counts.ContainsKey))
        {
            counts[bucket]++;
        }
        return counts;
    }

    private static ErrorLogEntry Released(ErrorLogEntry row, string release)
    {
        row.Release = release;
        return row;
    }
}

/// <summary>
/// The app with an admin and a fixed clock (<see cref="Clock"/>, half past the current hour), whose
/// rows go through the real queue and background writer.
/// </summary>
public class ErrorIssueAppFactory : AdminAppFactory
{
    public FakeTimeProvider Clock { get; } = new(ErrorIssueScenario.HalfPastTheHour(DateTimeOffset.UtcNow));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Queues the rows (with their own times and releases) for the background writer, and waits until it has stored them all.</summary>
    public async Task WriteAsync(params ErrorLogEntry[] rows)
    {
        var marker = $"seed {Guid.NewGuid():N}";
        var queue = Services.GetRequiredService<ErrorLogQueue>();
        foreach (var row in rows)
        {
            row.Ua = marker;
            Assert.True(queue.TryEnqueue(row));
        }
        await Eventually.ReturnsAsync(() => WithDbAsync(db => db.ErrorLogs.CountAsync(e => e.Ua == marker)), count => count == rows.Length,
            $"{rows.Length} rows stored by the writer");
    }

    /// <summary>Runs the work as the issue actions do: in the transaction that holds the error-log lock.</summary>
    public Task InErrorLogTransactionAsync(Func<VybeDbContext, Task> work) => WithDbAsync(db =>
        DatabaseErrorLogStore.InErrorLogTransactionAsync(db, async () =>
        {
            await work(db);
            return true;
        }, CancellationToken.None));

    public Task<long> IssueIdAsync(string code) => WithDbAsync(db => db.ErrorIssues.Where(i => i.Code == code).Select(i => i.Id).SingleAsync());
}
