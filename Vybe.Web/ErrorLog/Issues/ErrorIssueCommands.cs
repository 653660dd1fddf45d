using Microsoft.EntityFrameworkCore;
using Vybe.Web.Data;

namespace Vybe.Web.ErrorLog.Issues;

/// <summary>How an admin's change to an issue ended.</summary>
public enum ErrorIssueCommandOutcome
{
    Done,

    /// <summary>No issue has the id the admin acted on.</summary>
    NotFound,

    /// <summary>The change makes no sense for these issues (merging an issue into itself…): <see cref="ErrorIssueCommandResult.Message"/> says why.</summary>
    Refused,
}

/// <param name="Message">What the admin reads: why it was refused.</param>
public sealed record ErrorIssueCommandResult(ErrorIssueCommandOutcome Outcome, string? Message = null)
{
    public static readonly ErrorIssueCommandResult Done = new(ErrorIssueCommandOutcome.Done);

    public static readonly ErrorIssueCommandResult NotFound = new(ErrorIssueCommandOutcome.NotFound);

    public static ErrorIssueCommandResult Refused(string message) => new(ErrorIssueCommandOutcome.Refused, message);
}

/// <summary>A snooze an admin can choose: for a while, or until the issue has so many more events.</summary>
public sealed record ErrorIssueSnooze(string Value, string Label, TimeSpan? Duration, int? Events)
{
    public static readonly IReadOnlyList<ErrorIssueSnooze> Choices =
    [
        new("1h", "for 1 hour", TimeSpan.FromHours(1), null),
        new("24h", "for 24 hours", TimeSpan.FromHours(24), null),
        new("7d", "for 7 days", TimeSpan.FromDays(7), null),
        new("10", "until 10 more events", null, 10),
        new("100", "until 100 more events", null, 100),
    ];

    public static bool TryParse(string? value, out ErrorIssueSnooze snooze, out string error)
    {
        snooze = Choices.FirstOrDefault(c => c.Value == value?.Trim())!;
        error = snooze is null
            ? $"Choose how long to snooze the issue: {string.Join(", ", Choices.Select(c => c.Label))}."
            : "";
        return snooze is not null;
    }
}

/// <summary>
/// What admins change about issues: status (resolve, reopen, ignore, snooze), merge and split. Every
/// change runs in the error log's transaction (<see cref="DatabaseErrorLogStore.InErrorLogTransactionAsync"/>,
/// under the advisory lock the writer holds while it counts rows), so it never races a batch being counted.
/// </summary>
/// <remarks>
/// Merging moves the sources' fingerprints to the target, so the writer counts their future rows
/// there (it looks up each fingerprint's issue). Splitting gives a source back the fingerprints it
/// was created for (<see cref="ErrorIssueFingerprint.OriginalIssueId"/>). Both recompute the issues'
/// counters from their fingerprints' own counters, which are exact. An issue that had absorbed others
/// brings them along when it is merged: they count as merged into the new target directly, so splitting
/// that issue off again gives it back only its own fingerprints, and each of the others can be split
/// off the target on its own.
/// </remarks>
public sealed class ErrorIssueCommands(VybeDbContext db, TimeProvider clock, AppRelease release)
{
    /// <summary>Resolved in the current release: rows of this release or a later one reopen it; "in the next release", only a later one.</summary>
    public Task<ErrorIssueCommandResult> ResolveAsync(long issueId, bool inNextRelease, CancellationToken cancellationToken) =>
        ChangeStatusAsync(issueId, issue =>
        {
            issue.Status = ErrorIssueStatus.Resolved;
            issue.ResolvedAt = clock.GetUtcNow();
            issue.ResolvedInRelease = release.Name;
            issue.ResolvedInNextRelease = inNextRelease;
            ClearSnooze(issue);
        }, cancellationToken);

