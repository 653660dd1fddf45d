using Vybe.Web.ErrorLog.Issues;

namespace Vybe.Web.Pages.Admin.Errors;

/// <summary>The issues list's filter form and what it found: the part of the page that htmx swaps.</summary>
/// <param name="Typed">What the admin typed, shown back as typed (even when it did not parse).</param>
/// <param name="Errors">Each bad value's message, under its query key.</param>
/// <param name="Trends">Each listed issue's trend over the filter's period.</param>
public sealed record ErrorIssueResultsView(
    ErrorIssueFilterInput Typed,
    IReadOnlyDictionary<string, string> Errors,
    ErrorIssueFilter Filter,
    ErrorIssuePage? Page,
    IReadOnlyDictionary<long, ErrorIssueTrend> Trends,
    bool IsOlderPage,
    bool IsFragment)
{
    public string? Invalid(string key) => Errors.ContainsKey(key) ? "true" : null;

    public string DescribedBy(string key, string? hintId = null) =>
        string.Join(' ', new[] { hintId, Errors.ContainsKey(key) ? $"{key}-error" : null }.Where(id => id is not null));

    /// <summary>The filter and one more query value, for a link that keeps the filter.</summary>
    public Dictionary<string, string> FilterWith(string key, string value)
    {
        var values = Filter.RouteValues();
        values[key] = value;
        return values;
    }

    /// <summary>The issue's sparkline (every listed issue has a trend; an empty one if the query had none for it).</summary>
    public IssueTrendChart Sparkline(ErrorIssueRow row) => IssueTrendChart.Sparkline(Trends[row.Issue.Id]);
}
