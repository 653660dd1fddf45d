namespace Vybe.Web.Data;

/// <summary>A row kept for a while and then deleted by age: the error log's, the Web Vitals samples.</summary>
public interface IAgedRow
{
    long Id { get; }

    DateTimeOffset Ts { get; }
}

public static class AgedRows
{
    /// <summary>
    /// Deletes the rows of <typeparamref name="TRow"/> older than <paramref name="cutoff"/>, oldest first,
    /// <paramref name="batchSize"/> at a time (<see cref="BatchDelete.DeleteInBatchesAsync"/>). Returns how many went.
    /// </summary>
    public static async Task<int> DeleteOlderThanAsync<TRow>(this IServiceScopeFactory scopes, DateTimeOffset cutoff, int batchSize,
        CancellationToken cancellationToken)
        where TRow : class, IAgedRow
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VybeDbContext>().Set<TRow>()
            .DeleteInBatchesAsync(row => row.Ts < cutoff, row => row.Id, row => row.Id, batchSize, cancellationToken);
    }
}

/// <summary>
/// Runs a retention pass at start-up and then every <see cref="Interval"/>. A failed pass is logged
/// and tried again at the next tick; it never stops the app.
/// </summary>
internal abstract class RetentionJob(TimeProvider clock, ILogger diagnostics) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the log calls this job, e.g. "Error-log retention".</summary>
    protected abstract string Name { get; }

    protected abstract Task PurgeAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                diagnostics.LogError(exception, "{Job} failed; it runs again in {Interval}", Name, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
