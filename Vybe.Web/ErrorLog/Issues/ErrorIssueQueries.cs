using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.Data;

namespace Vybe.Web.ErrorLog.Issues;

/// <summary>What the issues list reads. Every query is written to translate on PostgreSQL and on SQLite.</summary>
public sealed class ErrorIssueQueries(VybeDbContext db, TimeProvider time)
{
    public const int DefaultPageSize = 50;

    /// <summary>The list's order: newest activity first, by (last_seen, id) (index <c>ix_error_issues_last_seen_id</c>).</summary>
    private static readonly Keyset<ErrorIssue, long> ByLastSeen = new(i => i.LastSeen, i => i.Id);

    /// <summary>One page of issues that were not merged into another, newest activity first, starting after <paramref name="after"/>.</summary>
    public async Task<ErrorIssuePage> PageAsync(ErrorIssueFilter filter, ErrorLogCursor? after, int pageSize = DefaultPageSize,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var page = await ByLastSeen.PageAsync(Filtered(filter, now), after?.Position, pageSize, cancellationToken);
        var rows = page.Rows.Select(issue => ErrorIssueRow.Of(issue, now)).ToList();
        return new ErrorIssuePage(rows, page.HasOlder ? new ErrorLogCursor(page.Rows[^1].LastSeen.UtcTicks, page.Rows[^1].Id) : null);
    }

    private IQueryable<ErrorIssue> Filtered(ErrorIssueFilter filter, DateTimeOffset now)
    {
        var issues = db.ErrorIssues.AsNoTracking().Where(i => i.MergedIntoId == null);
        issues = filter.Status switch
        {
            null => issues,
            // A snooze whose time has passed is open: the writer reopens it only when the issue is seen again.
            ErrorIssueStatus.Open => issues.Where(i => i.Status == ErrorIssueStatus.Open
                || (i.Status == ErrorIssueStatus.Snoozed && i.SnoozedUntil != null && i.SnoozedUntil <= now)),
            ErrorIssueStatus.Snoozed => issues.Where(i => i.Status == ErrorIssueStatus.Snoozed && (i.SnoozedUntil == null || i.SnoozedUntil > now)),
            var status => issues.Where(i => i.Status == status),
        };
        if (filter.Level is { } level)
        {
            issues = issues.Where(i => i.Level == level);
        }
        if (filter.Service is { } service)
        {
            issues = issues.Where(i => i.Service == service);
        }
        if (filter.Release is { } release)
        {
            // Releases are counted per fingerprint: an issue was seen in a release when any of its fingerprints was.
            issues = issues.Where(i => db.ErrorIssueFingerprints.Any(f => f.IssueId == i.Id
                && db.ErrorIssueReleases.Any(r => r.Fingerprint == f.Fingerprint && r.Release == release)));
        }
        if (filter.Text is { } text)
        {
            if (db.Database.IsNpgsql())
            {
                var pattern = ErrorLogQueries.ContainsPattern(text);
                issues = issues.Where(i => EF.Functions.ILike(i.Title, pattern, ErrorLogQueries.LikeEscape)
                    || (i.Culprit != null && EF.Functions.ILike(i.Culprit, pattern, ErrorLogQueries.LikeEscape)));
            }
            else
            {
                // As the row log does on SQLite: lower() on both sides with instr(), which is literal too.
                var lowered = text.ToLower(CultureInfo.InvariantCulture);
#pragma warning disable CA1304, CA1311, CA1862 // EF Core translates this ToLower() and Contains to SQL (lower, instr); the culture overloads do not translate
                issues = issues.Where(i => i.Title.ToLower().Contains(lowered) || (i.Culprit != null && i.Culprit.ToLower().Contains(lowered)));
#pragma warning restore CA1304, CA1311, CA1862
            }
        }
        if (filter.From is { } from)
        {
            issues = issues.Where(i => i.LastSeen >= from);
        }
        if (filter.To is { } to)
        {
            issues = issues.Where(i => i.LastSeen < to);
        }
        return issues;
    }
}

/// <summary>A page of the issues list and where the next one starts (null on the last page).</summary>
public sealed record ErrorIssuePage(IReadOnlyList<ErrorIssueRow> Rows, ErrorLogCursor? Older);

/// <summary>An issue as the list shows it.</summary>
/// <param name="Status">The status an admin reads: a snooze whose time has passed shows as open.</param>
/// <param name="IsRegression">Open again after it was resolved (<see cref="ErrorIssue.RegressedAt"/>).</param>
public sealed record ErrorIssueRow(ErrorIssue Issue, string Status, bool IsRegression)
{
    public static ErrorIssueRow Of(ErrorIssue issue, DateTimeOffset now)
    {
        var status = issue.Status == ErrorIssueStatus.Snoozed && issue.SnoozedUntil is { } until && until <= now
            ? ErrorIssueStatus.Open
            : issue.Status;
        return new ErrorIssueRow(issue, status, status == ErrorIssueStatus.Open && issue.RegressedAt is not null);
    }
}
