using Vybe.Web.Data;
using Vybe.Web.ErrorLog;

namespace Vybe.Web.Web;

/// <summary>
/// The error log's record of a database outage: one <c>DATABASE_UNAVAILABLE</c> row per instance
/// and minute with the number of requests refused in it, not a row per refused request. The minute
/// starts with the first refusal; its row is written when it ends (or at shutdown), through
/// <see cref="IErrorLog"/> like any other row, so while the database is still down it follows the
/// writer's rules: retries, then the console.
/// </summary>
public sealed class DatabaseOutageLog(IErrorLog errorLog, TimeProvider clock, ILogger<DatabaseOutageLog> diagnostics)
    : IHostedService, IDisposable
{
    public const string Code = "DATABASE_UNAVAILABLE";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private ITimer? windowEnd;
    private int refused;
    private DateTimeOffset since;
    private string cause = "";

    /// <summary>Counts one request refused because the database is unreachable.</summary>
    public void Refused(Exception exception)
    {
        lock (gate)
        {
            refused++;
            if (windowEnd is not null)
            {
                return;
            }
            since = clock.GetUtcNow();
            cause = DatabaseFailures.Describe(exception);
            // The record belongs to no request: the timer must not carry this one's context (its id, its user).
            using (ExecutionContext.SuppressFlow())
            {
                windowEnd = clock.CreateTimer(static state => ((DatabaseOutageLog)state!).WriteRecord(), this, Window, Timeout.InfiniteTimeSpan);
            }
        }
        diagnostics.LogWarning("The database is unreachable ({Cause}): requests that need it are answered 503", cause);
    }

    private void WriteRecord()
    {
        int count;
        DateTimeOffset from;
        string why;
        lock (gate)
        {
            windowEnd?.Dispose();
            windowEnd = null;
            count = refused;
            refused = 0;
            from = since;
            why = cause;
        }
        if (count == 0)
        {
            return;
        }
        errorLog.Error($"Database unreachable: {count} request(s) answered 503 in the minute from {from:u}", Code, new
        {
            refused = count,
            since = from,
            until = clock.GetUtcNow(),
            cause = why,
            instance = Environment.MachineName,
        });
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>At shutdown, the minute in progress is recorded with what it has counted so far.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        WriteRecord();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (gate)
        {
            windowEnd?.Dispose();
            windowEnd = null;
        }
    }
}
