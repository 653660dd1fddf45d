using Microsoft.EntityFrameworkCore;
using Vybe.Web.Data;

namespace Vybe.Web.ErrorLog.Issues;

/// <summary>
/// Counts rows into their issues as the writer stores them, in the writer's transaction (which holds
/// <see cref="AdvisoryLocks.ErrorLog"/>, so nothing else changes issues meanwhile): it gives each
/// row its fingerprint and issue, creates issues for new fingerprints, updates the lifetime counters
/// and the side tables (users, releases, hours), reopens resolved issues seen again in the same or
/// a later release, ends snoozes, and says which alerts the rows raised. It does not save: the
/// caller saves the rows and these changes together.
/// </summary>
public sealed class ErrorIssueTracker(VybeDbContext db)
{
    /// <summary>A spike is an hour with at least this many rows…</summary>
    public const int SpikeMinimum = 20;

    /// <summary>…and at least this many times the previous day's average per hour.</summary>
    public const double SpikeFactor = 10;

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public async Task<List<ErrorIssueAlert>> CountAsync(IReadOnlyList<ErrorLogEntry> rows, bool raiseAlerts, CancellationToken cancellationToken)
    {
        var alerts = new List<ErrorIssueAlert>();
        if (rows.Count == 0)
        {
            return alerts;
        }
        var fingerprints = new Dictionary<ErrorLogEntry, ErrorFingerprint>(ReferenceEqualityComparer.Instance);
        foreach (var row in rows)
        {
            var fingerprint = ErrorFingerprint.Of(row);
            fingerprints[row] = fingerprint;
            row.Fingerprint = fingerprint.Hash;
        }
        var byFingerprint = rows.GroupBy(r => r.Fingerprint!).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Ts).ToList());
        var hashes = byFingerprint.Keys.ToList();

        var mapping = await db.ErrorIssueFingerprints.Where(f => hashes.Contains(f.Fingerprint)).ToDictionaryAsync(f => f.Fingerprint, cancellationToken);
        var created = await CreateIssuesAsync(byFingerprint, fingerprints, mapping, cancellationToken);

        var issueIds = mapping.Values.Select(f => f.IssueId).Distinct().ToList();
        var issues = await db.ErrorIssues.Where(i => issueIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        // Every fingerprint of the touched issues (merged issues have several): users and hours are counted across them.
        var issueFingerprints = await db.ErrorIssueFingerprints.Where(f => issueIds.Contains(f.IssueId)).ToListAsync(cancellationToken);
        var allHashes = issueFingerprints.Select(f => f.Fingerprint).Union(hashes).ToList();

        await RegisterReleasesAsync(rows, cancellationToken);
        var releaseRanks = await ReleaseRanksAsync(issues.Values, cancellationToken);
        var newUsers = await CountUsersAsync(byFingerprint, cancellationToken);
        await CountReleasesAsync(byFingerprint, cancellationToken);
        var hours = await CountHoursAsync(byFingerprint, allHashes, cancellationToken);

        foreach (var (hash, group) in byFingerprint)
        {
            var print = mapping[hash];
            var issue = issues[print.IssueId];
            foreach (var row in group)
            {
                row.IssueId = issue.Id;
                Count(print, issue, row);
                if (UpdateStatus(issue, row, releaseRanks) && raiseAlerts && Alerts(issue))
                {
                    alerts.Add(new ErrorIssueAlert(ErrorIssueAlertKind.Regression, issue.Id, row.Ts));
                }
            }
        }

        foreach (var issue in issues.Values)
        {
            var prints = issueFingerprints.Where(f => f.IssueId == issue.Id).Select(f => f.Fingerprint).Union(
                mapping.Values.Where(f => f.IssueId == issue.Id).Select(f => f.Fingerprint)).ToList();
            if (newUsers.TryGetValue(issue.Id, out var added))
            {
                issue.UsersCount = prints.Count == 1
                    ? issue.UsersCount + added.Count
                    : await CountMergedUsersAsync(prints, added, cancellationToken);
            }
            if (raiseAlerts && Alerts(issue))
            {
                if (created.Contains(issue.Id))
                {
                    alerts.Add(new ErrorIssueAlert(ErrorIssueAlertKind.NewIssue, issue.Id, issue.FirstSeen));
                }
                else if (await SpikeAsync(issue, prints, hours, cancellationToken) is { } spike)
                {
                    alerts.Add(spike);
                }
            }
        }
        return alerts;
    }

    /// <summary>
    /// A merged issue's users: those saved under any of its fingerprints, and the batch's new ones that
    /// none of them had (a user may already be counted under another fingerprint of the issue).
    /// </summary>
    private async Task<int> CountMergedUsersAsync(List<string> prints, HashSet<string> added, CancellationToken cancellationToken)
    {
        var saved = await db.ErrorIssueUsers.Where(u => prints.Contains(u.Fingerprint)).Select(u => u.UserKey).Distinct().CountAsync(cancellationToken);
        var keys = added.ToList();
        var known = await db.ErrorIssueUsers.Where(u => prints.Contains(u.Fingerprint) && keys.Contains(u.UserKey))
            .Select(u => u.UserKey).Distinct().CountAsync(cancellationToken);
        return saved + keys.Count - known;
    }

    /// <summary>Errors and warnings that an admin has not set aside; information rows never alert.</summary>
    private static bool Alerts(ErrorIssue issue) =>
        issue.Level != ErrorLogLevels.Info && issue.Status is ErrorIssueStatus.Open or ErrorIssueStatus.Resolved;

    private async Task<HashSet<long>> CreateIssuesAsync(Dictionary<string, List<ErrorLogEntry>> byFingerprint,
        Dictionary<ErrorLogEntry, ErrorFingerprint> fingerprints, Dictionary<string, ErrorIssueFingerprint> mapping, CancellationToken cancellationToken)
    {
        var fresh = new List<(string Hash, ErrorIssue Issue)>();
        foreach (var (hash, group) in byFingerprint)
        {
            if (mapping.ContainsKey(hash))
            {
                continue;
            }
            var first = group[0];
            var issue = new ErrorIssue
            {
                Fingerprint = hash,
                Service = first.Service,
                Level = first.Level,
                Code = first.Code,
                Title = StoredText.Clip(first.Message, ErrorIssueConfiguration.TitleMaxLength)!,
                Culprit = StoredText.Clip(fingerprints[first].Culprit, ErrorIssueConfiguration.CulpritMaxLength),
                FirstSeen = first.Ts,
                LastSeen = first.Ts,
            };
            db.ErrorIssues.Add(issue);
            fresh.Add((hash, issue));
        }
        if (fresh.Count == 0)
        {
            return [];
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (hash, issue) in fresh)
        {
            var print = new ErrorIssueFingerprint
            {
                Fingerprint = hash,
                IssueId = issue.Id,
                OriginalIssueId = issue.Id,
                FirstSeen = issue.FirstSeen,
                LastSeen = issue.FirstSeen,
            };
            db.ErrorIssueFingerprints.Add(print);
            mapping[hash] = print;
        }
        return fresh.Select(f => f.Issue.Id).ToHashSet();
    }

    private static void Count(ErrorIssueFingerprint print, ErrorIssue issue, ErrorLogEntry row)
    {
        print.EventCount++;
        print.FirstSeen = Min(print.FirstSeen, row.Ts);
        print.LastSeen = Max(print.LastSeen, row.Ts);
        issue.EventCount++;
        issue.FirstSeen = Min(issue.FirstSeen, row.Ts);
        if (row.Ts >= issue.LastSeen || issue.LastRelease is null)
        {
            issue.LastRelease = row.Release ?? issue.LastRelease;
        }
        issue.LastSeen = Max(issue.LastSeen, row.Ts);
    }

    /// <summary>Reopens a resolved issue seen again in the same or a later release, and ends a snooze; true for a regression.</summary>
    internal static bool UpdateStatus(ErrorIssue issue, ErrorLogEntry row, IReadOnlyDictionary<string, int> releaseRanks)
    {
        switch (issue.Status)
        {
            case ErrorIssueStatus.Resolved when issue.ResolvedAt is { } resolvedAt && row.Ts >= resolvedAt && Reopens(issue, row.Release, releaseRanks):
                issue.Status = ErrorIssueStatus.Open;
                issue.RegressedAt = row.Ts;
                return true;
            case ErrorIssueStatus.Snoozed when (issue.SnoozedUntil is { } until && row.Ts >= until)
                || (issue.SnoozedUntilCount is { } count && issue.EventCount >= count):
                issue.Status = ErrorIssueStatus.Open;
                issue.SnoozedUntil = null;
                issue.SnoozedUntilCount = null;
                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether a row of <paramref name="release"/> reopens the resolved issue: a later release always;
    /// the release it was resolved in too, unless it was resolved "in the next release"; an older one never.
    /// A row or a resolution without a release (written before releases were recorded) reopens it.
    /// </summary>
    internal static bool Reopens(ErrorIssue issue, string? release, IReadOnlyDictionary<string, int> releaseRanks)
    {
        if (release is null || issue.ResolvedInRelease is null
            || !releaseRanks.TryGetValue(release, out var rank) || !releaseRanks.TryGetValue(issue.ResolvedInRelease, out var resolvedRank))
        {
            return true;
        }
        return issue.ResolvedInNextRelease ? rank > resolvedRank : rank >= resolvedRank;
    }

    private async Task RegisterReleasesAsync(IReadOnlyList<ErrorLogEntry> rows, CancellationToken cancellationToken)
    {
        var firstSeen = rows.Where(r => r.Release is not null).GroupBy(r => r.Release!).ToDictionary(g => g.Key, g => g.Min(r => r.Ts));
        if (firstSeen.Count == 0)
        {
            return;
        }
        var names = firstSeen.Keys.ToList();
        var known = await db.ErrorReleases.Where(r => names.Contains(r.Name)).Select(r => r.Name).ToListAsync(cancellationToken);
        foreach (var (name, ts) in firstSeen.Where(r => !known.Contains(r.Key)))
        {
            db.ErrorReleases.Add(new ErrorRelease { Name = name, FirstSeen = ts });
        }
    }

    /// <summary>Ranks of every release by first report, only when a touched issue is resolved (the only time they are compared).</summary>
    private async Task<IReadOnlyDictionary<string, int>> ReleaseRanksAsync(IEnumerable<ErrorIssue> issues, CancellationToken cancellationToken)
    {
        if (!issues.Any(i => i.Status == ErrorIssueStatus.Resolved))
        {
            return new Dictionary<string, int>();
        }
        return await ReleaseOrder.RanksAsync(db, cancellationToken);
    }

    /// <summary>New (fingerprint, user) pairs, added to the context; returns each issue's users that are new to the fingerprint.</summary>
    private async Task<Dictionary<long, HashSet<string>>> CountUsersAsync(Dictionary<string, List<ErrorLogEntry>> byFingerprint, CancellationToken cancellationToken)
    {
        var pairs = byFingerprint
            .SelectMany(g => g.Value.Select(UserKeyOf).OfType<string>().Distinct().Select(key => (Fingerprint: g.Key, Key: key)))
            .ToList();
        var added = new Dictionary<long, HashSet<string>>();
        if (pairs.Count == 0)
        {
            return added;
        }
        var hashes = pairs.Select(p => p.Fingerprint).Distinct().ToList();
        var keys = pairs.Select(p => p.Key).Distinct().ToList();
        var existing = (await db.ErrorIssueUsers.Where(u => hashes.Contains(u.Fingerprint) && keys.Contains(u.UserKey))
                .Select(u => new { u.Fingerprint, u.UserKey }).ToListAsync(cancellationToken))
            .Select(u => (u.Fingerprint, u.UserKey)).ToHashSet();
        var mapping = db.ErrorIssueFingerprints.Local.ToDictionary(f => f.Fingerprint, f => f.IssueId);
        foreach (var (fingerprint, key) in pairs.Where(p => !existing.Contains((p.Fingerprint, p.Key))))
        {
            db.ErrorIssueUsers.Add(new ErrorIssueUser { Fingerprint = fingerprint, UserKey = key });
            var issueId = mapping[fingerprint];
            if (!added.TryGetValue(issueId, out var keysOfIssue))
            {
                added[issueId] = keysOfIssue = new HashSet<string>(StringComparer.Ordinal);
            }
            keysOfIssue.Add(key);
        }
        return added;
    }

    /// <summary>Members by id; guests by address; rows with neither (start-up, background work) affect no user.</summary>
    public static string? UserKeyOf(ErrorLogEntry row) =>
        row.UserId is { } id ? $"u:{id:D}" : row.Ip is { } ip ? StoredText.Clip($"ip:{ip}", ErrorIssueConfiguration.UserKeyMaxLength) : null;

    private async Task CountReleasesAsync(Dictionary<string, List<ErrorLogEntry>> byFingerprint, CancellationToken cancellationToken)
    {
        var counts = byFingerprint
            .SelectMany(g => g.Value.Where(r => r.Release is not null).GroupBy(r => r.Release!)
                .Select(r => (Fingerprint: g.Key, Release: r.Key, Count: r.Count(), First: r.Min(x => x.Ts), Last: r.Max(x => x.Ts))))
            .ToList();
        if (counts.Count == 0)
        {
            return;
        }
        var hashes = counts.Select(c => c.Fingerprint).Distinct().ToList();
        var names = counts.Select(c => c.Release).Distinct().ToList();
        var existing = await db.ErrorIssueReleases.Where(r => hashes.Contains(r.Fingerprint) && names.Contains(r.Release))
            .ToDictionaryAsync(r => (r.Fingerprint, r.Release), cancellationToken);
        foreach (var count in counts)
        {
            if (existing.TryGetValue((count.Fingerprint, count.Release), out var row))
            {
                row.EventCount += count.Count;
                row.FirstSeen = Min(row.FirstSeen, count.First);
                row.LastSeen = Max(row.LastSeen, count.Last);
            }
            else
            {
                db.ErrorIssueReleases.Add(new ErrorIssueRelease
                {
                    Fingerprint = count.Fingerprint,
                    Release = count.Release,
                    EventCount = count.Count,
                    FirstSeen = count.First,
                    LastSeen = count.Last,
                });
            }
        }
    }

    /// <summary>Adds the rows to their hours; returns the buckets of the batch's hours for every fingerprint of the touched issues.</summary>
    private async Task<List<ErrorIssueHour>> CountHoursAsync(Dictionary<string, List<ErrorLogEntry>> byFingerprint, List<string> allHashes,
        CancellationToken cancellationToken)
    {
        var counts = byFingerprint
            .SelectMany(g => g.Value.GroupBy(r => ErrorIssueHour.Of(r.Ts)).Select(h => (Fingerprint: g.Key, Hour: h.Key, Count: h.Count())))
            .ToList();
        var hourList = counts.Select(c => c.Hour).Distinct().ToList();
        var buckets = await db.ErrorIssueHours.Where(h => allHashes.Contains(h.Fingerprint) && hourList.Contains(h.Hour)).ToListAsync(cancellationToken);
        var byKey = buckets.ToDictionary(h => (h.Fingerprint, h.Hour));
        foreach (var count in counts)
        {
            if (byKey.TryGetValue((count.Fingerprint, count.Hour), out var bucket))
            {
                bucket.EventCount += count.Count;
            }
            else
            {
                bucket = new ErrorIssueHour { Fingerprint = count.Fingerprint, Hour = count.Hour, EventCount = count.Count };
                db.ErrorIssueHours.Add(bucket);
                buckets.Add(bucket);
            }
        }
        return buckets;
    }

    /// <summary>
    /// A spike in the hour of the issue's newest row: at least <see cref="SpikeMinimum"/> rows and
    /// <see cref="SpikeFactor"/> times the average hour of the 24 before it; reported once per hour.
    /// </summary>
    private async Task<ErrorIssueAlert?> SpikeAsync(ErrorIssue issue, List<string> prints, List<ErrorIssueHour> hours, CancellationToken cancellationToken)
    {
        var hour = ErrorIssueHour.Of(issue.LastSeen);
        if (issue.SpikeHour == hour)
        {
            return null;
        }
        var inHour = hours.Where(h => h.Hour == hour && prints.Contains(h.Fingerprint)).Sum(h => h.EventCount);
        if (inHour < SpikeMinimum)
        {
            return null;
        }
        var dayBefore = hour - Day;
        var previousDay = await db.ErrorIssueHours.Where(h => prints.Contains(h.Fingerprint) && h.Hour >= dayBefore && h.Hour < hour)
            .SumAsync(h => (long?)h.EventCount, cancellationToken) ?? 0;
        var average = previousDay / 24.0;
        if (inHour < SpikeFactor * average)
        {
            return null;
        }
        issue.SpikeHour = hour;
        return new ErrorIssueAlert(ErrorIssueAlertKind.Spike, issue.Id, issue.LastSeen, inHour, average);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}

/// <summary>Releases in the order the app first reported them.</summary>
public static class ReleaseOrder
{
    public static async Task<Dictionary<string, int>> RanksAsync(VybeDbContext db, CancellationToken cancellationToken)
    {
        var names = await db.ErrorReleases.OrderBy(r => r.FirstSeen).ThenBy(r => r.Name).Select(r => r.Name).ToListAsync(cancellationToken);
        // Releases this batch registers are not saved yet; they are the newest.
        names.AddRange(db.ErrorReleases.Local.Where(r => !names.Contains(r.Name)).OrderBy(r => r.FirstSeen).Select(r => r.Name));
        return names.Select((name, rank) => (name, rank)).ToDictionary(r => r.name, r => r.rank, StringComparer.Ordinal);
    }
}
