using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vybe.Web.Data;

namespace Vybe.Web.ErrorLog;

/// <summary>Deletes error-log rows older than the retention period, in batches so no delete holds long locks.</summary>
public sealed class ErrorLogRetention(IServiceScopeFactory scopes, IOptions<ErrorLogOptions> options, TimeProvider clock, ILogger<ErrorLogRetention> diagnostics)
{
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        var batchSize = options.Value.RetentionBatchSize;
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VybeDbContext>();
            var oldest = db.ErrorLogs.Where(e => e.Ts < cutoff).OrderBy(e => e.Id).Select(e => e.Id).Take(batchSize);
            var deleted = await db.ErrorLogs.Where(e => oldest.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < batchSize)
            {
                break;
            }
        }
        if (total > 0)
        {
            diagnostics.LogInformation("Error-log retention deleted {Count} rows older than {Cutoff:O}", total, cutoff);
        }
        return total;
    }
}

/// <summary>Runs <see cref="ErrorLogRetention"/> at start-up and then once a day.</summary>
internal sealed class ErrorLogRetentionJob(ErrorLogRetention retention, IOptions<ErrorLogOptions> options, TimeProvider clock, ILogger<ErrorLogRetentionJob> diagnostics)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionInterval, clock);
        do
        {
            try
            {
                await retention.PurgeAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                diagnostics.LogError(exception, "Error-log retention failed; it runs again in {Interval}", options.Value.RetentionInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