    /// <summary>Open again by an admin's choice, which is not a regression.</summary>
    public Task<ErrorIssueCommandResult> ReopenAsync(long issueId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(issueId, issue =>
        {
            issue.Status = ErrorIssueStatus.Open;
            issue.RegressedAt = null;
            ClearResolution(issue);
            ClearSnooze(issue);
        }, cancellationToken);

    public Task<ErrorIssueCommandResult> IgnoreAsync(long issueId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(issueId, issue =>
        {
            issue.Status = ErrorIssueStatus.Ignored;
            ClearResolution(issue);
            ClearSnooze(issue);
        }, cancellationToken);

    /// <summary>Quiet until the snooze's time has passed or its number of further events has arrived; the writer opens it again then.</summary>
    public Task<ErrorIssueCommandResult> SnoozeAsync(long issueId, ErrorIssueSnooze snooze, CancellationToken cancellationToken) =>
        ChangeStatusAsync(issueId, issue =>
        {
            issue.Status = ErrorIssueStatus.Snoozed;
            ClearResolution(issue);
            issue.SnoozedUntil = snooze.Duration is { } duration ? clock.GetUtcNow() + duration : null;
            issue.SnoozedUntilCount = snooze.Events is { } events ? issue.EventCount + events : null;
        }, cancellationToken);

    /// <summary>
    /// The sources' rows count towards the target from now on, and the rows they counted so far too:
    /// the target's counters become those of all its fingerprints. The target keeps its status.
    /// </summary>
    public Task<ErrorIssueCommandResult> MergeAsync(long targetId, IReadOnlyCollection<long> sourceIds, CancellationToken cancellationToken) =>
        DatabaseErrorLogStore.InErrorLogTransactionAsync(db, async () =>
        {
            var ids = sourceIds.Append(targetId).Distinct().ToList();
            var issues = await db.ErrorIssues.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
            if (!issues.TryGetValue(targetId, out var target))
            {
                return ErrorIssueCommandResult.NotFound;
            }
            if (Refusal(target, sourceIds, issues) is { } refusal)
            {
                return ErrorIssueCommandResult.Refused(refusal);
            }
            var sources = sourceIds.Distinct().ToList();
            var moved = await db.ErrorIssueFingerprints.Where(f => sources.Contains(f.IssueId)).ToListAsync(cancellationToken);
            foreach (var print in moved)
            {
                print.IssueId = target.Id;
            }
            foreach (var source in sources)
            {
                issues[source].MergedIntoId = target.Id;
            }
            // What the sources had absorbed comes along, merged into the target directly (see the remarks).
            var absorbed = await db.ErrorIssues.Where(i => i.MergedIntoId != null && sources.Contains(i.MergedIntoId.Value)).ToListAsync(cancellationToken);
            foreach (var issue in absorbed)
            {
                issue.MergedIntoId = target.Id;
            }
            await db.SaveChangesAsync(cancellationToken);
            await RecountAsync(target, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return ErrorIssueCommandResult.Done;
        }, cancellationToken);

    /// <summary>Undoes one merge: the source gets back the fingerprints it was created for, and both issues their exact counts.</summary>
    public Task<ErrorIssueCommandResult> SplitAsync(long targetId, long sourceId, CancellationToken cancellationToken) =>
        DatabaseErrorLogStore.InErrorLogTransactionAsync(db, async () =>
        {
            var target = await db.ErrorIssues.SingleOrDefaultAsync(i => i.Id == targetId, cancellationToken);
            var source = await db.ErrorIssues.SingleOrDefaultAsync(i => i.Id == sourceId, cancellationToken);
            if (target is null)
            {
                return ErrorIssueCommandResult.NotFound;
            }
            if (source is null || source.MergedIntoId != target.Id)
            {
                return ErrorIssueCommandResult.Refused($"Issue #{sourceId} is not merged into issue #{targetId}, so there is nothing to split.");
            }
            var back = await db.ErrorIssueFingerprints.Where(f => f.OriginalIssueId == source.Id && f.IssueId == target.Id).ToListAsync(cancellationToken);
            foreach (var print in back)
            {
                print.IssueId = source.Id;
            }
            source.MergedIntoId = null;
            await db.SaveChangesAsync(cancellationToken);
            await RecountAsync(target, cancellationToken);
            await RecountAsync(source, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return ErrorIssueCommandResult.Done;
        }, cancellationToken);

    private static string? Refusal(ErrorIssue target, IReadOnlyCollection<long> sourceIds, Dictionary<long, ErrorIssue> issues)
    {
        if (sourceIds.Count == 0)
        {
            return "Name the issue to merge.";
        }
        if (target.MergedIntoId is { } into)
        {
            return $"Issue #{target.Id} is itself merged into issue #{into}: merge into that one instead.";
        }
        foreach (var sourceId in sourceIds)
        {
            if (sourceId == target.Id)
            {
                return $"Issue #{sourceId} cannot be merged into itself.";
            }
            if (!issues.TryGetValue(sourceId, out var source))
            {
                return $"There is no issue #{sourceId}.";
            }
            if (source.MergedIntoId is { } already)
            {
                return $"Issue #{sourceId} is already merged into issue #{already}: split it off there first.";
            }
        }
        return null;
    }

    private Task<ErrorIssueCommandResult> ChangeStatusAsync(long issueId, Action<ErrorIssue> change, CancellationToken cancellationToken) =>
        DatabaseErrorLogStore.InErrorLogTransactionAsync(db, async () =>
        {
            var issue = await db.ErrorIssues.SingleOrDefaultAsync(i => i.Id == issueId, cancellationToken);
            if (issue is null)
            {
                return ErrorIssueCommandResult.NotFound;
            }
            if (issue.MergedIntoId is { } into)
            {
                return ErrorIssueCommandResult.Refused($"This issue is merged into issue #{into}: change the status there.");
            }
            change(issue);
            await db.SaveChangesAsync(cancellationToken);
            return ErrorIssueCommandResult.Done;
        }, cancellationToken);

    /// <summary>
    /// The issue's counters from its fingerprints: events, first and last seen from their own counters,
    /// distinct users across them, the release of the newest row. A count snooze keeps waiting for the
    /// same number of further events.
    /// </summary>
    private async Task RecountAsync(ErrorIssue issue, CancellationToken cancellationToken)
    {
        var prints = await db.ErrorIssueFingerprints.Where(f => f.IssueId == issue.Id).ToListAsync(cancellationToken);
        if (prints.Count == 0)
        {
            return;
        }
        var hashes = prints.Select(p => p.Fingerprint).ToList();
        var before = issue.EventCount;
        issue.EventCount = prints.Sum(p => p.EventCount);
        issue.FirstSeen = prints.Min(p => p.FirstSeen);
        issue.LastSeen = prints.Max(p => p.LastSeen);
        issue.UsersCount = await db.ErrorIssueUsers.Where(u => hashes.Contains(u.Fingerprint)).Select(u => u.UserKey).Distinct().CountAsync(cancellationToken);
        var releases = await db.ErrorIssueReleases.Where(r => hashes.Contains(r.Fingerprint)).ToListAsync(cancellationToken);
        if (releases.Count > 0)
        {
            issue.LastRelease = releases.MaxBy(r => r.LastSeen)!.Release;
        }
        if (issue.SnoozedUntilCount is { } until)
        {
            issue.SnoozedUntilCount = until + issue.EventCount - before;
        }
    }

    private static void ClearResolution(ErrorIssue issue)
    {
        issue.ResolvedAt = null;
        issue.ResolvedInRelease = null;
        issue.ResolvedInNextRelease = false;
    }

    private static void ClearSnooze(ErrorIssue issue)
    {
        issue.SnoozedUntil = null;
        issue.SnoozedUntilCount = null;
    }
}
