using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Vybe.Web.Data;

/// <summary>
/// Ready only when the database answers a query. Unhealthy says why in a few words of its own
/// (<see cref="DatabaseFailures.Unreachable"/>, or the error's type and code), never the provider's
/// message, which can carry a host or a user name.
/// </summary>
internal sealed class DatabaseReachableHealthCheck(VybeDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // A query, not only an open: a pooled connection the server has dropped fails here too.
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
            return HealthCheckResult.Healthy("database answers");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(DatabaseFailures.IsUnavailable(exception)
                ? DatabaseFailures.Unreachable
                : $"database refused the check: {DatabaseFailures.Describe(exception)}");
        }
    }
}
