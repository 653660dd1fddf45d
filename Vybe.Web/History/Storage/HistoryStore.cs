using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vybe.Web.Data;

namespace Vybe.Web.History.Storage;

public sealed record HistoryPage(IReadOnlyList<StoredReading> Readings, HistoryCursor? Older);

/// <summary>
/// Saved readings, per owner, newest first. The caps (100 for members, 20 for guests) are enforced
/// inside the saving transaction while holding a per-owner lock, so concurrent saves can never
/// leave more than the cap.
/// </summary>
public sealed class HistoryStore(VybeDbContext db, IOptions<HistoryOptions> options, TimeProvider clock)
{
    /// <summary>History's order: newest first, by (created time, id).</summary>
    private static readonly Keyset<StoredReading, Guid> ByCreatedAt = new(r => r.CreatedAt, r => r.Id);

    private const string LockAndTrimMemberSql = """
        SELECT pg_advisory_xact_lock({0});
        DELETE FROM readings WHERE id IN (SELECT id FROM readings WHERE user_id = {1} ORDER BY created_at DESC, id DESC OFFSET {2})
        """;

    private const string LockAndTrimGuestSql = """
        SELECT pg_advisory_xact_lock({0});
        DELETE FROM readings WHERE id IN (SELECT id FROM readings WHERE guest_id = {1} ORDER BY created_at DESC, id DESC OFFSET {2})
        """;

    private readonly HistoryOptions settings = options.Value;

    public async Task SaveAsync(HistoryOwner owner, StoredReading reading, CancellationToken cancellationToken)
    {
        if (owner.IsNone)
        {
            throw new ArgumentException("A reading is saved for a member or a guest (VisitorHistory.ForSaving), never for no one.", nameof(owner));
        }
        reading.UserId = owner.UserId;
        reading.GuestId = owner.GuestId;
        // The insert comes before the owner's lock: it cannot push another save's trim over the cap,
        // because a trim sees only committed rows and its own, and taking the lock afterwards lets the
        // lock and the trim go to PostgreSQL together. BEGIN rides on the insert, so the whole save is
        // three round trips: the insert, the lock with the trim, the commit.
        await InOwnerTransactionAsync([], async () =>
        {
            db.Readings.Add(reading);
            await db.SaveChangesAsync(cancellationToken);
            await LockAndTrimAsync(owner, cancellationToken);
        }, cancellationToken);
    }

    public Task<HistoryPage> PageAsync(HistoryOwner owner, HistoryCursor? after, CancellationToken cancellationToken) =>
        PageAsync(owner, HistoryFilter.None, after, cancellationToken);

    /// <summary>
    /// A page of the owner's readings that the filter keeps, newest first. The filter narrows the rows
    /// the keyset walks, so a page's cursor leads to the next page of the same filtered list.
    /// </summary>
    public async Task<HistoryPage> PageAsync(HistoryOwner owner, HistoryFilter filter, HistoryCursor? after, CancellationToken cancellationToken)
    {
        var page = await ByCreatedAt.PageAsync(Filtered(Owned(owner), filter).AsNoTracking(), after?.Position, settings.PageSize, cancellationToken);
        return new HistoryPage(page.Rows, page.HasOlder ? HistoryCursor.After(page.Rows[^1]) : null);
    }

    /// <summary>
    /// Logs (or changes) what the owner says about a reading's sighting. Null when the reading is not
    /// the owner's, so nobody else can tell it exists.
    /// </summary>
    public async Task<StoredReading?> LogSightingAsync(HistoryOwner owner, Guid id, SightingEntry entry, CancellationToken cancellationToken)
    {
        var reading = await Owned(owner).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (reading is null)
        {
            return null;
        }
        reading.SeenAt = entry.SeenAt;
        reading.SeenPlace = entry.Place;
        reading.Feeling = entry.Feeling;
        reading.Note = entry.Note;
        await db.SaveChangesAsync(cancellationToken);
        return reading;
    }

    public Task<List<StoredReading>> AllAsync(HistoryOwner owner, CancellationToken cancellationToken) =>
        ByCreatedAt.NewestFirst(Owned(owner)).AsNoTracking().ToListAsync(cancellationToken);

    public Task<int> CountAsync(HistoryOwner owner, CancellationToken cancellationToken) =>
        Owned(owner).CountAsync(cancellationToken);

    /// <summary>The owner's reading, or null when it does not exist or belongs to someone else.</summary>
    public Task<StoredReading?> FindAsync(HistoryOwner owner, Guid id, CancellationToken cancellationToken) =>
        Owned(owner).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>
    /// The reading shared under the token, or null. A guest's reading past the guest retention is gone
    /// for its link too, even before the purge deletes it.
    /// </summary>
    public Task<StoredReading?> FindSharedAsync(ShareToken token, CancellationToken cancellationToken)
    {
        var cutoff = GuestCutoff();
        var value = token.Value;
        return db.Readings.AsNoTracking()
            .SingleOrDefaultAsync(r => r.ShareToken == value && (r.UserId != null || r.CreatedAt >= cutoff), cancellationToken);
    }

    public async Task<bool> DeleteAsync(HistoryOwner owner, Guid id, CancellationToken cancellationToken) =>
        await Owned(owner).Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;

    public Task<int> ClearAsync(HistoryOwner owner, CancellationToken cancellationToken) =>
        Owned(owner).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Shares the reading with a new unguessable token, or revokes it. Null when the reading is not the owner's.</summary>
    public async Task<StoredReading?> SetSharedAsync(HistoryOwner owner, Guid id, bool shared, CancellationToken cancellationToken)
    {
        var reading = await Owned(owner).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (reading is null)
        {
            return null;
        }
        if (shared && reading.ShareToken is null)
        {
            reading.ShareToken = ShareToken.New().Value;
        }
        else if (!shared)
        {
            reading.ShareToken = null;
        }
        await db.SaveChangesAsync(cancellationToken);
        return reading;
    }

