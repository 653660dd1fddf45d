using Microsoft.Extensions.Options;
using Vybe.Web.Data;

namespace Vybe.Web.ErrorLog;

/// <summary>Deletes error-log rows older than the retention period, in batches so no delete holds long locks.</summary>
public sealed class ErrorLogRetention(IServiceScopeFactory scopes, IOptions<ErrorLogOptions> options, TimeProvider clock, ILogger<ErrorLogRetention> diagnostics)
{
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        var total = await scopes.DeleteOlderThanAsync<ErrorLogEntry>(cutoff, options.Value.RetentionBatchSize, cancellationToken);
        if (total > 0)
        {
            diagnostics.LogInformation("Error-log retention deleted {Count} rows older than {Cutoff:O}", total, cutoff);
        }
        return total;
    }
}

/// <summary>Runs <see cref="ErrorLogRetention"/> at start-up and then once a day.</summary>
internal sealed class ErrorLogRetentionJob(ErrorLogRetention retention, IOptions<ErrorLogOptions> options, TimeProvider clock, ILogger<ErrorLogRetentionJob> diagnostics)
    : RetentionJob(clock, diagnostics)
{
    protected override TimeSpan Interval => options.Value.RetentionInterval;

    protected override string Name => "Error-log retention";

    protected override Task PurgeAsync(CancellationToken cancellationToken) => retention.PurgeAsync(cancellationToken);
}
