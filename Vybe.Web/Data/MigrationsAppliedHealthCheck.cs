using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Vybe.Web.Data;

/// <summary>Ready only when the database has every migration this build knows about.</summary>
internal sealed class MigrationsAppliedHealthCheck(VybeDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        List<string> pending;
        try
        {
            pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Said in words of our own: a provider's message can name the host, the user or the database.
            return HealthCheckResult.Unhealthy(DatabaseFailures.IsUnavailable(exception)
                ? $"not checked: {DatabaseFailures.Unreachable}"
                : $"not checked: {DatabaseFailures.Describe(exception)}");
        }
        return pending.Count == 0
            ? HealthCheckResult.Healthy("All migrations applied.")
            : HealthCheckResult.Unhealthy($"{pending.Count} pending migration(s): {string.Join(", ", pending)}");
    }
}
