namespace Vybe.Web.WebVitals;

/// <summary>
/// The JSON that <c>wwwroot/js/web-vitals-reporter.js</c> sends for one page view:
/// <c>{"page":"/r/{id}","requestId":"…","metrics":[{"name":"LCP","value":1234.5,"rating":"good"}]}</c>.
/// Everything is optional here so that a missing field gets a clear message instead of a JSON error.
/// </summary>
public sealed record WebVitalsReport(string? Page, string? RequestId, List<WebVitalsReport.Measurement?>? Metrics)
{
    /// <summary>The browser's rating is checked for shape only; the server rates the value itself.</summary>
    public sealed record Measurement(string? Name, double? Value, string? Rating);

    public bool TryValidate(PageTemplates pages, out ValidWebVitalsReport valid, out string error)
    {
        valid = null!;
        if (string.IsNullOrEmpty(Page) || !pages.IsKnown(Page))
        {
            error = "The page must be the route template of one of this site's pages, such as /r/{id}.";
            return false;
        }
        if (!Guid.TryParse(RequestId, out var requestId) || requestId == Guid.Empty)
        {
            error = "The requestId must be the UUID of the request that served the page.";
            return false;
        }
        if (Metrics is not { Count: > 0 } || Metrics.Count > WebVitalMetrics.All.Count)
        {
            error = $"A report carries between 1 and {WebVitalMetrics.All.Count} metrics.";
            return false;
        }

        var values = new List<ValidWebVitalsReport.Value>();
        foreach (var measurement in Metrics)
        {
            if (WebVitalMetrics.Find(measurement?.Name) is not { } metric)
            {
                error = $"Unknown metric; expected one of {string.Join(", ", WebVitalMetrics.All.Select(m => m.Name))}.";
                return false;
            }
            if (values.Any(v => v.Metric == metric))
            {
                error = $"{metric.Name} appears more than once; a page view reports each metric once.";
                return false;
            }
            if (measurement!.Value is not { } value || !double.IsFinite(value) || value < 0 || value > metric.Largest)
            {
                error = $"The value of {metric.Name} must be a number from 0 to {metric.Largest}.";
                return false;
            }
            if (measurement.Rating is { } rating && !WebVitalRatings.All.Contains(rating))
            {
                error = $"The rating of {metric.Name} must be one of {string.Join(", ", WebVitalRatings.All)}.";
                return false;
            }
            values.Add(new ValidWebVitalsReport.Value(metric, value));
        }

        valid = new ValidWebVitalsReport(Page, requestId, values);
        error = "";
        return true;
    }
}

/// <summary>A report whose page, request id and values have all been checked.</summary>
public sealed record ValidWebVitalsReport(string Page, Guid RequestId, IReadOnlyList<ValidWebVitalsReport.Value> Values)
{
    public sealed record Value(WebVitalMetric Metric, double Amount)
    {
        public string Rating => Metric.RatingOf(Amount);
    }
}
