using System.Globalization;
using Vybe.Web.ErrorLog;

namespace Vybe.Web.Pages.Admin.Errors;

/// <summary>The element that polls for entries newer than <paramref name="AfterId"/> and prepends them to the list.</summary>
public sealed record TailPollerView(ErrorLogFilter Filter, long AfterId, int NewCount = 0, DateTimeOffset? CheckedAt = null,
    bool OutOfBand = false)
{
    public const string ElementId = "error-tail";

    /// <summary>The filter and the newest entry shown: the route values of the next poll.</summary>
    public Dictionary<string, string> RouteValues()
    {
        var values = Filter.RouteValues();
        values[TailModel.AfterKey] = AfterId.ToString(CultureInfo.InvariantCulture);
        return values;
    }
}

/// <summary>Rows of the list table; <paramref name="New"/> marks rows that live tail just brought in.</summary>
public sealed record ErrorRowsView(IReadOnlyList<ErrorLogEntry> Rows, bool New = false);
