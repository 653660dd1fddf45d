using System.Globalization;
using Vybe.Web.Readings;
using Vybe.Web.Web;

namespace Vybe.Web.History;

/// <summary>
/// Which readings the history shows, checked: a number or time (normalised as the reading forms
/// normalise it), a kind, a place, and the instants the seen-at dates cover (from inclusive, until
/// exclusive: the days are the visitor's, turned into UTC).
/// </summary>
public sealed record HistoryFilter(string? Number, string? Kind, string? Place, DateTimeOffset? SeenFrom, DateTimeOffset? SeenUntil)
{
    public static HistoryFilter None { get; } = new(null, null, null, null, null);

    public bool IsEmpty => this == None;
}

/// <summary>
/// The history's filter form as the query string carries it (<c>?number=444&amp;kind=number&amp;place=clock&amp;from=2026-11-01&amp;to=2026-11-30</c>).
/// The property names are the query's names, so links that keep the filters are built from it.
/// </summary>
public sealed class HistoryFilterInput
{
    public const string DateFormat = "yyyy-MM-dd";

    public string? Number { get; set; }

    public string? Kind { get; set; }

    public string? Place { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public bool HasAny => !string.IsNullOrWhiteSpace(Number) || !string.IsNullOrEmpty(Kind) || !string.IsNullOrEmpty(Place)
        || !string.IsNullOrEmpty(From) || !string.IsNullOrEmpty(To);

    /// <summary>The filters as query values, for links (a next page) that must keep them; empty ones left out.</summary>
    public Dictionary<string, string> RouteValues()
    {
        var values = new Dictionary<string, string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values[name] = value.Trim();
            }
        }
        Add("number", Number);
        Add("kind", Kind);
        Add("place", Place);
        Add("from", From);
        Add("to", To);
        return values;
    }

    /// <summary>The filter, or false with a message per field (keyed by property name).</summary>
    public bool TryParse(VisitorTimeZone zone, out HistoryFilter filter, out IReadOnlyDictionary<string, string> errors)
    {
        var found = new Dictionary<string, string>();
        string? number = null;
        if (!string.IsNullOrWhiteSpace(Number))
        {
            if (TimeInput.TryParse(Number, out var time, out _))
            {
                number = time.Normalized;
            }
            else if (NumberInput.TryParse(Number, out var digits, out _))
            {
                number = digits.Digits;
            }
            else
            {
                found[nameof(Number)] = "Enter a number (1 to 12 digits, such as 444) or a time (such as 11:11).";
            }
        }

        var kind = string.IsNullOrEmpty(Kind) ? null : Kind;
        if (kind is not null && !ReadingKinds.TryParse(kind, out _))
        {
            found[nameof(Kind)] = "Pick a kind from the list.";
        }
        var place = string.IsNullOrEmpty(Place) ? null : Place;
        if (place is not null && !SightingPlaces.IsKnown(place))
        {
            found[nameof(Place)] = "Pick a place from the list.";
        }

        var from = ParseDay(From, nameof(From), found);
        var to = ParseDay(To, nameof(To), found);
        if (from is { } first && to is { } last && last < first)
        {
            found[nameof(To)] = "The end date comes before the start date: swap them.";
        }

        errors = found;
        filter = found.Count > 0
            ? HistoryFilter.None
            : new HistoryFilter(number, kind, place, from is { } start ? StartOf(start, zone) : null, to is { } end ? StartOf(end.AddDays(1), zone) : null);
        return found.Count == 0;
    }

    private static DateOnly? ParseDay(string? text, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!DateOnly.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || day.Year < 1900 || day.Year > 9998)
        {
            errors[field] = "Enter a date as year-month-day, such as 2026-12-01.";
            return null;
        }
        return day;
    }

    /// <summary>The UTC instant the visitor's day starts (a day whose midnight the clocks skip starts at the first minute that exists).</summary>
    private static DateTimeOffset StartOf(DateOnly day, VisitorTimeZone zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.Zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(1);
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(midnight, zone.Zone), TimeSpan.Zero);
    }
}
