using System.Globalization;

namespace Vybe.Web.Pages.Numbers;

/// <summary>One bar: what it counts (for the table and the chart's summary), its label under the axis (or none), its value.</summary>
public sealed record ChartBar(string Label, string? AxisLabel, int Value);

/// <summary>A bar drawn: its rectangle and where its value and axis label go, in the chart's viewBox units.</summary>
public sealed record DrawnBar(ChartBar Bar, string X, string Y, string Width, string Height, string CenterX, string ValueY);

/// <summary>
/// A column chart drawn as inline SVG on the server (no script, no inline style: the CSP forbids
/// them, so colours come from classes in site.css). It scales with its viewBox, so one drawing
/// fits a phone and a desktop; the table beside it holds the same figures for anyone who cannot see it.
/// </summary>
/// <param name="Id">The chart's element id prefix (unique on the page).</param>
/// <param name="Title">What the chart shows, such as "Sightings by hour of day".</param>
/// <param name="LabelHeading">The table's first column heading, such as "Hour".</param>
/// <param name="SlotWidth">Width of each bar's slot in viewBox units: narrow for 24 bars, wide for 7.</param>
/// <param name="ShowValues">Write each value above its bar (for few, wide bars).</param>
public sealed record BarChart(string Id, string Title, string LabelHeading, IReadOnlyList<ChartBar> Bars, int SlotWidth, bool ShowValues)
{
    public const int Height = 150;
    public const int Top = 20;
    public const int Baseline = 124;
    public const int AxisLabelY = 142;

    private const double BarShare = 0.7;

    public int Width => Bars.Count * SlotWidth;

    public string ViewBox => $"0 0 {Width} {Height}";

    public int Total => Bars.Sum(b => b.Value);

    public int Max => Bars.Count == 0 ? 0 : Bars.Max(b => b.Value);

    /// <summary>The accessible name: the title and where it peaks, for a screen reader that meets the chart first.</summary>
    public string Summary
    {
        get
        {
            if (Max == 0)
            {
                return $"{Title}: no sightings yet.";
            }
            var peaks = Bars.Where(b => b.Value == Max).Select(b => b.Label).ToList();
            var peakText = peaks.Count <= 3 ? string.Join(", ", peaks) : $"{peaks.Count} of them";
            return $"{Title}: {Total} in all, most ({Max}) at {peakText}. The table below has every figure.";
        }
    }

    public IEnumerable<DrawnBar> Drawn()
    {
        var max = Max;
        var plotHeight = Baseline - Top;
        for (var i = 0; i < Bars.Count; i++)
        {
            var bar = Bars[i];
            var height = max == 0 ? 0 : (double)bar.Value / max * plotHeight;
            var width = SlotWidth * BarShare;
            var x = i * SlotWidth + (SlotWidth - width) / 2;
            yield return new DrawnBar(bar, Units(x), Units(Baseline - height), Units(width), Units(height),
                Units(i * SlotWidth + SlotWidth / 2.0), Units(Baseline - height - 5));
        }
    }

    /// <summary>SVG attribute numbers are written with a dot, whatever the culture.</summary>
    public static string Units(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
