using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;

namespace Vybe.Web.WebVitals;

/// <summary>Deletes Web Vitals samples older than the retention period, in batches like the error log's retention.</summary>
public sealed class WebVitalsRetention(IServiceScopeFactory scopes, IOptions<WebVitalsOptions> options, IOptions<ErrorLogOptions> errorLog,
    TimeProvider clock, ILogger<WebVitalsRetention> diagnostics)
{
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.EffectiveRetentionDays(errorLog.Value));
        var batchSize = options.Value.RetentionBatchSize;
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VybeDbContext>();
            var oldest = db.WebVitals.Where(s => s.Ts < cutoff).OrderBy(s => s.Id).Select(s => s.Id).Take(batchSize);
            var deleted = await db.WebVitals.Where(s => oldest.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < batchSize)
            {
                break;
            }
        }
        if (total > 0)
        {
            diagnostics.LogInformation("Web Vitals retention deleted {Count} samples older than {Cutoff:O}", total, cutoff);
        }
        return total;
    }
}

/// <summary>Runs <see cref="WebVitalsRetention"/> at start-up and then once a day.</summary>
internal sealed class WebVitalsRetentionJob(WebVitalsRetention retention, IOptions<WebVitalsOptions> options, TimeProvider clock,
    ILogger<WebVitalsRetentionJob> diagnostics) : BackgroundService
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
                diagnostics.LogError(exception, "Web Vitals retention failed; it runs again in {Interval}", options.Value.RetentionInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
