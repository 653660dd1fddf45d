using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Web;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// Moves queued entries to the database in batches. A batch that fails because the database is out
/// of reach is retried 3 times after 100, 200 and 400 ms; after that its rows go to the console as
/// JSON and the writer carries on. A batch the database refuses for its data (one row it cannot
/// store) is not retried but written again row by row, so only the row that still fails goes to the
/// console. On shutdown it drains the queue, for at most <see cref="ErrorLogOptions.ShutdownFlushTimeout"/>.
/// What it does is counted on <see cref="ErrorLogMetrics"/>.
/// </summary>
public sealed class ErrorLogWriter : DrainingBackgroundService
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    public const int RetryAttempts = 3;
    private const string ShutdownTimedOut = "shutdown flush timed out";

    private readonly ErrorLogQueue queue;
    private readonly IErrorLogStore store;
    private readonly ConsoleFallback fallback;
    private readonly ErrorLogOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<ErrorLogWriter> diagnostics;
    private readonly ErrorLogMetrics metrics;
    private readonly ResiliencePipeline retry;
    private readonly ErrorIssueAlertQueue alerts;
    private readonly AppRelease release;

    public ErrorLogWriter(ErrorLogQueue queue, IErrorLogStore store, ConsoleFallback fallback, IOptions<ErrorLogOptions> options,
        TimeProvider clock, ErrorLogMetrics metrics, ErrorIssueAlertQueue alerts, AppRelease release, ILogger<ErrorLogWriter> diagnostics)
        : base(clock)
    {
        this.queue = queue;
        this.alerts = alerts;
        this.release = release;
        this.store = store;
        this.fallback = fallback;
        this.options = options.Value;
        this.clock = clock;
        this.diagnostics = diagnostics;
        this.metrics = metrics;
        retry = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = RetryAttempts,
                Delay = FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                // Retrying cannot make the database take a value it refused.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException && !store.RefusedTheData(e)),
                OnRetry = args =>
                {
                    metrics.Retried(args.RetryDelay);
                    diagnostics.LogWarning(args.Outcome.Exception, "Error-log batch failed; retry {Attempt} in {Delay} ms",
                        args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Batches that reached the database, for tests and the admin page.</summary>
    public long BatchesWritten => Interlocked.Read(ref batchesWritten);
    private long batchesWritten;

    /// <summary>Rows written before fingerprints that the start-up backfill counted into issues.</summary>
    public long RowsBackfilled => Interlocked.Read(ref rowsBackfilled);
    private long rowsBackfilled;

    /// <summary>Rows taken per backfill transaction: each holds the error-log lock, so writing new rows waits at most one of them.</summary>
    public const int BackfillBatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await PrepareAsync(stoppingToken);
        // The loop ends when the queue is completed (at shutdown) and drained, not when stoppingToken fires,
        // so entries logged during shutdown still reach the database.
        while (await queue.WaitToReadAsync(CancellationToken.None))
        {
            var batch = queue.TakeBatch(options.BatchSize);
            if (batch.Count > 0)
            {
                await WriteBatchAsync(batch);
            }
        }
    }

    /// <summary>
    /// Before the first batch: records this instance's release, then counts rows from before
    /// fingerprints into their issues. A database that cannot be reached does not stop the writer:
    /// the next start tries again.
    /// </summary>
    private async Task PrepareAsync(CancellationToken stoppingToken)
    {
        try
        {
            await store.RegisterReleaseAsync(release.Name, clock.GetUtcNow(), stoppingToken);
            int counted;
            do
            {
                counted = await store.BackfillAsync(BackfillBatchSize, stoppingToken);
                Interlocked.Add(ref rowsBackfilled, counted);
            }
            while (counted == BackfillBatchSize && !stoppingToken.IsCancellationRequested);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            diagnostics.LogWarning(exception, "The error log could not record release {Release} or count older rows into issues; it tries again at the next start",
                release.Name);
        }
    }

    private async Task WriteBatchAsync(List<ErrorLogEntry> batch)
    {
        if (Abandoned.IsCancellationRequested)
        {
            ToConsole(batch, ErrorLogMetrics.ShutdownReason, ShutdownTimedOut);
            return;
        }
        try
        {
            await InsertAsync(batch);
            Interlocked.Increment(ref batchesWritten);
        }
        catch (Exception exception) when (store.RefusedTheData(exception) && batch.Count > 1 && !Abandoned.IsCancellationRequested)
        {
            diagnostics.LogWarning(exception, "The database refused a batch of {Count} error-log rows for its data; writing them one by one", batch.Count);
            await WriteRowByRowAsync(batch);
            Interlocked.Increment(ref batchesWritten);
        }
        catch (Exception exception)
        {
            NotWritten(batch, exception);
        }
    }

    /// <summary>Each row on its own (with the same retries), so a row the database refuses costs no other row.</summary>
    private async Task WriteRowByRowAsync(List<ErrorLogEntry> batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            if (Abandoned.IsCancellationRequested)
            {
                ToConsole(batch[i..], ErrorLogMetrics.ShutdownReason, ShutdownTimedOut);
                return;
            }
            try
            {
                await InsertAsync([batch[i]]);
            }
            catch (Exception exception) when (store.RefusedTheData(exception))
            {
                diagnostics.LogError(exception, "The database refused an error-log row ({Code}); writing it to the console", batch[i].Code);
                ToConsole([batch[i]], ErrorLogMetrics.RefusedReason,
                    $"the database refused the row: {exception.GetType().Name}: {Innermost(exception).Message}");
            }
            catch (Exception exception)
            {
                // Out of reach after the retries: the rest would wait as long each, so it goes to the console now.
                NotWritten(batch[i..], exception);
                return;
            }
        }
    }

    private async Task InsertAsync(List<ErrorLogEntry> rows)
    {
        var raised = await retry.ExecuteAsync(async token => await store.InsertAsync(rows, token), Abandoned);
        metrics.Written(rows.Count);
        alerts.Enqueue(raised);
    }

    private void NotWritten(List<ErrorLogEntry> rows, Exception exception)
    {
        if (Abandoned.IsCancellationRequested)
        {
            ToConsole(rows, ErrorLogMetrics.ShutdownReason, ShutdownTimedOut);
            return;
        }
        diagnostics.LogError(exception, "Error-log batch of {Count} rows could not be written; writing it to the console", rows.Count);
        var refused = store.RefusedTheData(exception);
        ToConsole(rows, refused ? ErrorLogMetrics.RefusedReason : ErrorLogMetrics.UnreachableReason, refused
            ? $"the database refused the row: {exception.GetType().Name}: {Innermost(exception).Message}"
            : $"database write failed after {RetryAttempts} retries: {exception.GetType().Name}: {exception.Message}");
    }

    private void ToConsole(List<ErrorLogEntry> rows, string reason, string explanation)
    {
        fallback.Write(rows, explanation);
        metrics.SentToConsole(rows.Count, reason);
    }

    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;

    protected override TimeSpan ShutdownFlushTimeout => options.ShutdownFlushTimeout;

    protected override void CompleteQueue() => queue.Complete();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The last batch's alerts are queued; the alert sender drains them.
        alerts.Complete();
    }

    protected override void OnFlushTimedOut() =>
        diagnostics.LogWarning("The error log did not drain within {Timeout}; the rest goes to the console", options.ShutdownFlushTimeout);
}
