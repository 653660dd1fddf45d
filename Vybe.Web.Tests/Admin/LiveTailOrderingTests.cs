using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Admin;

/// <summary>
/// Live tail asks for rows with an id above the last one it showed. That misses nothing only if
/// rows become visible in id order, also when several instances write: a row committed after a
/// higher id was shown would never appear. PostgreSQL hands out identity values when a row is
/// inserted, not when it commits, so two plain transactions can commit out of id order (the last
/// test shows it). The writers therefore insert inside <see cref="DatabaseErrorLogStore.InErrorLogTransactionAsync"/>,
/// which holds <see cref="AdvisoryLocks.ErrorLog"/> until its commit: a second instance cannot take
/// an id until the first one's rows are committed, and PostgreSQL makes a commit visible before it
/// releases the transaction's locks. It also relies on the id sequence handing out one id at a time
/// (the default cache of 1): a session that cached a block could insert a lower id later.
/// Each "instance" here is a service provider of its own over the same database.
/// </summary>
public sealed class LiveTailOrderingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private string connectionString = "";
    private ServiceProvider instanceA = null!;
    private ServiceProvider instanceB = null!;
    private ServiceProvider admin = null!;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("tailorder");
        instanceA = Instance();
        instanceB = Instance();
        admin = Instance();
        await using var scope = admin.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VybeDbContext>().Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await instanceA.DisposeAsync();
        await instanceB.DisposeAsync();
        await admin.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(connectionString);
    }

    private ServiceProvider Instance() => new ServiceCollection()
        .AddDbContext<VybeDbContext, PostgresVybeDbContext>(db => db.UseNpgsql(connectionString))
        .BuildServiceProvider();

    private static IErrorLogStore Store(ServiceProvider instance) => new DatabaseErrorLogStore(instance.GetRequiredService<IServiceScopeFactory>());

    private static ErrorLogEntry Row(string writer, int n) => new()
    {
        Ts = Now.AddSeconds(n),
        Environment = "test",
        Service = "web",
        Level = ErrorLogLevels.Error,
        Code = $"FROM_{writer}",
        Message = $"Row {n} of writer {writer}",
        Ip = IPAddress.Parse("203.0.113.9"),
    };

    /// <summary>The Tail page's poller: asks for rows after the newest id it has shown, and moves on to the newest it got.</summary>
    private sealed class TailPoller(ServiceProvider instance)
    {
        public long After { get; private set; }

        public List<long> Shown { get; } = [];

        public async Task<List<long>> PollAsync()
        {
            await using var scope = instance.CreateAsyncScope();
            var queries = new ErrorLogQueries(scope.ServiceProvider.GetRequiredService<VybeDbContext>(), new FakeTimeProvider(Now));
            var rows = await queries.TailAsync(After, ErrorLogFilter.None);
            // At most MaxTailRows come back and the poller moves past them all; these tests write fewer in all.
            Assert.True(rows.Count < ErrorLogQueries.MaxTailRows);
            var ids = rows.Select(r => r.Id).ToList();
            Shown.AddRange(ids);
            if (ids.Count > 0)
            {
                After = ids.Max();
            }
            return ids;
        }
    }

    private async Task<long> WaitingForTheErrorLogLockAsync()
    {
        await using var scope = admin.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VybeDbContext>();
        // An advisory lock on two int keys is listed with classid, objid and objsubid = 2.
        return await db.Database.SqlQuery<long>($"""
            SELECT count(*) AS "Value" FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted AND objsubid = 2
              AND classid = {AdvisoryLocks.Class} AND objid = {AdvisoryLocks.ErrorLog}
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """).SingleAsync();
    }

    private async Task<List<long>> StoredIdsAsync()
    {
        await using var scope = admin.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VybeDbContext>().ErrorLogs.Select(e => e.Id).OrderBy(id => id).ToListAsync();
    }

    [Fact]
    public async Task A_second_instance_cannot_commit_under_a_higher_id_while_the_first_holds_its_batch_so_the_tail_misses_nothing()
    {
        var poller = new TailPoller(admin);
        var aInserted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aMayCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aRows = Enumerable.Range(0, 3).Select(n => Row("A", n)).ToList();

        // Instance A's writer, as DatabaseErrorLogStore.InsertAsync does it, held open after its insert (its ids are taken).
        var writerA = Task.Run(async () =>
        {
            await using var scope = instanceA.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VybeDbContext>();
            return await DatabaseErrorLogStore.InErrorLogTransactionAsync(db, async () =>
            {
                var alerts = await new ErrorIssueTracker(db).CountAsync(aRows, raiseAlerts: true, CancellationToken.None);
                db.ErrorLogs.AddRange(aRows);
                await db.SaveChangesAsync();
                aInserted.SetResult();
                await aMayCommit.Task;
                return alerts;
            }, CancellationToken.None);
        });
        await aInserted.Task;
        Assert.All(aRows, r => Assert.True(r.Id > 0));

        // Instance B's writer tries to write meanwhile: it waits for the lock, or (without the lock) would commit now.
        var bRows = Enumerable.Range(0, 2).Select(n => Row("B", n)).ToList();
        var writerB = Store(instanceB).InsertAsync(bRows, CancellationToken.None);
        await Eventually.ReturnsAsync(async () => writerB.IsCompleted || await WaitingForTheErrorLogLockAsync() == 1, done => done,
            "instance B to wait for the error-log lock (or to commit)");

        // The poll that would move past A's ids had B committed first.
        var shownWhileAHeld = await poller.PollAsync();
        var bCommittedWhileAHeld = writerB.IsCompleted;

        aMayCommit.SetResult();
        while (!(writerA.IsCompleted && writerB.IsCompleted))
        {
            await poller.PollAsync();
            await Task.WhenAny(Task.WhenAll(writerA, writerB), Task.Delay(10));
        }
        await Task.WhenAll(writerA, writerB);
        await poller.PollAsync();

        // The poller that only ever asked "after the last id shown" saw every row, once…
        Assert.Equal(await StoredIdsAsync(), poller.Shown.Order());
        Assert.Equal(aRows.Count + bRows.Count, poller.Shown.Count);
        // …because B waited for A's commit and took its ids after A's.
        Assert.False(bCommittedWhileAHeld, "instance B committed while instance A held its batch open");
        Assert.Empty(shownWhileAHeld);
        Assert.True(bRows.Min(r => r.Id) > aRows.Max(r => r.Id));
    }

    [Fact]
    public async Task Two_instances_writing_batches_while_the_tail_polls_are_all_shown_exactly_once()
    {
        const int Batches = 24;
        const int RowsPerBatch = 2;
        var poller = new TailPoller(admin);

        async Task WriteAsync(ServiceProvider instance, string name)
        {
            var store = Store(instance);
            for (var batch = 0; batch < Batches; batch++)
            {
                await store.InsertAsync(Enumerable.Range(0, RowsPerBatch).Select(n => Row(name, (batch * RowsPerBatch) + n)).ToList(), CancellationToken.None);
            }
        }

        var writers = Task.WhenAll(Task.Run(() => WriteAsync(instanceA, "A")), Task.Run(() => WriteAsync(instanceB, "B")));
        var polls = 0;
        while (!writers.IsCompleted)
        {
            await poller.PollAsync();
            polls++;
        }
        await writers;
        await poller.PollAsync();

        Assert.Equal(2 * Batches * RowsPerBatch, poller.Shown.Count);
        Assert.Equal(await StoredIdsAsync(), poller.Shown.Order());
        Assert.True(polls > 1, "the tail polled while the writers wrote");
    }

    [Fact]
    public async Task The_id_sequence_hands_out_one_id_at_a_time()
    {
        await using var scope = admin.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VybeDbContext>();

        var cache = await db.Database.SqlQuery<long>($"""
            SELECT seqcache AS "Value" FROM pg_sequence WHERE seqrelid = pg_get_serial_sequence('error_logs', 'id')::regclass
            """).SingleAsync();

        Assert.Equal(1, cache);
    }

    /// <summary>The hazard the lock removes, shown with two plain transactions that insert outside it.</summary>
    [Fact]
    public async Task Without_the_lock_a_row_committed_later_under_a_lower_id_is_never_shown()
    {
        var poller = new TailPoller(admin);
        await using var scopeA = instanceA.CreateAsyncScope();
        await using var scopeB = instanceB.CreateAsyncScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<VybeDbContext>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<VybeDbContext>();

        await using var transactionA = await dbA.Database.BeginTransactionAsync();
        var rowA = Row("A", 0);
        dbA.ErrorLogs.Add(rowA);
        await dbA.SaveChangesAsync();
        await using (var transactionB = await dbB.Database.BeginTransactionAsync())
        {
            dbB.ErrorLogs.Add(Row("B", 0));
            await dbB.SaveChangesAsync();
            await transactionB.CommitAsync();
        }
        var shownFirst = await poller.PollAsync();
        await transactionA.CommitAsync();
        var shownAfter = await poller.PollAsync();

        var rowB = Assert.Single(shownFirst);
        Assert.True(rowA.Id < rowB);
        Assert.Empty(shownAfter);
        Assert.DoesNotContain(rowA.Id, poller.Shown);
        Assert.Contains(rowA.Id, await StoredIdsAsync());
    }
}
