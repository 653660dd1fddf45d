using Microsoft.EntityFrameworkCore;

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
    /// <paramref name="batchSize"/> at a time with a fresh context each, so no delete holds long locks.
    /// Returns how many went.
    /// </summary>
    public static async Task<int> DeleteOlderThanAsync<TRow>(this IServiceScopeFactory scopes, DateTimeOffset cutoff, int batchSize,
        CancellationToken cancellationToken)
        where TRow : class, IAgedRow
    {
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var rows = scope.ServiceProvider.GetRequiredService<VybeDbContext>().Set<TRow>();
            var oldest = rows.Where(row => row.Ts < cutoff).OrderBy(row => row.Id).Select(row => row.Id).Take(batchSize);
            var deleted = await rows.Where(row => oldest.Contains(row.Id)).ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < batchSize)
            {
                break;
            }
        }
        return total;
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
