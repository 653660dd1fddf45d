using Vybe.Web.Data;

namespace Vybe.Web.ErrorLog;

/// <summary>Where the background writer puts batches: the app's database.</summary>
public interface IErrorLogStore
{
    Task InsertAsync(IReadOnlyList<ErrorLogEntry> batch, CancellationToken cancellationToken);
}

internal sealed class DatabaseErrorLogStore(IServiceScopeFactory scopes) : IErrorLogStore
{
    public async Task InsertAsync(IReadOnlyList<ErrorLogEntry> batch, CancellationToken cancellationToken)
    {
        // A fresh context per attempt: a failed SaveChanges leaves its context unusable.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VybeDbContext>();
        foreach (var entry in batch)
        {
            entry.Id = 0;
        }
        db.ErrorLogs.AddRange(batch);
        await db.SaveChangesAsync(cancellationToken);
    }
}
