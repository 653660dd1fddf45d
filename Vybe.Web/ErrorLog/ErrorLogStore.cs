using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog.Issues;

namespace Vybe.Web.ErrorLog;

/// <summary>Where the background writer puts batches: the app's database.</summary>
public interface IErrorLogStore
{
    /// <summary>Stores the rows and counts them into their issues, in one transaction; returns the alerts they raised.</summary>
    Task<IReadOnlyList<ErrorIssueAlert>> InsertAsync(IReadOnlyList<ErrorLogEntry> batch, CancellationToken cancellationToken);

    /// <summary>Records that this release runs (releases are ordered by when they were first reported).</summary>
    Task RegisterReleaseAsync(string release, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Counts up to <paramref name="batchSize"/> rows written before fingerprints into their issues; returns how many.</summary>
    Task<int> BackfillAsync(int batchSize, CancellationToken cancellationToken);

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

    public async Task<IReadOnlyList<ErrorIssueAlert>> InsertAsync(IReadOnlyList<ErrorLogEntry> batch, CancellationToken cancellationToken)
    {
        // A fresh context per attempt: a failed SaveChanges leaves its context unusable.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VybeDbContext>();
        return await InErrorLogTransactionAsync(db, async () =>
        {
            foreach (var entry in batch)
            {
                entry.Id = 0;
            }
            var alerts = await new ErrorIssueTracker(db).CountAsync(batch, raiseAlerts: true, cancellationToken);
            db.ErrorLogs.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            return alerts;
        }, cancellationToken);
    }

    public async Task RegisterReleaseAsync(string release, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VybeDbContext>();
        await InErrorLogTransactionAsync(db, async () =>
        {
            if (!await db.ErrorReleases.AnyAsync(r => r.Name == release, cancellationToken))
            {
                db.ErrorReleases.Add(new ErrorRelease { Name = release, FirstSeen = now });
                await db.SaveChangesAsync(cancellationToken);
            }
            return true;
        }, cancellationToken);
    }

    public async Task<int> BackfillAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VybeDbContext>();
        return await InErrorLogTransactionAsync(db, async () =>
        {
            var rows = await db.ErrorLogs.Where(e => e.Fingerprint == null).OrderBy(e => e.Id).Take(batchSize).ToListAsync(cancellationToken);
            // Old rows count towards their issues but raise no alerts: they are news to no one.
            await new ErrorIssueTracker(db).CountAsync(rows, raiseAlerts: false, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return rows.Count;
        }, cancellationToken);
    }

    /// <summary>
    /// One transaction under <see cref="AdvisoryLocks.ErrorLog"/> on PostgreSQL (SQLite has one writer
    /// at a time anyway), without EF Core's savepoints (the whole transaction is retried or abandoned).
    /// </summary>
    public static async Task<T> InErrorLogTransactionAsync<T>(VybeDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLocks.Class}, {AdvisoryLocks.ErrorLog})", cancellationToken);
        }
        var result = await work();
        await transaction.CommitAsync(cancellationToken);
        return result;
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
