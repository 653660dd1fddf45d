using Vybe.Web.Data;

namespace Vybe.Web.WebVitals;

/// <summary>One value measured in a visitor's browser (table <c>web_vitals</c>).</summary>
public sealed class WebVitalSample : IAgedRow
{
    public long Id { get; set; }
    public DateTimeOffset Ts { get; set; }
    /// <summary>The route template of the page (<c>/r/{id}</c>), never the URL with its ids.</summary>
    public required string Page { get; set; }
    public required string Metric { get; set; }
    /// <summary>Milliseconds, or the unitless score for CLS.</summary>
    public double Value { get; set; }
    /// <summary>The server's rating of the value against the thresholds (not the browser's say-so).</summary>
    public required string Rating { get; set; }
    /// <summary>The request that served the page, as in the error log.</summary>
    public Guid RequestId { get; set; }
}