    /// <summary>
    /// Moves a guest's readings into a member's history (on signup or login), then trims the member's
    /// history to its cap, in one transaction.
    /// </summary>
    public async Task<int> MergeGuestAsync(Guid guestId, Guid userId, CancellationToken cancellationToken)
    {
        var guest = HistoryOwner.Guest(guestId);
        var member = HistoryOwner.Member(userId);
        var moved = 0;
        await InOwnerTransactionAsync([member, guest], async () =>
        {
            moved = await Owned(guest).ExecuteUpdateAsync(
                set => set.SetProperty(r => r.UserId, userId).SetProperty(r => r.GuestId, (Guid?)null), cancellationToken);
            await db.Readings.Where(r => r.GuestId == guestId).ExecuteDeleteAsync(cancellationToken);
            await LockAndTrimAsync(member, cancellationToken);
        }, cancellationToken);
        return moved;
    }

    /// <summary>Deletes guests' readings older than the guest retention, in batches. Returns how many went.</summary>
    public Task<int> PurgeExpiredGuestReadingsAsync(int batchSize, CancellationToken cancellationToken)
    {
        var cutoff = GuestCutoff();
        return db.Readings.DeleteInBatchesAsync(r => r.GuestId != null && r.CreatedAt < cutoff, r => r.CreatedAt, r => r.Id, batchSize,
            cancellationToken);
    }

    private static IQueryable<StoredReading> Filtered(IQueryable<StoredReading> rows, HistoryFilter filter)
    {
        if (filter.Number is { } number)
        {
            // A comparison's input is "first & second": it is found by either of its numbers.
            var first = number + " & ";
            var second = " & " + number;
            rows = rows.Where(r => r.NormalizedInput == number
                || (r.Kind == "compare" && (r.NormalizedInput.StartsWith(first) || r.NormalizedInput.EndsWith(second))));
        }
        if (filter.Kind is { } kind)
        {
            rows = rows.Where(r => r.Kind == kind);
        }
        if (filter.Place is { } place)
        {
            rows = rows.Where(r => r.SeenPlace == place);
        }
        if (filter.SeenFrom is { } from)
        {
            rows = rows.Where(r => r.SeenAt >= from);
        }
        if (filter.SeenUntil is { } until)
        {
            rows = rows.Where(r => r.SeenAt < until);
        }
        return rows;
    }

    /// <summary>The owner's readings; none for <see cref="HistoryOwner.None"/> (whose null ids would otherwise match every member's rows).</summary>
    private IQueryable<StoredReading> Owned(HistoryOwner owner)
    {
        if (owner.IsNone)
        {
            return db.Readings.Where(r => false);
        }
        if (owner.UserId is { } userId)
        {
            return db.Readings.Where(r => r.UserId == userId);
        }
        var guestId = owner.GuestId;
        var cutoff = GuestCutoff();
        return db.Readings.Where(r => r.GuestId == guestId && r.CreatedAt >= cutoff);
    }

    private DateTimeOffset GuestCutoff() => clock.GetUtcNow() - settings.GuestRetention;

    /// <summary>
    /// Deletes the owner's readings beyond the cap, holding the owner's lock. On PostgreSQL the lock and
    /// the delete are two statements of one command, one round trip; the delete takes its snapshot
    /// once the lock is held, so it sees what the previous holder committed. SQLite has one writer at a
    /// time already.
    /// </summary>
    private async Task LockAndTrimAsync(HistoryOwner owner, CancellationToken cancellationToken)
    {
        var cap = owner.IsMember ? settings.MemberCap : settings.GuestCap;
        if (db.Database.IsNpgsql())
        {
            // The same delete as below, spelt in SQL: EF cannot send its ExecuteDelete in the lock's command.
            await db.Database.ExecuteSqlRawAsync(owner.IsMember ? LockAndTrimMemberSql : LockAndTrimGuestSql,
                [owner.LockKey, owner.UserId ?? owner.GuestId!.Value, cap], cancellationToken);
            return;
        }
        var column = owner.IsMember ? db.Readings.Where(r => r.UserId == owner.UserId) : db.Readings.Where(r => r.GuestId == owner.GuestId);
        var beyondCap = ByCreatedAt.NewestFirst(column).Skip(cap).Select(r => r.Id);
        await db.Readings.Where(r => beyondCap.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Runs the work in a transaction that first takes each given owner's lock. On PostgreSQL that is a
    /// transaction-scoped advisory lock per owner (taken in key order, so two merges cannot deadlock);
    /// SQLite's write transactions are already serialised.
    /// </summary>
    /// <remarks>
    /// Without EF Core's automatic savepoints: inside a transaction it wraps each SaveChanges in one and
    /// ignores a failure to release it, so a connection lost at that moment came back later as
    /// "Transaction is already completed", with nothing saying the database had gone (a 500 instead
    /// of the outage's 503). A failed save abandons the whole transaction here anyway.
    /// </remarks>
    private async Task InOwnerTransactionAsync(IReadOnlyList<HistoryOwner> owners, Func<Task> work, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var autoSavepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (db.Database.IsNpgsql())
                {
                    foreach (var key in owners.Select(o => o.LockKey).Distinct().Order())
                    {
                        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
                    }
                }
                await work();
                await transaction.CommitAsync(cancellationToken);
            });
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = autoSavepoints;
        }
    }
}
