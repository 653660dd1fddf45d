using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
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
        });
    }

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

    /// <summary>A console for the error log's fallback that keeps its lines, safe to read while it is written.</summary>
    public sealed class LinesWriter : TextWriter
    {
        private readonly ConcurrentQueue<string> lines = new();

        public override Encoding Encoding => Encoding.UTF8;

        public IReadOnlyCollection<string> Lines => lines.ToArray();

        public override void WriteLine(string? value) => lines.Enqueue(value ?? "");

        public override void Write(char value) => throw new NotSupportedException("The fallback writes whole lines.");
    }
}
