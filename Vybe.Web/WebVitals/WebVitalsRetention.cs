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
        var total = await scopes.DeleteOlderThanAsync<WebVitalSample>(cutoff, options.Value.RetentionBatchSize, cancellationToken);
        if (total > 0)
        {
            diagnostics.LogInformation("Web Vitals retention deleted {Count} samples older than {Cutoff:O}", total, cutoff);
        }
        return total;
    }
}

/// <summary>Runs <see cref="WebVitalsRetention"/> at start-up and then once a day.</summary>
internal sealed class WebVitalsRetentionJob(WebVitalsRetention retention, IOptions<WebVitalsOptions> options, TimeProvider clock,
    ILogger<WebVitalsRetentionJob> diagnostics) : RetentionJob(clock, diagnostics)
{
    protected override TimeSpan Interval => options.Value.RetentionInterval;

    protected override string Name => "Web Vitals retention";

    protected override Task PurgeAsync(CancellationToken cancellationToken) => retention.PurgeAsync(cancellationToken);
}
