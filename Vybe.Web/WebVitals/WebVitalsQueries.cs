using Microsoft.EntityFrameworkCore;
using Vybe.Web.Data;

namespace Vybe.Web.WebVitals;

/// <summary>
/// What the admin Web Vitals page reads: per page and metric, the 75th percentile, the shares of
/// good, needs-improvement and poor values, and the sample count. Written to translate on
/// PostgreSQL and on SQLite alike.
/// </summary>
public sealed class WebVitalsQueries(VybeDbContext db, TimeProvider time)
{
    public const int Percentile = 75;

    /// <summary>The period up to now, one at a time: the admin page shows one table, not every period's.</summary>
    public Task<WebVitalsWindow> WindowAsync(WebVitalsPeriod period, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return WindowAsync(period.Name, now - period.Length, now, cancellationToken);
    }

    private async Task<WebVitalsWindow> WindowAsync(string name, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var groups = await Between(start, end)
            .GroupBy(s => new { s.Page, s.Metric })
            .Select(g => new
            {
                g.Key.Page,
                g.Key.Metric,
                Count = g.Count(),
                Good = g.Count(s => s.Rating == WebVitalRatings.Good),
                NeedsImprovement = g.Count(s => s.Rating == WebVitalRatings.NeedsImprovement),
                Poor = g.Count(s => s.Rating == WebVitalRatings.Poor),
            })
            .ToListAsync(cancellationToken);

        var rows = new List<WebVitalsRow>(groups.Count);
        foreach (var group in groups)
        {
            if (WebVitalMetrics.Find(group.Metric) is not { } metric)
            {
                continue; // the table's check constraint keeps other names out; nothing to show for one
            }
            // One value per group leaves the database: the one at the nearest rank, found by the database's sort.
            var rank = Percentiles.NearestRank(group.Count, Percentile);
            var p75 = await Between(start, end)
                .Where(s => s.Page == group.Page && s.Metric == group.Metric)
                .OrderBy(s => s.Value)
                .Select(s => (double?)s.Value)
                .Skip(rank - 1)
                .FirstOrDefaultAsync(cancellationToken);
            if (p75 is null)
            {
                continue; // retention deleted the group's samples between the two queries
            }
            rows.Add(new WebVitalsRow(group.Page, metric, group.Count, p75.Value, group.Good, group.NeedsImprovement, group.Poor));
        }

        var metricOrder = WebVitalMetrics.All.ToList();
        rows.Sort((a, b) =>
        {
            var byPage = string.CompareOrdinal(a.Page, b.Page);
            return byPage != 0 ? byPage : metricOrder.IndexOf(a.Metric).CompareTo(metricOrder.IndexOf(b.Metric));
        });
        return new WebVitalsWindow(name, start, end, rows);
    }

    private IQueryable<WebVitalSample> Between(DateTimeOffset from, DateTimeOffset to) =>
        db.WebVitals.AsNoTracking().Where(s => s.Ts >= from && s.Ts < to);
}

public static class Percentiles
{
    /// <summary>
    /// The 1-based rank of the <paramref name="percentile"/>th percentile among <paramref name="count"/>
    /// sorted values by the nearest-rank method: the smallest rank with at least that share of the values
    /// at or below it, ⌈count × percentile / 100⌉. The result is always one of the measured values.
    /// </summary>
    public static int NearestRank(int count, int percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        return (int)(((long)count * percentile + 99) / 100);
    }
}

/// <summary>A period the admin page offers, named in its address by <see cref="Key"/> (<c>?period=7d</c>).</summary>
public sealed record WebVitalsPeriod(string Key, string Name, TimeSpan Length)
{
    public static WebVitalsPeriod LastDay { get; } = new("24h", "Last 24 hours", TimeSpan.FromHours(24));
    public static WebVitalsPeriod LastWeek { get; } = new("7d", "Last 7 days", TimeSpan.FromDays(7));
    public static IReadOnlyList<WebVitalsPeriod> All { get; } = [LastDay, LastWeek];

    public static WebVitalsPeriod? Find(string? key) => All.FirstOrDefault(p => p.Key == key);
}

public sealed record WebVitalsWindow(string Name, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<WebVitalsRow> Rows);

/// <summary>One page and metric in a window.</summary>
public sealed record WebVitalsRow(string Page, WebVitalMetric Metric, int Count, double P75, int Good, int NeedsImprovement, int Poor)
{
    public string P75Rating => Metric.RatingOf(P75);

    public double GoodShare => (double)Good / Count;
    public double NeedsImprovementShare => (double)NeedsImprovement / Count;
    public double PoorShare => (double)Poor / Count;
}
