using System.Globalization;

namespace Vybe.Web.WebVitals;

public enum WebVitalUnit
{
    Milliseconds,
    /// <summary>CLS: a unitless layout-shift score.</summary>
    Score,
}

/// <summary>
/// One of the metrics the browser reports, with the thresholds web.dev publishes: a value up to
/// <see cref="GoodUpTo"/> is good, above <see cref="PoorAbove"/> poor, in between needs improvement
/// (the same comparison the web-vitals library makes).
/// </summary>
public sealed record WebVitalMetric(string Name, string Title, double GoodUpTo, double PoorAbove, WebVitalUnit Unit, double Largest)
{
    public string RatingOf(double value) =>
        value > PoorAbove ? WebVitalRatings.Poor : value > GoodUpTo ? WebVitalRatings.NeedsImprovement : WebVitalRatings.Good;

    /// <summary>A measured value for people: "180 ms", "2.61 s", "0.05".</summary>
    public string Format(double value) => Unit == WebVitalUnit.Score
        ? value.ToString("0.00#", CultureInfo.InvariantCulture)
        : value < 1000
            ? string.Create(CultureInfo.InvariantCulture, $"{value:0} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{value / 1000:0.00} s");

    /// <summary>A threshold for people: "200 ms", "2.5 s", "0.1".</summary>
    public string FormatThreshold(double value) => Unit == WebVitalUnit.Score
        ? value.ToString("0.##", CultureInfo.InvariantCulture)
        : value < 1000
            ? string.Create(CultureInfo.InvariantCulture, $"{value:0} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{value / 1000:0.##} s");
}

public static class WebVitalMetrics
{
    /// <summary>No real page takes this long; a larger value is a broken or forged report.</summary>
    private const double LongestMilliseconds = 10 * 60 * 1000;

    public static readonly WebVitalMetric Lcp = new("LCP", "Largest Contentful Paint", 2500, 4000, WebVitalUnit.Milliseconds, LongestMilliseconds);
    public static readonly WebVitalMetric Inp = new("INP", "Interaction to Next Paint", 200, 500, WebVitalUnit.Milliseconds, LongestMilliseconds);
    public static readonly WebVitalMetric Cls = new("CLS", "Cumulative Layout Shift", 0.1, 0.25, WebVitalUnit.Score, 100);
    public static readonly WebVitalMetric Fcp = new("FCP", "First Contentful Paint", 1800, 3000, WebVitalUnit.Milliseconds, LongestMilliseconds);
    public static readonly WebVitalMetric Ttfb = new("TTFB", "Time to First Byte", 800, 1800, WebVitalUnit.Milliseconds, LongestMilliseconds);

    /// <summary>The Core Web Vitals first, then the two that help explain them.</summary>
    public static readonly IReadOnlyList<WebVitalMetric> All = [Lcp, Inp, Cls, Fcp, Ttfb];

    public static WebVitalMetric? Find(string? name) => All.FirstOrDefault(m => m.Name == name);
}

public static class WebVitalRatings
{
    public const string Good = "good";
    public const string NeedsImprovement = "needs-improvement";
    public const string Poor = "poor";
    public static readonly IReadOnlyList<string> All = [Good, NeedsImprovement, Poor];

    public static string Label(string rating) => rating switch
    {
        Good => "good",
        NeedsImprovement => "needs improvement",
        Poor => "poor",
        _ => rating,
    };
}
