using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Vybe.Web.Data;

namespace Vybe.Web.ErrorLog;

/// <summary>Where the background writer puts batches: the app's database.</summary>
public interface IErrorLogStore
{
    Task InsertAsync(IReadOnlyList<ErrorLogEntry> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the failure was the database refusing the rows' data (a value it cannot store, a
    /// check that fails), which no retry can change, rather than the database being out of reach.
    /// </summary>
    bool RefusedTheData(Exception failure);
}

internal sealed class DatabaseErrorLogStore(IServiceScopeFactory scopes) : IErrorLogStore
{
    // SQLite's primary result codes for a value or row it will not take: TOOBIG, CONSTRAINT, MISMATCH, RANGE.
    private static readonly int[] SqliteDataErrors = [18, 19, 20, 25];

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

    /// <summary>
    /// PostgreSQL's SQLSTATE classes 22 (data exception: a NUL byte, a value out of range), 23
    /// (integrity constraint violation: a check constraint) and 54 (program limit exceeded: a value
    /// too large); SQLite's equivalents; and text Npgsql cannot encode. Not connection failures,
    /// timeouts, a missing table or a shutting-down server: those are retried.
    /// </summary>
    public bool RefusedTheData(Exception failure)
    {
        for (var cause = failure; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("22", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("23", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("54", StringComparison.Ordinal);
                case SqliteException sqlite:
                    return SqliteDataErrors.Contains(sqlite.SqliteErrorCode);
                case EncoderFallbackException:
                    return true;
            }
        }
        return false;
    }
}
