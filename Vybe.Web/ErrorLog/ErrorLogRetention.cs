using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog.Issues;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// Deletes error-log rows older than the retention period, and issues' hourly counts older than
/// <see cref="ErrorIssueHour.KeptFor"/>, in batches so no delete holds long locks. An issue's counters
/// (events, users, first and last seen, releases) are lifetime counts the writer kept as the rows
/// arrived: deleting the rows does not change them, so nothing here touches them.
/// </summary>
public sealed class ErrorLogRetention(IServiceScopeFactory scopes, IOptions<ErrorLogOptions> options, TimeProvider clock, ILogger<ErrorLogRetention> diagnostics)
{
    public async Task<ErrorLogPurge> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-options.Value.RetentionDays);
        var rows = await scopes.DeleteOlderThanAsync<ErrorLogEntry>(cutoff, options.Value.RetentionBatchSize, cancellationToken);
        if (rows > 0)
        {
            diagnostics.LogInformation("Error-log retention deleted {Count} rows older than {Cutoff:O}", rows, cutoff);
        }
        var hoursCutoff = ErrorIssueHour.Of(now - ErrorIssueHour.KeptFor);
        var hours = await DeleteIssueHoursOlderThanAsync(hoursCutoff, options.Value.RetentionBatchSize, cancellationToken);
        if (hours > 0)
        {
            diagnostics.LogInformation("Error-log retention deleted {Count} issue hours older than {Cutoff:O}", hours, hoursCutoff);
        }
        return new ErrorLogPurge(rows, hours);
    }

    /// <summary>
    /// Oldest first, <paramref name="batchSize"/> buckets per transaction. Each batch holds the
    /// error-log lock, as every change to issues does, so it never deletes a bucket the writer has
    /// read and is about to add to; the writer waits for at most one batch.
    /// </summary>
    private async Task<int> DeleteIssueHoursOlderThanAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VybeDbContext>();
            var deleted = await DatabaseErrorLogStore.InErrorLogTransactionAsync(db, () =>
            {
                // The key has two columns, so a batch is picked with EXISTS rather than IN.
                var batch = db.ErrorIssueHours.Where(h => h.Hour < cutoff).OrderBy(h => h.Hour).ThenBy(h => h.Fingerprint).Take(batchSize);
                return db.ErrorIssueHours
                    .Where(h => batch.Any(b => b.Fingerprint == h.Fingerprint && b.Hour == h.Hour))
                    .ExecuteDeleteAsync(cancellationToken);
            }, cancellationToken);
            total += deleted;
            if (deleted < batchSize)
            {
                break;
            }
        }
        return total;
    }
}

/// <summary>What one retention pass deleted.</summary>
public sealed record ErrorLogPurge(int Rows, int IssueHours);

/// <summary>Runs <see cref="ErrorLogRetention"/> at start-up and then once a day.</summary>
internal sealed class ErrorLogRetentionJob(ErrorLogRetention retention, IOptions<ErrorLogOptions> options, TimeProvider clock, ILogger<ErrorLogRetentionJob> diagnostics)
    : RetentionJob(clock, diagnostics)
{
    protected override TimeSpan Interval => options.Value.RetentionInterval;

    protected override string Name => "Error-log retention";

    protected override Task PurgeAsync(CancellationToken cancellationToken) => retention.PurgeAsync(cancellationToken);
}
