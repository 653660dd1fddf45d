using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.Data;

namespace Vybe.Web.ErrorLog.Issues;

/// <summary>
/// How far back an issue's trend looks and how finely: the last 24 hours by the hour (<c>24h</c>,
/// the default) or the last 14 days by the UTC day (<c>14d</c>). The newest bucket is the current,
/// unfinished hour or day, so an error that happened a minute ago is already on the chart.
/// </summary>
public sealed record ErrorIssueTrendPeriod
{
    public static readonly ErrorIssueTrendPeriod Day = new("24h", TimeSpan.FromHours(1), 24, "Last 24 hours");
    public static readonly ErrorIssueTrendPeriod Fortnight = new("14d", TimeSpan.FromDays(1), 14, "Last 14 days");

    public static IReadOnlyList<ErrorIssueTrendPeriod> All { get; } = [Day, Fortnight];

    private ErrorIssueTrendPeriod(string key, TimeSpan bucket, int bucketCount, string label)
    {
        Key = key;
        Bucket = bucket;
        BucketCount = bucketCount;
        Label = label;
    }

    /// <summary>The value of the <c>period</c> query key.</summary>
    public string Key { get; }

    /// <summary>An hour or a day.</summary>
    public TimeSpan Bucket { get; }

    public int BucketCount { get; }

    /// <summary>"Last 24 hours": a heading or an option.</summary>
    public string Label { get; }

    /// <summary>"the last 24 hours", for text such as "37 events in the last 24 hours".</summary>
    public string Description => "the " + Label.ToLowerInvariant();

    public bool IsHourly => Bucket == TimeSpan.FromHours(1);

    /// <summary>The start (UTC) of the hour or day <paramref name="time"/> falls in.</summary>
    public DateTimeOffset BucketOf(DateTimeOffset time)
    {
        var hour = ErrorIssueHour.Of(time);
        return IsHourly ? hour : new DateTimeOffset(hour.Year, hour.Month, hour.Day, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The start of the oldest bucket of the period that ends with the bucket of <paramref name="now"/>.</summary>
    public DateTimeOffset FirstBucket(DateTimeOffset now) => BucketOf(now) - (BucketCount - 1) * Bucket;

    public static bool TryParse(string? key, [NotNullWhen(true)] out ErrorIssueTrendPeriod? period)
    {
        period = All.FirstOrDefault(p => string.Equals(p.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase));
        return period is not null;
    }

    public override string ToString() => Key;
}

/// <summary>One bucket of a trend: its start (UTC) and the events in it.</summary>
public readonly record struct ErrorIssueTrendBucket(DateTimeOffset Start, long Count);

/// <summary>An issue's events per bucket over <see cref="Period"/>, oldest first, every bucket present (empty ones count 0).</summary>
public sealed record ErrorIssueTrend(ErrorIssueTrendPeriod Period, IReadOnlyList<ErrorIssueTrendBucket> Buckets)
{
    public long Total => Buckets.Sum(b => b.Count);

    /// <summary>The bucket with the most events (the most recent of equals); null when the period had none.</summary>
    public ErrorIssueTrendBucket? Peak => Total == 0 ? null : Buckets.Where(b => b.Count == Buckets.Max(m => m.Count)).Last();

    /// <summary>A period without events, ending with the bucket of <paramref name="now"/>.</summary>
    public static ErrorIssueTrend Empty(ErrorIssueTrendPeriod period, DateTimeOffset now) => Of(period, now, new Dictionary<DateTimeOffset, long>());

    /// <summary>The period ending with the bucket of <paramref name="now"/>, counts read from <paramref name="counts"/> by bucket start.</summary>
    public static ErrorIssueTrend Of(ErrorIssueTrendPeriod period, DateTimeOffset now, IReadOnlyDictionary<DateTimeOffset, long> counts)
    {
        var first = period.FirstBucket(now);
        var buckets = Enumerable.Range(0, period.BucketCount)
            .Select(i => first + i * period.Bucket)
            .Select(start => new ErrorIssueTrendBucket(start, counts.GetValueOrDefault(start)))
            .ToList();
        return new ErrorIssueTrend(period, buckets);
    }
}

/// <summary>
/// Issues' trends from the hourly counts the writer keeps (<c>error_issue_hours</c>), never from
/// the rows: one query for a whole page of issues, summed over each issue's fingerprints, so an
/// issue that others were merged into shows their events too.
/// </summary>
public sealed class ErrorIssueTrends(VybeDbContext db, TimeProvider time)
{
    /// <summary>Each issue's trend over the period up to now; every id asked for has one (empty when it had no events).</summary>
    public async Task<IReadOnlyDictionary<long, ErrorIssueTrend>> ForAsync(IReadOnlyCollection<long> issueIds, ErrorIssueTrendPeriod period,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (issueIds.Count == 0)
        {
            return new Dictionary<long, ErrorIssueTrend>();
        }
        var ids = issueIds.Distinct().ToList();
        var start = period.FirstBucket(now);
        // A clock a little ahead on another instance may have counted a later hour: it is not on the chart yet.
        var end = period.BucketOf(now) + period.Bucket;
        var hours = await (
                from hour in db.ErrorIssueHours
                join print in db.ErrorIssueFingerprints on hour.Fingerprint equals print.Fingerprint
                where ids.Contains(print.IssueId) && hour.Hour >= start && hour.Hour < end
                group hour by new { print.IssueId, hour.Hour } into bucket
                select new { bucket.Key.IssueId, bucket.Key.Hour, Count = bucket.Sum(h => (long)h.EventCount) })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var byIssue = hours.ToLookup(h => h.IssueId);
        return ids.ToDictionary(id => id, id => ErrorIssueTrend.Of(period, now,
            byIssue[id].GroupBy(h => period.BucketOf(h.Hour)).ToDictionary(g => g.Key, g => g.Sum(h => h.Count))));
    }
}
