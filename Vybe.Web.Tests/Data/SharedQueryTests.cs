using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;
using Vybe.Web.History;
using Vybe.Web.Tests.Infrastructure;
using static Vybe.Web.Tests.Admin.ErrorLogAdminSteps;

namespace Vybe.Web.Tests.Data;

/// <summary>
/// The one keyset pager and the one batch delete that the history, the error log and the retention
/// jobs share, on each database the app runs on: PostgreSQL keeps times as timestamptz and ids as
/// uuid, SQLite as integer ticks and text.
/// </summary>
public abstract class SharedQueryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);
    private static readonly Keyset<ErrorLogEntry, long> ErrorLogOrder = new(e => e.Ts, e => e.Id);
    private static readonly Keyset<StoredReading, Guid> HistoryOrder = new(r => r.CreatedAt, r => r.Id);

    private readonly DeleteCounter deletes = new();
    private VybeDbContext db = null!;

    protected abstract Task<VybeDbContext> OpenAsync(IInterceptor interceptor);

    protected abstract Task CloseAsync();

    public async Task InitializeAsync()
    {
        db = await OpenAsync(deletes);
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await CloseAsync();
    }

    private async Task<List<T>> SeedAsync<T>(params T[] rows) where T : class
    {
        db.Set<T>().AddRange(rows);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return [.. rows];
    }

    private static StoredReading Reading(DateTimeOffset createdAt) => new()
    {
        Id = Guid.NewGuid(),
        GuestId = Guid.NewGuid(),
        Kind = "number",
        RawInput = "444",
        NormalizedInput = "444",
        Depth = "standard",
        Numbers = "{}",
        Writer = "built-in",
        Sections = "[]",
        CreatedAt = createdAt,
        SeenAt = createdAt,
    };

    [Fact]
    public async Task Keyset_pages_of_long_ids_walk_every_row_once_newest_first_while_newer_rows_arrive()
    {
        // Three rows an instant: only the id tells them apart.
        var rows = await SeedAsync(Enumerable.Range(0, 23).Select(i => Row(Now.AddMinutes(-(i / 3)), $"C{i}")).ToArray());
        var expected = rows.OrderByDescending(r => r.Ts).ThenByDescending(r => r.Id).Select(r => r.Id).ToList();

        var walked = new List<long>();
        var pages = new List<int>();
        (DateTimeOffset, long)? after = null;
        while (true)
        {
#pragma warning disable CA1866 // EF Core translates StartsWith(string) to SQL; StartsWith(char) does not translate on PostgreSQL
            var page = await ErrorLogOrder.PageAsync(db.ErrorLogs.Where(e => e.Code!.StartsWith("C")), after, 10, CancellationToken.None);
#pragma warning restore CA1866
            walked.AddRange(page.Rows.Select(r => r.Id));
            pages.Add(page.Rows.Count);
            await SeedAsync(Row(Now.AddMinutes(5), "C_LATE"), Row(Now, "C_SAME_INSTANT_AS_NEWEST"));
            if (!page.HasOlder)
            {
                break;
            }
            after = (page.Rows[^1].Ts, page.Rows[^1].Id);
        }

        Assert.Equal([10, 10, 3], pages);
        Assert.Equal(expected, walked);
    }

    [Fact]
    public async Task Keyset_pages_of_guid_ids_walk_every_row_once_newest_first_with_ties_broken_by_id()
    {
        var rows = await SeedAsync(Enumerable.Range(0, 12).Select(i => Reading(Now.AddSeconds(-(i / 4)))).ToArray());
        var expected = HistoryOrder.NewestFirst(db.Readings).Select(r => r.Id).ToList();
        Assert.Equal(rows.Select(r => r.Id).Order(), expected.Order());

        var walked = new List<Guid>();
        (DateTimeOffset, Guid)? after = null;
        KeysetPage<StoredReading> page;
        do
        {
            page = await HistoryOrder.PageAsync(db.Readings, after, 5, CancellationToken.None);
            walked.AddRange(page.Rows.Select(r => r.Id));
            after = page.Rows is [.., var last] ? (last.CreatedAt, last.Id) : null;
        }
        while (page.HasOlder);

        Assert.Equal(expected, walked);
    }

    [Fact]
    public async Task A_page_that_holds_the_last_rows_exactly_says_nothing_older_and_a_position_past_the_end_gives_an_empty_page()
    {
        var rows = await SeedAsync(Enumerable.Range(0, 4).Select(i => Row(Now.AddMinutes(-i), $"E{i}")).ToArray());

        var exact = await ErrorLogOrder.PageAsync(db.ErrorLogs, null, 4, CancellationToken.None);
        var pastTheEnd = await ErrorLogOrder.PageAsync(db.ErrorLogs, (rows[^1].Ts, rows[^1].Id), 4, CancellationToken.None);

        Assert.Equal(rows.Select(r => r.Id), exact.Rows.Select(r => r.Id));
        Assert.False(exact.HasOlder);
        Assert.Empty(pastTheEnd.Rows);
        Assert.False(pastTheEnd.HasOlder);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ErrorLogOrder.PageAsync(db.ErrorLogs, null, 0, CancellationToken.None));
    }

    [Theory]
    [InlineData(10, 4, 3)] // 4 + 4 + 2: a short batch ends it
    [InlineData(8, 4, 3)] // 4 + 4 + 0: a full last batch needs one more statement to know
    [InlineData(3, 10, 1)]
    [InlineData(0, 10, 1)]
    public async Task Batch_delete_removes_exactly_the_matching_rows_in_batches_and_counts_them(int expired, int batchSize, int statements)
    {
        var cutoff = Now.AddDays(-30);
        await SeedAsync(Enumerable.Range(0, expired).Select(i => Reading(cutoff.AddDays(-1 - i))).ToArray());
        var oldButNotMatching = Reading(cutoff.AddDays(-5));
        oldButNotMatching.RawInput = "keep";
        var kept = await SeedAsync(Reading(cutoff), Reading(Now), oldButNotMatching);
        deletes.Count = 0;

        var deleted = await db.Readings.DeleteInBatchesAsync(r => r.RawInput != "keep" && r.CreatedAt < cutoff, r => r.CreatedAt, r => r.Id,
            batchSize, CancellationToken.None);

        Assert.Equal(expired, deleted);
        Assert.Equal(statements, deletes.Count);
        Assert.Equal(kept.Select(r => r.Id).Order(), (await db.Readings.Select(r => r.Id).ToListAsync()).Order());
    }

    [Fact]
    public async Task Batch_delete_takes_the_oldest_first_and_stops_between_batches_when_cancelled()
    {
        var rows = await SeedAsync(Enumerable.Range(0, 9).Select(i => Row(Now.AddDays(-100 + i), $"OLD{i}")).ToArray());
        using var stop = new CancellationTokenSource();
        deletes.Count = 0;
        deletes.AfterEach = () => stop.Cancel();

        var deleted = await db.ErrorLogs.DeleteInBatchesAsync(e => e.Ts < Now, e => e.Id, e => e.Id, 4, stop.Token);

        Assert.Equal(4, deleted);
        Assert.Equal(1, deletes.Count);
        Assert.Equal(rows.Skip(4).Select(r => r.Id), await db.ErrorLogs.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync());
    }

    [Theory]
    [InlineData(0L, "1")]
    [InlineData(3155378975999999999L, "0123456789abcdef0123456789abcdef")]
    public void A_position_token_reads_back_as_written(long ticks, string id)
    {
        var token = KeysetToken.Encode(ticks, id);

        Assert.True(KeysetToken.TryDecode(token, 80, out var readTicks, out var readId));
        Assert.Equal((ticks, id), (readTicks, readId));
        Assert.DoesNotContain('=', token);
        Assert.False(KeysetToken.TryDecode(token, token.Length - 1, out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage!")]
    [InlineData("bm90LWEtY3Vyc29y")] // "not-a-cursor"
    [InlineData("LTFfMQ")] // "-1_1"
    [InlineData("MTJfMzRfNTY")] // "12_34_56"
    [InlineData("MzE1NTM3ODk3NjAwMDAwMDAwMF8x")] // "3155378976000000000_1": past DateTimeOffset.MaxValue
    public void A_token_that_is_no_position_is_refused(string token)
    {
        Assert.False(KeysetToken.TryDecode(token, 80, out _, out _));
    }

    /// <summary>Counts the DELETE statements the context runs, and can act after each.</summary>
    private sealed class DeleteCounter : DbCommandInterceptor
    {
        public int Count { get; set; }

        public Action? AfterEach { get; set; }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
            CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))
            {
                Count++;
                AfterEach?.Invoke();
            }
            return ValueTask.FromResult(result);
        }
    }
}

public sealed class SharedQueryOnPostgresTests : SharedQueryTests
{
    private string connectionString = "";

    protected override async Task<VybeDbContext> OpenAsync(IInterceptor interceptor)
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("sharedqueries");
        return new PostgresVybeDbContext(new DbContextOptionsBuilder<PostgresVybeDbContext>()
            .UseNpgsql(connectionString).AddInterceptors(interceptor).Options);
    }

    protected override Task CloseAsync() => TestPostgres.DropDatabaseAsync(connectionString);
}

public sealed class SharedQueryOnSqliteTests : SharedQueryTests
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    protected override async Task<VybeDbContext> OpenAsync(IInterceptor interceptor)
    {
        await connection.OpenAsync();
        return new SqliteVybeDbContext(new DbContextOptionsBuilder<SqliteVybeDbContext>()
            .UseSqlite(connection).AddInterceptors(interceptor).Options);
    }

    protected override Task CloseAsync() => connection.DisposeAsync().AsTask();
}
