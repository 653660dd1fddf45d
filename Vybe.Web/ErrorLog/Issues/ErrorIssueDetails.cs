using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.Data;

namespace Vybe.Web.ErrorLog.Issues;

/// <summary>
/// An issue's rows are those whose fingerprint maps to the issue now; not the rows' own <c>issue_id</c>,
/// which says where a row counted when it was written, and is stale once the issue was merged or split.
/// </summary>
public static class IssueRows
{
    /// <summary>The fingerprints whose rows count towards the issue (several once others were merged into it; none once it was merged).</summary>
    public static IQueryable<string> FingerprintsOf(VybeDbContext db, long issueId) =>
        db.ErrorIssueFingerprints.Where(f => f.IssueId == issueId).Select(f => f.Fingerprint);
}

/// <summary>A value and how many of the sampled events had it.</summary>
public sealed record RankedCount(string Value, int Count, int Percent);

/// <summary>A release an issue was seen in, summed over its fingerprints (lifetime counts).</summary>
public sealed record IssueReleaseCount(string Release, long EventCount, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>One of an issue's latest events, enough for a table row that links to the row's own page.</summary>
public sealed record IssueEvent(long Id, DateTimeOffset Ts, string Level, string Message, string? Release, string? Page);

/// <summary>Everything the issue page shows.</summary>
/// <param name="MergedIn">Issues merged into this one, each of which can be split off again.</param>
/// <param name="Sampled">How many of the latest events <see cref="Pages"/> and <see cref="Browsers"/> were counted over (at most <see cref="ErrorIssueDetails.SampleSize"/>).</param>
/// <param name="Stack">The stack of the newest sampled event that has one, and that event's id.</param>
public sealed record ErrorIssueDetail(
    ErrorIssue Issue,
    IReadOnlyList<ErrorIssue> MergedIn,
    IReadOnlyList<IssueReleaseCount> Releases,
    IReadOnlyList<RankedCount> Pages,
    IReadOnlyList<RankedCount> Browsers,
    IReadOnlyList<IssueEvent> Latest,
    int Sampled,
    (long EventId, string Text)? Stack)
{
    public bool IsRegression => Issue.Status == ErrorIssueStatus.Open && Issue.RegressedAt is not null;
}

/// <summary>
/// The queries behind an issue's page. The counters, users and releases come from what the writer
/// keeps (lifetime counts); pages, browsers, the latest events and the stack from the issue's latest
/// <see cref="SampleSize"/> rows, never from the whole table.
/// </summary>
public sealed class ErrorIssueDetails(VybeDbContext db)
{
    public const int SampleSize = 1_000;
    public const int LatestCount = 20;
    public const int TopCount = 10;

    public Task<ErrorIssue?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.ErrorIssues.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);

    public async Task<ErrorIssueDetail?> DetailAsync(long id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } issue)
        {
            return null;
        }
        var mergedIn = await db.ErrorIssues.AsNoTracking().Where(i => i.MergedIntoId == id).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        var fingerprints = IssueRows.FingerprintsOf(db, id);
        var releaseRows = await db.ErrorIssueReleases.AsNoTracking().Where(r => fingerprints.Contains(r.Fingerprint)).ToListAsync(cancellationToken);
        var releases = releaseRows
            .GroupBy(r => r.Release)
            .Select(g => new IssueReleaseCount(g.Key, g.Sum(r => r.EventCount), g.Min(r => r.FirstSeen), g.Max(r => r.LastSeen)))
            .OrderByDescending(r => r.LastSeen)
            .ToList();

        // Newest first per fingerprint, each through ix_error_logs_fingerprint_ts_id (an ordered index
        // scan that stops at the limit), then merged: one IN over several fingerprints would sort all
        // of a big issue's rows to find its newest.
        var sample = new List<SampledRow>();
        foreach (var fingerprint in await fingerprints.ToListAsync(cancellationToken))
        {
            sample.AddRange(await db.ErrorLogs.AsNoTracking()
                .Where(e => e.Fingerprint == fingerprint)
                .OrderByDescending(e => e.Ts).ThenByDescending(e => e.Id)
                .Take(SampleSize)
                .Select(e => new SampledRow(e.Id, e.Ts, e.Level, e.Message, e.Release, e.Details, e.Ua))
                .ToListAsync(cancellationToken));
        }
        sample = sample.OrderByDescending(e => e.Ts).ThenByDescending(e => e.Id).Take(SampleSize).ToList();
        var read = sample.Select(e => (Row: e, Details: ReadDetails(e.Details))).ToList();

        var latest = read.Take(LatestCount)
            .Select(e => new IssueEvent(e.Row.Id, e.Row.Ts, e.Row.Level, e.Row.Message, e.Row.Release, e.Details.Page))
            .ToList();
        (long, string)? stack = null;
        foreach (var (row, details) in read)
        {
            if (!string.IsNullOrWhiteSpace(details.Stack))
            {
                stack = (row.Id, details.Stack);
                break;
            }
        }
        return new ErrorIssueDetail(issue, mergedIn, releases,
            Rank(read.Select(e => e.Details.Page).OfType<string>(), read.Count),
            Rank(read.Select(e => BrowserNames.Of(e.Row.Ua)), read.Count),
            latest, read.Count, stack);
    }

    private sealed record SampledRow(long Id, DateTimeOffset Ts, string Level, string Message, string? Release, string? Details, string? Ua);

    private static List<RankedCount> Rank(IEnumerable<string> values, int total) =>
        values.GroupBy(v => v, StringComparer.Ordinal)
            .Select(g => (Value: g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Value, StringComparer.Ordinal)
            .Take(TopCount)
            .Select(g => new RankedCount(g.Value, g.Count, total == 0 ? 0 : (int)Math.Round(100.0 * g.Count / total)))
            .ToList();

    /// <summary>The page (a browser error's <c>page</c>, a server error's <c>path</c>), without its query, and the stack.</summary>
    private static (string? Page, string? Stack) ReadDetails(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return (null, null);
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }
            var page = Text(root, "page") ?? Text(root, "path");
            return (page is null ? null : PathOf(page), Text(root, "stack"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>The path of a page's address: the query and fragment vary per visit (and may carry what is nobody's business).</summary>
    public static string PathOf(string page)
    {
        if (Uri.TryCreate(page, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri.AbsolutePath;
        }
        var end = page.IndexOfAny(['?', '#']);
        return end < 0 ? page : page[..end];
    }
}
