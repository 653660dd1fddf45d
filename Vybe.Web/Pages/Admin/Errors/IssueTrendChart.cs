using System.Globalization;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Pages.Numbers;

namespace Vybe.Web.Pages.Admin.Errors;

/// <summary>One bucket drawn as a bar, in the chart's viewBox units; <see cref="CenterX"/> and <see cref="TopY"/> are its point on the line.</summary>
public sealed record IssueTrendBar(ErrorIssueTrendBucket Bucket, string X, string Y, string Width, string Height, string CenterX, string TopY);

/// <summary>A label under the axis, centred on its bucket.</summary>
public sealed record IssueTrendAxisLabel(string X, string Text);

/// <summary>
/// An issue's trend (<see cref="ErrorIssueTrend"/>) as inline SVG drawn on the server, the model of
/// <c>_IssueTrend.cshtml</c>: a sparkline in the issues list (<see cref="Sparkline"/>), or a larger
/// chart with its axis labelled (<see cref="Large"/>, or any size through the constructor). No script
/// and no style attribute (the CSP forbids them): colours come from classes in site.css. Its text
/// alternative (<see cref="Summary"/>) says the total and the peak, so the figures reach a screen reader.
/// </summary>
/// <param name="Trend">The buckets to draw, oldest first.</param>
/// <param name="Width">Width in viewBox units, also the SVG's width in pixels.</param>
/// <param name="Height">Height in viewBox units, also the SVG's height in pixels.</param>
/// <param name="AxisLabels">Label the time axis and the peak (for a chart large enough to read them).</param>
public sealed record IssueTrendChart(ErrorIssueTrend Trend, int Width = IssueTrendChart.SparklineWidth, int Height = IssueTrendChart.SparklineHeight,
    bool AxisLabels = false)
{
    public const int SparklineWidth = 120;
    public const int SparklineHeight = 28;
    public const int LargeWidth = 640;
    public const int LargeHeight = 180;

    /// <summary>Room under the baseline for the axis labels, and above the bars for the peak's label.</summary>
    private const int AxisRoom = 22;
    private const int PeakRoom = 18;
    private const double BarShare = 0.75;

    /// <summary>The issues list's size: small, unlabelled.</summary>
    public static IssueTrendChart Sparkline(ErrorIssueTrend trend) => new(trend);

    /// <summary>The issue page's size: wide, with the time axis and the peak labelled.</summary>
    public static IssueTrendChart Large(ErrorIssueTrend trend) => new(trend, LargeWidth, LargeHeight, AxisLabels: true);

    public string ViewBox => $"0 0 {Width} {Height}";

    /// <summary>The y of the axis the bars stand on.</summary>
    public int Baseline => AxisLabels ? Height - AxisRoom : Height - 1;

    private int Top => AxisLabels ? PeakRoom : 1;

    private double SlotWidth => Trend.Buckets.Count == 0 ? Width : (double)Width / Trend.Buckets.Count;

    public long Max => Trend.Buckets.Count == 0 ? 0 : Trend.Buckets.Max(b => b.Count);

    /// <summary>
    /// The text alternative: "37 events in the last 24 hours, peak 12 at 14:00 UTC." or
    /// "No events in the last 14 days." (the SVG's aria-label and title).
    /// </summary>
    public string Summary
    {
        get
        {
            if (Trend.Peak is not { } peak)
            {
                return $"No events in {Trend.Period.Description}.";
            }
            var events = Trend.Total == 1 ? "1 event" : string.Create(CultureInfo.InvariantCulture, $"{Trend.Total} events");
            return string.Create(CultureInfo.InvariantCulture, $"{events} in {Trend.Period.Description}, peak {peak.Count} {When(peak.Start)} UTC.");
        }
    }

    /// <summary>Every bucket's bar (an empty bucket's has no height), oldest first.</summary>
    public IEnumerable<IssueTrendBar> Bars()
    {
        var max = Max;
        var plotHeight = Baseline - Top;
        var slot = SlotWidth;
        var width = Math.Max(slot * BarShare, 1);
        for (var i = 0; i < Trend.Buckets.Count; i++)
        {
            var bucket = Trend.Buckets[i];
            // A bucket with any event stays visible however tall the peak is.
            var height = max == 0 || bucket.Count == 0 ? 0 : Math.Max((double)bucket.Count / max * plotHeight, 1);
            var x = i * slot + (slot - width) / 2;
            yield return new IssueTrendBar(bucket, Units(x), Units(Baseline - height), Units(width), Units(height),
                Units(i * slot + slot / 2), Units(Baseline - height));
        }
    }

    /// <summary>The tops of the bars as an SVG <c>points</c> list, for a line instead of (or over) the bars.</summary>
    public string Points => string.Join(' ', Bars().Select(b => $"{b.CenterX},{b.TopY}"));

    /// <summary>
    /// Labels under the axis when <see cref="AxisLabels"/> is set: every 6 hours ("14:00") or every
    /// other day ("14 Mar"), always including the newest bucket.
    /// </summary>
    public IEnumerable<IssueTrendAxisLabel> Labels()
    {
        if (!AxisLabels)
        {
            yield break;
        }
        var every = Trend.Period.IsHourly ? 6 : 2;
        var count = Trend.Buckets.Count;
        var slot = SlotWidth;
        for (var i = 0; i < count; i++)
        {
            // Counted back from the newest bucket, which is the one a reader looks for.
            if ((count - 1 - i) % every == 0)
            {
                yield return new IssueTrendAxisLabel(Units(i * slot + slot / 2), Label(Trend.Buckets[i].Start));
            }
        }
    }

    /// <summary>The y of the axis labels' baseline.</summary>
    public string LabelY => Units(Height - 6);

    /// <summary>The peak's label above the chart ("peak 12"), when <see cref="AxisLabels"/> is set and there were events.</summary>
    public string? PeakLabel => AxisLabels && Trend.Peak is { } peak ? string.Create(CultureInfo.InvariantCulture, $"peak {peak.Count}") : null;

    private string Label(DateTimeOffset start) => start.UtcDateTime.ToString(Trend.Period.IsHourly ? "HH:mm" : "d MMM", CultureInfo.InvariantCulture);

    private string When(DateTimeOffset start) => Trend.Period.IsHourly ? $"at {Label(start)}" : $"on {Label(start)}";

    private static string Units(double value) => BarChart.Units(value);
}
