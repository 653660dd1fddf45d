namespace Vybe.Web.ErrorLog.Issues;

/// <summary>
/// The rows of the error log that share a fingerprint (<see cref="ErrorFingerprint"/>), or several
/// fingerprints once an admin has merged issues (table <c>error_issues</c>). The counters are
/// lifetime counts kept by the writer as rows arrive, so retention deleting old rows does not change them.
/// </summary>
public sealed class ErrorIssue
{
    public long Id { get; set; }

    /// <summary>The fingerprint the issue was created for; merged fingerprints are in <see cref="ErrorIssueFingerprint"/>.</summary>
    public required string Fingerprint { get; set; }

    public required string Service { get; set; }
    public required string Level { get; set; }
    public string? Code { get; set; }

    /// <summary>The message of the first row, as it was (not normalised): what the list shows.</summary>
    public required string Title { get; set; }

    /// <summary>Where it happened: the top frame of the stack in Vybe's own code (or the script's file and function).</summary>
    public string? Culprit { get; set; }

    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public long EventCount { get; set; }

    /// <summary>Distinct users affected: signed-in members by id, guests by address.</summary>
    public int UsersCount { get; set; }

    /// <summary>The release of the newest row.</summary>
    public string? LastRelease { get; set; }

    /// <inheritdoc cref="ErrorIssueStatus"/>
    public string Status { get; set; } = ErrorIssueStatus.Open;

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The release that was current when the issue was resolved; later releases reopen it.</summary>
    public string? ResolvedInRelease { get; set; }

    /// <summary>Resolved "in the next release": rows of <see cref="ResolvedInRelease"/> itself do not reopen it.</summary>
    public bool ResolvedInNextRelease { get; set; }

    /// <summary>Snoozed until this time (UTC); null when snoozed by count or not snoozed.</summary>
    public DateTimeOffset? SnoozedUntil { get; set; }

    /// <summary>Snoozed until <see cref="EventCount"/> reaches this value.</summary>
    public long? SnoozedUntilCount { get; set; }

    /// <summary>When a resolved issue was last seen again in the same or a later release.</summary>
    public DateTimeOffset? RegressedAt { get; set; }

    /// <summary>Set when an admin merged this issue into another: its fingerprints count there now.</summary>
    public long? MergedIntoId { get; set; }

    /// <summary>The last alert e-mail about this issue: at most one an hour.</summary>
    public DateTimeOffset? LastAlertedAt { get; set; }

    /// <summary>The hour (UTC) whose spike was last reported, so one spike is reported once.</summary>
    public DateTimeOffset? SpikeHour { get; set; }

    public bool IsMerged => MergedIntoId is not null;
}

/// <summary>What an admin decided about an issue.</summary>
public static class ErrorIssueStatus
{
    /// <summary>Needs attention: new, reopened, or back from a snooze.</summary>
    public const string Open = "open";

    /// <summary>Fixed; seen again in the same or a later release it reopens as a regression.</summary>
    public const string Resolved = "resolved";

    /// <summary>Counted but never alerted about.</summary>
    public const string Ignored = "ignored";

    /// <summary>Quiet until a time or a count, then open again.</summary>
    public const string Snoozed = "snoozed";

    public static readonly IReadOnlyList<string> All = [Open, Resolved, Ignored, Snoozed];
}

/// <summary>
/// A fingerprint and the issue its rows count towards (table <c>error_issue_fingerprints</c>).
/// <see cref="OriginalIssueId"/> is the issue it was created for, so that a merge can be split again;
/// its own counters let a split give each issue back exactly its rows' counts.
/// </summary>
public sealed class ErrorIssueFingerprint
{
    public required string Fingerprint { get; set; }
    public long IssueId { get; set; }
    public long OriginalIssueId { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public long EventCount { get; set; }
}

/// <summary>A user a fingerprint's rows affected (table <c>error_issue_users</c>): <c>u:</c> and the member's id, or <c>ip:</c> and a guest's address.</summary>
public sealed class ErrorIssueUser
{
    public required string Fingerprint { get; set; }
    public required string UserKey { get; set; }
}

/// <summary>A release a fingerprint's rows were seen in (table <c>error_issue_releases</c>).</summary>
public sealed class ErrorIssueRelease
{
    public required string Fingerprint { get; set; }
    public required string Release { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public long EventCount { get; set; }
}

/// <summary>
/// A fingerprint's rows in one hour (table <c>error_issue_hours</c>): the charts, the digest's top
/// issues and spike alerts read these, never the rows. Kept for <see cref="ErrorIssueHour.KeptFor"/>.
/// </summary>
public sealed class ErrorIssueHour
{
    /// <summary>The 14-day chart and the day before it that a spike is measured against, and a day's margin.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(16);

    public required string Fingerprint { get; set; }

    /// <summary>The start of the hour, UTC.</summary>
    public DateTimeOffset Hour { get; set; }

    public int EventCount { get; set; }

    public static DateTimeOffset Of(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}

/// <summary>
/// A release the app has reported (table <c>error_releases</c>). Releases are ordered by when they
/// were first reported, which is how "a later release" is decided.
/// </summary>
public sealed class ErrorRelease
{
    public required string Name { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
}

/// <summary>
/// A daily digest that was sent (table <c>error_digest_runs</c>): the day's key is unique, so of
/// several instances only the one that records the day first sends it.
/// </summary>
public sealed class ErrorDigestRun
{
    /// <summary>The UTC day the digest covers the 24 hours before.</summary>
    public DateOnly Day { get; set; }

    public DateTimeOffset SentAt { get; set; }
}
