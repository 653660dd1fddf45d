using Microsoft.AspNetCore.Mvc;

namespace Vybe.Web.ErrorLog.Issues;

/// <summary>
/// What an admin asked to see in the issues list, read from the query string so that a view can be
/// bookmarked. Only <see cref="TryParse"/> makes one from input (<see cref="ErrorIssueFilterInput"/>,
/// which the page binds), so a filter in hand is always valid. Text and times are read by the same
/// rules as the row log's (<see cref="ErrorLogFilter"/>).
/// </summary>
public sealed record ErrorIssueFilter
{
    /// <summary>The query-string keys: what the input binds, the form fields' names, the keys of <see cref="RouteValues"/>.</summary>
    public static class Keys
    {
        public const string Status = "status";
        public const string Level = ErrorLogFilter.Keys.Level;
        public const string Service = ErrorLogFilter.Keys.Service;
        public const string Release = ErrorLogFilter.Keys.Release;
        public const string Text = ErrorLogFilter.Keys.Text;
        public const string From = ErrorLogFilter.Keys.From;
        public const string To = ErrorLogFilter.Keys.To;
        public const string Period = "period";
    }

    public static ErrorIssueFilter None { get; } = new();

    /// <summary>
    /// One of <see cref="ErrorIssueStatus.All"/>, as the list shows it: a snooze whose time has
    /// passed counts as open (the writer reopens it only when the issue is seen again).
    /// </summary>
    public string? Status { get; private init; }
    public string? Level { get; private init; }
    public string? Service { get; private init; }

    /// <summary>Issues seen in this release (any of their fingerprints).</summary>
    public string? Release { get; private init; }

    /// <summary>Text the title or the culprit contains, compared without regard to case.</summary>
    public string? Text { get; private init; }

    /// <summary>Inclusive lower bound of last seen (UTC).</summary>
    public DateTimeOffset? From { get; private init; }

    /// <summary>Exclusive upper bound of last seen (UTC).</summary>
    public DateTimeOffset? To { get; private init; }

    /// <summary>What each row's sparkline covers; it chooses no issues.</summary>
    public ErrorIssueTrendPeriod Period { get; private init; } = ErrorIssueTrendPeriod.Day;

    /// <summary>
    /// Reads the filter from what the query string held. Empty fields mean "any". Each bad value gives
    /// one message under its key; <paramref name="filter"/> is then <see cref="None"/>.
    /// </summary>
    public static bool TryParse(ErrorIssueFilterInput input, out ErrorIssueFilter filter, out IReadOnlyDictionary<string, string> errors)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);

        var status = ErrorLogFilter.Value(input.Status)?.ToLowerInvariant();
        if (status is not null && !ErrorIssueStatus.All.Contains(status))
        {
            problems[Keys.Status] = $"Status must be one of {string.Join(", ", ErrorIssueStatus.All)}.";
        }

        var level = ErrorLogFilter.Value(input.Level)?.ToLowerInvariant();
        if (level is not null && !ErrorLogLevels.All.Contains(level))
        {
            problems[Keys.Level] = $"Level must be one of {string.Join(", ", ErrorLogLevels.All)}.";
        }

        var service = ErrorLogFilter.ParseText(input.Service, Keys.Service, "Service", problems);
        var release = ErrorLogFilter.ParseText(input.Release, Keys.Release, "Release", problems);
        var text = ErrorLogFilter.ParseText(input.Text, Keys.Text, "The search text", problems);
        var from = ErrorLogFilter.ParseTime(input.From, Keys.From, "From", problems);
        var to = ErrorLogFilter.ParseTime(input.To, Keys.To, "To", problems);
        if (from is not null && to is not null && to <= from)
        {
            problems[Keys.To] = "To must be later than From.";
        }

        var period = ErrorIssueTrendPeriod.Day;
        if (ErrorLogFilter.Value(input.Period) is { } typedPeriod)
        {
            if (ErrorIssueTrendPeriod.TryParse(typedPeriod, out var parsed))
            {
                period = parsed;
            }
            else
            {
                problems[Keys.Period] = $"Trend must be one of {string.Join(", ", ErrorIssueTrendPeriod.All.Select(p => p.Key))}.";
            }
        }

        errors = problems;
        if (problems.Count > 0)
        {
            filter = None;
            return false;
        }
        filter = new ErrorIssueFilter
        {
            Status = status,
            Level = level,
            Service = service,
            Release = release,
            Text = text,
            From = from,
            To = to,
            Period = period,
        };
        return true;
    }

    /// <summary>
    /// The filter as route values (only the fields that are set, in the form's order; the period only
    /// when it is not the default), for links that keep it. Times are written in UTC.
    /// </summary>
    public Dictionary<string, string> RouteValues()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(Keys.Status, Status);
        Add(Keys.Level, Level);
        Add(Keys.Service, Service);
        Add(Keys.Release, Release);
        Add(Keys.Text, Text);
        Add(Keys.From, From is { } from ? ErrorLogFilter.RouteTime(from) : null);
        Add(Keys.To, To is { } to ? ErrorLogFilter.RouteTime(to) : null);
        Add(Keys.Period, Period == ErrorIssueTrendPeriod.Day ? null : Period.Key);
        return values;

        void Add(string key, string? value)
        {
            if (value is not null)
            {
                values[key] = value;
            }
        }
    }
}

/// <summary>
/// The issues list's filter as the query string carries it, field by field as typed.
/// <see cref="ErrorIssueFilter.TryParse"/> makes the filter of it; the form shows these values back.
/// </summary>
public sealed class ErrorIssueFilterInput
{
    [FromQuery(Name = ErrorIssueFilter.Keys.Status)]
    public string? Status { get; set; }

    [FromQuery(Name = ErrorIssueFilter.Keys.Level)]
    public string? Level { get; set; }

    [FromQuery(Name = ErrorIssueFilter.Keys.Service)]
    public string? Service { get; set; }

    [FromQuery(Name = ErrorIssueFilter.Keys.Release)]
    public string? Release { get; set; }

    [FromQuery(Name = ErrorIssueFilter.Keys.Text)]
    public string? Text { get; set; }

    [FromQuery(Name = ErrorIssueFilter.Keys.From)]
    public string? From { get; set; }

    [FromQuery(Name = ErrorIssueFilter.Keys.To)]
    public string? To { get; set; }

    [FromQuery(Name = ErrorIssueFilter.Keys.Period)]
    public string? Period { get; set; }
}
