using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Pages.Admin.Errors;
using static Vybe.Web.Tests.Admin.ErrorIssueScenario;

namespace Vybe.Web.Tests.Admin;

/// <summary>
/// The issues list's queries, its trends and the row log's issue and release filters on SQLite (the
/// plain local run), over the same scenario as the PostgreSQL page tests, counted by the writer's
/// own tracker in the error-log transaction.
/// </summary>
public sealed class ErrorIssueQueriesOnSqliteTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = HalfPastTheHour(new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero));
    private readonly ErrorIssueScenario scenario = new(Now);
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private SqliteVybeDbContext db = null!;

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        db = NewContext();
        await db.Database.MigrateAsync();
        await scenario.SeedAsync(WriteAsync, work => InTransactionAsync(async context =>
        {
            await work(context);
            return true;
        }));
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await connection.DisposeAsync();
    }

    private SqliteVybeDbContext NewContext() => new(new DbContextOptionsBuilder<SqliteVybeDbContext>().UseSqlite(connection).Options);

    /// <summary>What the writer's store does with a batch: count it into issues and save it, in one transaction.</summary>
    private Task WriteAsync(ErrorLogEntry[] rows) => InTransactionAsync(async context =>
    {
        await new ErrorIssueTracker(context).CountAsync(rows, raiseAlerts: true, CancellationToken.None);
        context.ErrorLogs.AddRange(rows);
        await context.SaveChangesAsync();
        return true;
    });

    private async Task<T> InTransactionAsync<T>(Func<VybeDbContext, Task<T>> work)
    {
        await using var context = NewContext();
        return await DatabaseErrorLogStore.InErrorLogTransactionAsync(context, () => work(context), CancellationToken.None);
    }

    private static ErrorIssueFilter Filter(ErrorIssueFilterInput input)
    {
        Assert.True(ErrorIssueFilter.TryParse(input, out var filter, out var errors), string.Join(" ", errors.Values));
        return filter;
    }

    private async Task<string[]> CodesAsync(ErrorIssueFilterInput input)
    {
        var page = await new ErrorIssueQueries(db, new FakeTimeProvider(Now)).PageAsync(Filter(input), null);
        return page.Rows.Select(r => r.Issue.Code!).ToArray();
    }

    private Task<long> IdOfAsync(string code) => db.ErrorIssues.Where(i => i.Code == code).Select(i => i.Id).SingleAsync();

    [Fact]
    public async Task List_and_every_filter_translate_on_sqlite()
    {
        Assert.Equal(NewestFirst, await CodesAsync(new()));
        Assert.Equal([CheckoutFailed, ClientError, DbTimeout, SlowRequest, EmailBounce], await CodesAsync(new() { Status = "open" }));
        Assert.Equal([QuotaNear], await CodesAsync(new() { Status = "snoozed" }));
        Assert.Equal([DiskFull], await CodesAsync(new() { Status = "resolved" }));
        Assert.Equal([SlowRequest, EmailBounce, QuotaNear], await CodesAsync(new() { Level = "warn" }));
        Assert.Equal([RetentionDone, EmailBounce, QuotaNear], await CodesAsync(new() { Service = "worker" }));
        Assert.Equal([DbTimeout], await CodesAsync(new() { Release = MergedRelease }));
        Assert.Equal([CheckoutFailed, ClientError, SlowRequest], await CodesAsync(new() { Release = NewRelease }));
        Assert.Equal([ClientError], await CodesAsync(new() { Text = "CART" }));
        Assert.Equal([DbTimeout], await CodesAsync(new() { Text = "HistoryStore.SAVE" }));
        Assert.Equal([DiskFull], await CodesAsync(new() { Text = "100%_" }));
        Assert.Empty(await CodesAsync(new() { Text = "a_b" }));
        var fiveHoursAgo = Now.AddHours(-5).UtcDateTime.ToString("yyyy-MM-ddTHH:mm");
        var hourAgo = Now.AddHours(-1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm");
        Assert.Equal([SlowRequest, RetentionDone, EmailBounce], await CodesAsync(new() { From = fiveHoursAgo, To = hourAgo }));
    }

    [Fact]
    public async Task Rows_read_their_status_with_an_expired_snooze_open_and_a_regression_marked()
    {
        var rows = (await new ErrorIssueQueries(db, new FakeTimeProvider(Now)).PageAsync(ErrorIssueFilter.None, null)).Rows
            .ToDictionary(r => r.Issue.Code!);

        Assert.Equal((ErrorIssueStatus.Open, true), (rows[CheckoutFailed].Status, rows[CheckoutFailed].IsRegression));
        Assert.Equal((ErrorIssueStatus.Open, false), (rows[EmailBounce].Status, rows[EmailBounce].IsRegression));
        Assert.Equal(ErrorIssueStatus.Snoozed, rows[QuotaNear].Status);
        Assert.Equal((2, 3L), (rows[DbTimeout].Issue.UsersCount, rows[DbTimeout].Issue.EventCount));
    }

    [Fact]
    public async Task Keyset_pages_walk_every_issue_once_newest_activity_first()
    {
        var queries = new ErrorIssueQueries(db, new FakeTimeProvider(Now));
        var walked = new List<string>();
        ErrorLogCursor? cursor = null;
        do
        {
            var page = await queries.PageAsync(ErrorIssueFilter.None, cursor, pageSize: 3);
            walked.AddRange(page.Rows.Select(r => r.Issue.Code!));
            cursor = page.Older;
        }
        while (cursor is not null);

        Assert.Equal(NewestFirst, walked);
    }

    [Fact]
    public async Task Trends_sum_the_hours_of_every_fingerprint_of_each_issue_in_one_query()
    {
        var trends = new ErrorIssueTrends(db, new FakeTimeProvider(Now));
        var client = await IdOfAsync(ClientError);
        var dbTimeout = await IdOfAsync(DbTimeout);
        var diskFull = await IdOfAsync(DiskFull);

        var day = await trends.ForAsync([client, dbTimeout, diskFull], ErrorIssueTrendPeriod.Day);
        var fortnight = await trends.ForAsync([client, dbTimeout], ErrorIssueTrendPeriod.Fortnight);

        Assert.Equal(scenario.Expected(ErrorIssueTrendPeriod.Day, scenario.ClientErrorTimes), day[client].Buckets.ToDictionary(b => b.Start, b => b.Count));
        Assert.Equal(scenario.Expected(ErrorIssueTrendPeriod.Day, scenario.DbTimeoutTimes.Concat(scenario.MergedTimes)),
            day[dbTimeout].Buckets.ToDictionary(b => b.Start, b => b.Count));
        Assert.Equal(0, day[diskFull].Total);
        Assert.Equal(scenario.Expected(ErrorIssueTrendPeriod.Fortnight, scenario.ClientErrorTimes),
            fortnight[client].Buckets.ToDictionary(b => b.Start, b => b.Count));
        // 12:30 on 14 March: the day chart runs from 13:00 the day before, the fortnight from 1 March.
        Assert.Equal(new DateTimeOffset(2025, 3, 13, 13, 0, 0, TimeSpan.Zero), day[client].Buckets[0].Start);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), fortnight[client].Buckets[0].Start);
        Assert.Equal("11 events in the last 24 hours, peak 5 at 07:00 UTC.", IssueTrendChart.Sparkline(day[client]).Summary);
        Assert.Equal("16 events in the last 14 days, peak 9 on 14 Mar UTC.", IssueTrendChart.Sparkline(fortnight[client]).Summary);
    }

    [Fact]
    public async Task Row_log_issue_and_release_filters_translate_on_sqlite()
    {
        var queries = new ErrorLogQueries(db, new FakeTimeProvider(Now));
        var dbTimeout = await IdOfAsync(DbTimeout);

        async Task<string[]> Codes(string? issue = null, string? release = null)
        {
            Assert.True(ErrorLogFilter.TryParse(new ErrorLogFilterInput { Issue = issue, Release = release }, out var filter, out var errors),
                string.Join(" ", errors.Values));
            return (await queries.PageAsync(filter, null)).Rows.Select(r => r.Code!).ToArray();
        }

        Assert.Equal([DbTimeout, DbTimeout, DbTimeout, MergedAway, MergedAway], await Codes(issue: dbTimeout.ToString()));
        Assert.Equal([MergedAway, MergedAway], await Codes(release: MergedRelease));
        Assert.Equal([MergedAway, MergedAway], await Codes(issue: dbTimeout.ToString(), release: MergedRelease));
        Assert.Empty(await Codes(issue: (await IdOfAsync(ClientError)).ToString(), release: MergedRelease));
    }
}
