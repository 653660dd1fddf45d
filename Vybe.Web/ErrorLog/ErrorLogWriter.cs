using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// Moves queued entries to the database in batches. A failed batch is retried 3 times after
/// 100, 200 and 400 ms; after that its rows go to the console as JSON and the writer carries on.
/// On shutdown it drains the queue, for at most <see cref="ErrorLogOptions.ShutdownFlushTimeout"/>.
/// What it does is counted on <see cref="ErrorLogMetrics"/>.
/// </summary>
public sealed class ErrorLogWriter : BackgroundService
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    public const int RetryAttempts = 3;

    private readonly ErrorLogQueue queue;
    private readonly IErrorLogStore store;
    private readonly ConsoleFallback fallback;
    private readonly ErrorLogOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<ErrorLogWriter> diagnostics;
    private readonly ErrorLogMetrics metrics;
    private readonly ResiliencePipeline retry;
    // Cancelled only when the shutdown flush runs out of time: then pending writes stop and go to the console.
    private readonly CancellationTokenSource abandonWrites = new();

    public ErrorLogWriter(ErrorLogQueue queue, IErrorLogStore store, ConsoleFallback fallback, IOptions<ErrorLogOptions> options,
        TimeProvider clock, ErrorLogMetrics metrics, ILogger<ErrorLogWriter> diagnostics)
    {
        this.queue = queue;
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
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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

    private async Task WriteBatchAsync(List<ErrorLogEntry> batch)
    {
        if (abandonWrites.IsCancellationRequested)
        {
            fallback.Write(batch, "shutdown flush timed out");
            metrics.SentToConsole(batch.Count, ErrorLogMetrics.ShutdownReason);
            return;
        }
        try
        {
            await retry.ExecuteAsync(async token => await store.InsertAsync(batch, token), abandonWrites.Token);
            metrics.Written(batch.Count);
            Interlocked.Increment(ref batchesWritten);
        }
        catch (Exception exception)
        {
            diagnostics.LogError(exception, "Error-log batch of {Count} rows could not be written; writing it to the console", batch.Count);
            fallback.Write(batch, abandonWrites.IsCancellationRequested
                ? "shutdown flush timed out"
                : $"database write failed after {RetryAttempts} retries: {exception.GetType().Name}: {exception.Message}");
            metrics.SentToConsole(batch.Count, abandonWrites.IsCancellationRequested ? ErrorLogMetrics.ShutdownReason : ErrorLogMetrics.UnreachableReason);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        if (ExecuteTask is null)
        {
            return;
        }
        var timeUp = Task.Delay(options.ShutdownFlushTimeout, clock, CancellationToken.None);
        if (await Task.WhenAny(ExecuteTask, timeUp) != ExecuteTask)
        {
            diagnostics.LogWarning("The error log did not drain within {Timeout}; the rest goes to the console", options.ShutdownFlushTimeout);
            await abandonWrites.CancelAsync();
            await ExecuteTask;
        }
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        abandonWrites.Dispose();
        base.Dispose();
    }
}
