using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog.Issues;

namespace Vybe.Web.ErrorLog;

/// <summary>What the admin error-log pages read. Every query is written to translate on PostgreSQL and on SQLite.</summary>
public sealed class ErrorLogQueries(VybeDbContext db, TimeProvider time)
{
    public const int DefaultPageSize = 50;
    /// <summary>A poll that finds more new rows than this shows the newest ones only; the list has the rest.</summary>
    public const int MaxTailRows = 100;
    public const int TopIssueCount = 10;

    /// <summary>The escape character of <see cref="ContainsPattern"/>, for <c>ILIKE … ESCAPE</c>.</summary>
    internal const string LikeEscape = "\\";

    /// <summary>The list's order: newest first, by (ts, id).</summary>
    private static readonly Keyset<ErrorLogEntry, long> ByTs = new(e => e.Ts, e => e.Id);

    /// <summary>One page, newest first, starting after <paramref name="after"/> (or at the newest row).</summary>
    public async Task<ErrorLogPage> PageAsync(ErrorLogFilter filter, ErrorLogCursor? after, int pageSize = DefaultPageSize,
        CancellationToken cancellationToken = default)
    {
        var page = await ByTs.PageAsync(Filtered(filter), after?.Position, pageSize, cancellationToken);
        return new ErrorLogPage(page.Rows, page.HasOlder ? ErrorLogCursor.After(page.Rows[^1]) : null);
    }

