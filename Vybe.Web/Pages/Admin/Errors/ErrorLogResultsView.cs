using Vybe.Web.ErrorLog;

namespace Vybe.Web.Pages.Admin.Errors;

/// <summary>The filter form and what it found: the part of the list page that htmx swaps.</summary>
/// <param name="Typed">What the admin typed, shown back as typed (even when it did not parse).</param>
/// <param name="Errors">Each bad value's message, under its query key.</param>
public sealed record ErrorLogResultsView(
    ErrorLogFilterInput Typed,
    IReadOnlyDictionary<string, string> Errors,
    ErrorLogFilter Filter,
    ErrorLogPage? Page,
    bool IsOlderPage,
    bool Live,
    long NewestId,
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

    public TailPollerView Poller => new(Filter, NewestId);
}
