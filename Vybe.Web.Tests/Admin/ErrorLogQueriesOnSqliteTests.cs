using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using static Vybe.Web.Tests.Admin.ErrorLogAdminSteps;

namespace Vybe.Web.Tests.Admin;

/// <summary>
/// The plain local run uses SQLite, where DateTimeOffset is stored as integer ticks and there is
/// no ILIKE: the same queries must translate and answer the same there.
/// </summary>
public sealed class ErrorLogQueriesOnSqliteTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private SqliteVybeDbContext db = null!;
    private ErrorLogQueries queries = null!;

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        db = new SqliteVybeDbContext(new DbContextOptionsBuilder<SqliteVybeDbContext>().UseSqlite(connection).Options);
        await db.Database.MigrateAsync();
        queries = new ErrorLogQueries(db, new FakeTimeProvider(Now));
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await connection.DisposeAsync();
    }

    private static ErrorLogFilter Filter(params (string Key, string Value)[] pairs)
    {
        var typed = pairs.ToDictionary(p => p.Key, p => p.Value);
        var input = new ErrorLogFilterInput
        {
            Level = typed.GetValueOrDefault("level"),
            Service = typed.GetValueOrDefault("service"),
            Environment = typed.GetValueOrDefault("environment"),
            Code = typed.GetValueOrDefault("code"),
            Text = typed.GetValueOrDefault("q"),
            RequestId = typed.GetValueOrDefault("requestId"),
            From = typed.GetValueOrDefault("from"),
            To = typed.GetValueOrDefault("to"),
        };
        Assert.True(ErrorLogFilter.TryParse(input, out var filter, out var errors), string.Join(" ", errors.Values));
        return filter;
    }

    private async Task<List<ErrorLogEntry>> SeedAsync(params ErrorLogEntry[] rows)
    {
        db.ErrorLogs.AddRange(rows);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return [.. rows];
    }

    /// <summary>Stores the rows as the writer does: counted into their issues in the error-log transaction.</summary>
    private async Task<List<ErrorLogEntry>> CountedAsync(params ErrorLogEntry[] rows)
    {
        await DatabaseErrorLogStore.InErrorLogTransactionAsync(db, async () =>
        {
            await new ErrorIssueTracker(db).CountAsync(rows, raiseAlerts: false, CancellationToken.None);
            db.ErrorLogs.AddRange(rows);
            return await db.SaveChangesAsync();
        }, CancellationToken.None);
        db.ChangeTracker.Clear();
        return [.. rows];
    }

    [Fact]
    public async Task Keyset_pages_walk_every_row_once_newest_first_with_ties_broken_by_id()
    {
        var rows = await SeedAsync(Enumerable.Range(0, 25).Select(i => Row(Now.AddMinutes(-(i / 3)), $"C{i}")).ToArray());
        var expected = rows.OrderByDescending(r => r.Ts).ThenByDescending(r => r.Id).Select(r => r.Id).ToList();

        var walked = new List<long>();
        ErrorLogCursor? cursor = null;
        do
        {
            var page = await queries.PageAsync(ErrorLogFilter.None, cursor, pageSize: 10);
            walked.AddRange(page.Rows.Select(r => r.Id));
            await SeedAsync(Row(Now.AddMinutes(5), "LATE"));
            cursor = page.Older;
        }
        while (cursor is not null);

        Assert.Equal(expected, walked);
    }

    [Fact]
    public async Task Filters_translate_on_sqlite_including_case_insensitive_literal_text()
    {
        var request = Guid.NewGuid();
        await SeedAsync(
            Row(Now.AddHours(-1), "A", message: "Database TIMEOUT", requestId: request),
            Row(Now.AddHours(-2), "B", ErrorLogLevels.Warn, service: "client", message: "50%_off is not a wildcard"),
            Row(Now.AddHours(-3), "C", ErrorLogLevels.Info, environment: "staging", message: "5000 of"));

        async Task<string[]> Codes(ErrorLogFilter filter) => (await queries.PageAsync(filter, null)).Rows.Select(r => r.Code!).ToArray();

        Assert.Equal(["A"], await Codes(Filter(("q", "timeout"))));
        Assert.Equal(["B"], await Codes(Filter(("q", "50%_"))));
        Assert.Equal(["B"], await Codes(Filter(("level", "warn"), ("service", "client"))));
        Assert.Equal(["C"], await Codes(Filter(("environment", "staging"))));
        Assert.Equal(["A"], await Codes(Filter(("requestId", request.ToString()))));
        var hourAgo = Now.AddHours(-2).UtcDateTime.ToString("yyyy-MM-ddTHH:mm");
        Assert.Equal(["A", "B"], await Codes(Filter(("from", hourAgo))));
        Assert.Equal(["C"], await Codes(Filter(("to", hourAgo))));
    }

    [Fact]
    public async Task Digest_tail_detail_and_csv_translate_on_sqlite()
    {
        var request = Guid.NewGuid();
        var rows = await CountedAsync(
            Row(Now.AddHours(-1), "DB_TIMEOUT", requestId: request),
            Row(Now.AddHours(-2), "DB_TIMEOUT", requestId: request),
            Row(Now.AddHours(-30), "DB_TIMEOUT"),
            Row(Now.AddDays(-9), "OLD", ErrorLogLevels.Info, service: "worker"));

        var digest = await queries.DigestAsync();
        var day = digest.Windows[0];
        Assert.Equal(new PeriodChange(2, 1), day.Total);
        var issue = Assert.Single(day.TopIssues);
        Assert.Equal(("DB_TIMEOUT", Now.AddHours(-1), new PeriodChange(2, 1)), (issue.Code, issue.LastSeen, issue.Change));
        Assert.Equal(new PeriodChange(0, 1), digest.Windows[1].ByLevel.Single(l => l.Key == "info").Change);

        Assert.Equal([rows[3].Id, rows[2].Id], (await queries.TailAsync(rows[1].Id, ErrorLogFilter.None)).Select(r => r.Id));

        var detail = (await queries.DetailAsync(rows[0].Id))!;
        Assert.Equal([rows[1].Id], detail.SameRequest.Select(r => r.Id));

        await using var csv = new StringWriter();
        await queries.WriteCsvAsync(Filter(("code", "DB_TIMEOUT")), csv);
        Assert.Equal(5, csv.ToString().Split("\r\n").Length); // header, three rows, and the empty end after the last CRLF
    }

    [Fact]
    public async Task Top_issues_sum_every_fingerprint_of_a_merged_issue()
    {
        await CountedAsync(
            Row(Now.AddHours(-1), "DB_TIMEOUT"),
            Row(Now.AddHours(-2), "DB_TIMEOUT"),
            Row(Now.AddHours(-3), "DB_DEADLOCK"),
            Row(Now.AddHours(-30), "DB_DEADLOCK"),
            Row(Now.AddHours(-4), "OTHER"));
        var timeout = await db.ErrorIssues.SingleAsync(i => i.Code == "DB_TIMEOUT");
        var deadlock = await db.ErrorIssues.SingleAsync(i => i.Code == "DB_DEADLOCK");
        // A merge as the issue page does it: the fingerprint counts towards the other issue from now on.
        await db.ErrorIssueFingerprints.Where(f => f.IssueId == deadlock.Id).ExecuteUpdateAsync(set => set.SetProperty(f => f.IssueId, timeout.Id));
        await db.ErrorIssues.Where(i => i.Id == deadlock.Id).ExecuteUpdateAsync(set => set.SetProperty(i => i.MergedIntoId, timeout.Id));

        var day = (await queries.DigestAsync()).Windows[0];

        Assert.Equal([(timeout.Id, new PeriodChange(3, 1)), (await db.ErrorIssues.Where(i => i.Code == "OTHER").Select(i => i.Id).SingleAsync(), new PeriodChange(1, 0))],
            day.TopIssues.Select(i => (i.IssueId, i.Change)));
    }
}