    /// <summary>The row and every other row of the same request, oldest first; null when there is no such row.</summary>
    public async Task<ErrorLogDetail?> DetailAsync(long id, CancellationToken cancellationToken = default)
    {
        var entry = await db.ErrorLogs.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return null;
        }
        var sameRequest = entry.RequestId is { } requestId
            ? await db.ErrorLogs.AsNoTracking()
                .Where(e => e.RequestId == requestId && e.Id != id)
                .OrderBy(e => e.Ts).ThenBy(e => e.Id)
                .ToListAsync(cancellationToken)
            : [];
        return new ErrorLogDetail(entry, sameRequest);
    }

    /// <summary>The newest row's id, where live tail starts; 0 for an empty log.</summary>
    public async Task<long> NewestIdAsync(CancellationToken cancellationToken = default) =>
        await db.ErrorLogs.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;

    /// <summary>
    /// Rows written after <paramref name="afterId"/> that match the filter, newest first. Ids grow
    /// in insertion order, so "id greater than the last one seen" never shows a row twice; and every
    /// writer, on every instance, inserts and commits holding the error-log advisory lock
    /// (<c>DatabaseErrorLogStore.InErrorLogTransactionAsync</c>), so rows become visible in id order
    /// and none is committed later under an id lower than one already shown (<c>LiveTailOrderingTests</c>).
    /// </summary>
    public Task<List<ErrorLogEntry>> TailAsync(long afterId, ErrorLogFilter filter, CancellationToken cancellationToken = default) =>
        Filtered(filter)
            .Where(e => e.Id > afterId)
            .OrderByDescending(e => e.Id)
            .Take(MaxTailRows)
            .ToListAsync(cancellationToken);

    /// <summary>Writes every row that matches the filter as CSV, newest first, streaming from the database.</summary>
    public async Task WriteCsvAsync(ErrorLogFilter filter, TextWriter writer, CancellationToken cancellationToken = default)
    {
        await ErrorLogCsv.WriteHeaderAsync(writer);
        await foreach (var entry in ByTs.NewestFirst(Filtered(filter)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await ErrorLogCsv.WriteRowAsync(writer, entry);
        }
    }

    /// <summary>The last 24 hours and the last 7 days, each against the period of the same length before it.</summary>
    public async Task<ErrorLogDigest> DigestAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return new ErrorLogDigest(now,
        [
            await WindowAsync("Last 24 hours", TimeSpan.FromHours(24), now, cancellationToken),
            await WindowAsync("Last 7 days", TimeSpan.FromDays(7), now, cancellationToken),
        ]);
    }

    private async Task<DigestWindow> WindowAsync(string name, TimeSpan length, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var start = end - length;
        var previousStart = start - length;

        var levelsNow = await CountByAsync(e => e.Level, start, end, cancellationToken);
        var levelsBefore = await CountByAsync(e => e.Level, previousStart, start, cancellationToken);
        var servicesNow = await CountByAsync(e => e.Service, start, end, cancellationToken);
        var servicesBefore = await CountByAsync(e => e.Service, previousStart, start, cancellationToken);

        var topIssues = await TopIssuesAsync(length, end, cancellationToken);

        var byLevel = ErrorLogLevels.All
            .Select(level => new DigestCount(level, new PeriodChange(levelsNow.GetValueOrDefault(level), levelsBefore.GetValueOrDefault(level))))
            .ToList();
        var byService = servicesNow.Keys.Union(servicesBefore.Keys)
            .Select(service => new DigestCount(service, new PeriodChange(servicesNow.GetValueOrDefault(service), servicesBefore.GetValueOrDefault(service))))
            .OrderByDescending(c => c.Change.Current).ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        var total = new PeriodChange(levelsNow.Values.Sum(), levelsBefore.Values.Sum());

        return new DigestWindow(name, start, end, total, byLevel, byService, topIssues);
    }

    /// <summary>
    /// The issues with the most events in the window, from their hourly counts (never the rows): the
    /// window's whole hours are the hour of <paramref name="end"/> and those before it, as many as the
    /// window has hours, and the period before is as many hours again. An issue's count is over all
    /// its fingerprints (several after a merge).
    /// </summary>
    private async Task<List<DigestIssue>> TopIssuesAsync(TimeSpan length, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var last = ErrorIssueHour.Of(end);
        var after = last - length;
        var top = await CountByIssue(after, last)
            .OrderByDescending(c => c.Count).ThenBy(c => c.IssueId)
            .Take(TopIssueCount)
            .ToListAsync(cancellationToken);
        var ids = top.Select(c => c.IssueId).ToList();
        var before = await CountByIssue(after - length, after, ids)
            .ToDictionaryAsync(c => c.IssueId, c => c.Count, cancellationToken);
        var issues = await db.ErrorIssues.AsNoTracking()
            .Where(i => ids.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        return top
            .Select(c => (Count: c, Issue: issues[c.IssueId]))
            .Select(t => new DigestIssue(t.Issue.Id, t.Issue.Title, t.Issue.Service, t.Issue.Level, t.Issue.Code, t.Issue.Status, t.Issue.LastSeen,
                new PeriodChange(t.Count.Count, before.GetValueOrDefault(t.Count.IssueId))))
            .ToList();
    }

    /// <summary>Events per issue (of <paramref name="only"/>, when given) in the hours after <paramref name="after"/> up to and including <paramref name="last"/>.</summary>
    private IQueryable<IssueCount> CountByIssue(DateTimeOffset after, DateTimeOffset last, List<long>? only = null)
    {
        var prints = only is null ? db.ErrorIssueFingerprints : db.ErrorIssueFingerprints.Where(f => only.Contains(f.IssueId));
        return from hour in db.ErrorIssueHours
               join print in prints on hour.Fingerprint equals print.Fingerprint
               where hour.Hour > after && hour.Hour <= last
               group hour by print.IssueId into issue
               select new IssueCount { IssueId = issue.Key, Count = issue.Sum(h => h.EventCount) };
    }

    private sealed class IssueCount
    {
        public long IssueId { get; init; }
        public int Count { get; init; }
    }

    private async Task<Dictionary<string, int>> CountByAsync(Expression<Func<ErrorLogEntry, string>> key, DateTimeOffset from,
        DateTimeOffset to, CancellationToken cancellationToken) =>
        await Between(from, to)
            .GroupBy(key)
            .Select(g => new { Key = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    private IQueryable<ErrorLogEntry> Between(DateTimeOffset from, DateTimeOffset to) =>
        db.ErrorLogs.AsNoTracking().Where(e => e.Ts >= from && e.Ts < to);

    private IQueryable<ErrorLogEntry> Filtered(ErrorLogFilter filter)
    {
        var rows = db.ErrorLogs.AsNoTracking();
        if (filter.Level is { } level)
        {
            rows = rows.Where(e => e.Level == level);
        }
        if (filter.Service is { } service)
        {
            rows = rows.Where(e => e.Service == service);
        }
        if (filter.Environment is { } environment)
        {
            rows = rows.Where(e => e.Environment == environment);
        }
        if (filter.Code is { } code)
        {
            rows = rows.Where(e => e.Code == code);
        }
        if (filter.Text is { } text)
        {
            if (db.Database.IsNpgsql())
            {
                var pattern = ContainsPattern(text);
                rows = rows.Where(e => EF.Functions.ILike(e.Message, pattern, LikeEscape));
            }
            else
            {
                // SQLite has no ILIKE; lower() on both sides with instr() (what Contains becomes) is literal too.
                var lowered = text.ToLower(CultureInfo.InvariantCulture);
#pragma warning disable CA1304, CA1311, CA1862 // EF Core translates this ToLower() and Contains to SQL (lower, instr); the culture overloads do not translate
                rows = rows.Where(e => e.Message.ToLower().Contains(lowered));
#pragma warning restore CA1304, CA1311, CA1862
            }
        }
        if (filter.RequestId is { } requestId)
        {
            rows = rows.Where(e => e.RequestId == requestId);
        }
        if (filter.UserId is { } userId)
        {
            rows = rows.Where(e => e.UserId == userId);
        }
        if (filter.From is { } from)
        {
            rows = rows.Where(e => e.Ts >= from);
        }
        if (filter.To is { } to)
        {
            rows = rows.Where(e => e.Ts < to);
        }
        if (filter.Issue is { } issueId)
        {
            // Through the fingerprints, as the issue page reads them: a merge or split moves fingerprints,
            // not rows, so a row's own issue_id names where it counted when it was written.
            var fingerprints = IssueRows.FingerprintsOf(db, issueId);
            rows = rows.Where(e => e.Fingerprint != null && fingerprints.Contains(e.Fingerprint));
        }
        if (filter.Release is { } release)
        {
            rows = rows.Where(e => e.Release == release);
        }
        return rows;
    }

    /// <summary>
    /// The <c>ILIKE</c> pattern (with <see cref="LikeEscape"/>) that finds <paramref name="text"/>
    /// anywhere, literally: % and _ typed by the admin are not wildcards.
    /// </summary>
    internal static string ContainsPattern(string text) => "%" + text
        .Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
        .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
        .Replace("_", LikeEscape + "_", StringComparison.Ordinal) + "%";
}

public sealed record ErrorLogPage(IReadOnlyList<ErrorLogEntry> Rows, ErrorLogCursor? Older);

public sealed record ErrorLogDetail(ErrorLogEntry Entry, IReadOnlyList<ErrorLogEntry> SameRequest);

public sealed record ErrorLogDigest(DateTimeOffset Now, IReadOnlyList<DigestWindow> Windows);

public sealed record DigestWindow(string Name, DateTimeOffset Start, DateTimeOffset End, PeriodChange Total,
    IReadOnlyList<DigestCount> ByLevel, IReadOnlyList<DigestCount> ByService, IReadOnlyList<DigestIssue> TopIssues);

public sealed record DigestCount(string Key, PeriodChange Change);

/// <summary>An issue's events in the window (by whole hours) against the period before; the rest is the issue as it is now.</summary>
public sealed record DigestIssue(long IssueId, string Title, string Service, string Level, string? Code, string Status, DateTimeOffset LastSeen,
    PeriodChange Change);

/// <summary>A count in a period against the count in the period of the same length before it.</summary>
public readonly record struct PeriodChange(int Current, int Previous)
{
    public int Difference => Current - Previous;

    /// <summary>Null when there was nothing before, where a percentage means nothing.</summary>
    public double? Percent => Previous == 0 ? null : 100.0 * Difference / Previous;

    public bool IsNew => Previous == 0 && Current > 0;

    /// <summary>"+3 (+50%)", "−2 (−100%)", "new", or "no change".</summary>
    public string Describe()
    {
        if (IsNew)
        {
            return "new";
        }
        if (Difference == 0)
        {
            return "no change";
        }
        var sign = Difference > 0 ? "+" : "−";
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{Math.Abs(Difference)} ({sign}{Math.Abs(Percent!.Value):0.#}%)");
    }
}
