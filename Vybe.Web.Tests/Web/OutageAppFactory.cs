using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Web;

namespace Vybe.Web.Tests.Web;

/// <summary>
/// The app on a database of its own reached through a <see cref="DatabaseRelay"/>, so a test can take
/// the database away (<c>using (app.Relay.Cut()) { … }</c>) without touching the shared cluster.
/// Two things are the test's: the clock of the outage record (<see cref="OutageClock"/>; the rest of
/// the app keeps the real one), and the console the error log falls back to (<see cref="Console"/>).
/// </summary>
public class OutageAppFactory : VybeAppFactory
{
    private int relayDisposed;

    public DatabaseRelay Relay { get; private set; } = null!;

    public FakeTimeProvider OutageClock { get; } = new(DateTimeOffset.UtcNow);

    public LinesWriter Console { get; } = new();

    public override async Task InitializeAsync()
    {
        var direct = await TestPostgres.CreateDatabaseAsync(GetType().Name.ToLowerInvariant());
        Relay = DatabaseRelay.Start(direct);
        ConnectionString = Relay.ConnectionString;
        StartApp();
    }

    /// <summary>Starts the app (and applies the migrations) now, so a failure shows up in the fixture.</summary>
    protected virtual void StartApp() => _ = Server;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(sp => new DatabaseOutageLog(
                sp.GetRequiredService<IErrorLog>(), OutageClock, sp.GetRequiredService<ILogger<DatabaseOutageLog>>()));
            services.AddSingleton(new ConsoleFallback(Console));
            services.ConfigureDbContext<PostgresVybeDbContext>(options => options.AddInterceptors(CutAfterReadingInsert));
        });
    }

    /// <summary>Arms a cut of the relay right after the next reading's INSERT has been answered (see <see cref="CutPoint"/>).</summary>
    public CutPoint CutAfterReadingInsert => cutAfterReadingInsert ??= new CutPoint(this);
    private CutPoint? cutAfterReadingInsert;

    /// <summary>The error-log rows that match, once at least <paramref name="atLeast"/> of them are there.</summary>
    public Task<List<ErrorLogEntry>> RowsAsync(Func<ErrorLogEntry, bool> match, int atLeast = 1) =>
        Eventually.ReturnsAsync(
            () => WithDbAsync(async db => (await db.ErrorLogs.AsNoTracking().ToListAsync()).Where(match).ToList()),
            rows => rows.Count >= atLeast,
            $"{atLeast} matching error-log row(s)");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Interlocked.Exchange(ref relayDisposed, 1) == 0 && Relay is not null)
        {
            await Relay.DisposeAsync();
        }
    }

    /// <summary>
    /// Takes the database away at one precise moment: once armed, right after the server has answered
    /// a reading's INSERT and before the next round trip of that connection (EF Core's release of its
    /// savepoint, or the next command), so the reading is in an open transaction that never commits.
    /// </summary>
    public sealed class CutPoint(OutageAppFactory app) : DbCommandInterceptor, IDbTransactionInterceptor
    {
        private const int Idle = 0, Armed = 1, Inserted = 2;
        private int state;

        public IDisposable? Cut { get; private set; }

        public void Arm()
        {
            Cut = null;
            Interlocked.Exchange(ref state, Armed);
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            NoteInsert(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
            CancellationToken cancellationToken = default)
        {
            NoteInsert(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            CutIfInserted();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            CutIfInserted();
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult> ReleasingSavepointAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
        {
            CutIfInserted();
            return ValueTask.FromResult(result);
        }

        private void NoteInsert(DbCommand command)
        {
            if (command.CommandText.Contains("INSERT INTO readings", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.CompareExchange(ref state, Inserted, Armed);
            }
        }

        private void CutIfInserted()
        {
            if (Interlocked.CompareExchange(ref state, Idle, Inserted) == Inserted)
            {
                Cut = app.Relay.Cut();
            }
        }
    }

    /// <summary>A console for the error log's fallback that keeps its lines, safe to read while it is written.</summary>
    public sealed class LinesWriter : TextWriter
    {
        private readonly ConcurrentQueue<string> lines = new();

        public override Encoding Encoding => Encoding.UTF8;

        public IReadOnlyCollection<string> Lines => lines.ToArray();

        private readonly StringBuilder partial = new();

        public override void WriteLine(string? value)
        {
            lock (partial)
            {
                lines.Enqueue(partial.Append(value).ToString());
                partial.Clear();
            }
        }

        public override void Write(char value)
        {
            lock (partial)
            {
                if (value == '\n')
                {
                    lines.Enqueue(partial.ToString().TrimEnd('\r'));
                    partial.Clear();
                }
                else
                {
                    partial.Append(value);
                }
            }
        }
    }
}
