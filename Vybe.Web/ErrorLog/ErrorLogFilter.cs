using System.Globalization;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// What an admin asked to see in the error log, read from the query string so that a view can be
/// bookmarked. Only <see cref="TryParse"/> makes one from input (<see cref="ErrorLogFilterInput"/>,
/// which the pages bind), so a filter in hand is always valid: known level and environment, real
/// GUIDs, a time range that runs forwards.
/// </summary>
public sealed record ErrorLogFilter
{
    /// <summary>The query-string keys: what the input binds, the form fields' names, the keys of <see cref="RouteValues"/>.</summary>
    public static class Keys
    {
        public const string Level = "level";
        public const string Service = "service";
        public const string Environment = "environment";
        public const string Code = "code";
        public const string Text = "q";
        public const string RequestId = "requestId";
        public const string UserId = "userId";
        public const string From = "from";
        public const string To = "to";
        public const string Issue = "issue";
        public const string Release = "release";
    }

    /// <summary>The longest text the service, code and search fields take: far longer than anything stored in them.</summary>
    public const int MaxTextLength = 200;

    /// <summary>The format of an HTML <c>datetime-local</c> value, which is how the form shows From and To.</summary>
    public const string DateTimeLocalFormat = "yyyy-MM-ddTHH:mm";

    // What <input type="datetime-local"> sends (minutes, or seconds when a step allows them), then
    // ISO 8601 with an explicit offset for hand-written URLs.
    private static readonly string[] LocalFormats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"];
    private static readonly string[] OffsetFormats = ["yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"];

    public static ErrorLogFilter None { get; } = new();

    public string? Level { get; private init; }
    public string? Service { get; private init; }
    public string? Environment { get; private init; }
    public string? Code { get; private init; }
    /// <summary>Text the message contains, compared without regard to case.</summary>
    public string? Text { get; private init; }
    public Guid? RequestId { get; private init; }
    public Guid? UserId { get; private init; }
    /// <summary>Inclusive lower bound (UTC).</summary>
    public DateTimeOffset? From { get; private init; }
    /// <summary>Exclusive upper bound (UTC).</summary>
    public DateTimeOffset? To { get; private init; }
    /// <summary>
    /// The rows of one issue: those that counted towards it when written, and those whose fingerprint
    /// belongs to it now (so an issue that others were merged into shows their older rows too).
    /// </summary>
    public long? Issue { get; private init; }
    /// <summary>The release that wrote the row, exactly.</summary>
    public string? Release { get; private init; }

    public bool IsEmpty => this == None;

    /// <summary>Every entry of one request: the link from an entry to its request's other entries.</summary>
    public static ErrorLogFilter OfRequest(Guid requestId) => new() { RequestId = requestId };

    /// <summary>Every entry with the code: the digest's link from a code to the list.</summary>
    public static ErrorLogFilter OfCode(string code) => new() { Code = code };

    /// <summary>Every row of the issue: the issues list's link from an issue to its rows.</summary>
    public static ErrorLogFilter OfIssue(long issueId) => new() { Issue = issueId };

    /// <summary>
    /// Reads the filter from what the query string held. Empty fields mean "any". Each bad value gives
    /// one message under its key; <paramref name="filter"/> is then <see cref="None"/>.
    /// </summary>
    public static bool TryParse(ErrorLogFilterInput input, out ErrorLogFilter filter, out IReadOnlyDictionary<string, string> errors)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);

        var level = Value(input.Level)?.ToLowerInvariant();
        if (level is not null && !ErrorLogLevels.All.Contains(level))
        {
            problems[Keys.Level] = $"Level must be one of {string.Join(", ", ErrorLogLevels.All)}.";
        }

        var environment = Value(input.Environment)?.ToLowerInvariant();
        if (environment is not null && !ErrorLogEnvironments.All.Contains(environment))
        {
            problems[Keys.Environment] = $"Environment must be one of {string.Join(", ", ErrorLogEnvironments.All)}.";
        }

        var service = ParseText(input.Service, Keys.Service, "Service", problems);
        var code = ParseText(input.Code, Keys.Code, "Code", problems);
        var text = ParseText(input.Text, Keys.Text, "The search text", problems);
        var requestId = ParseGuid(input.RequestId, Keys.RequestId, "Request id", problems);
        var userId = ParseGuid(input.UserId, Keys.UserId, "User id", problems);
        var from = ParseTime(input.From, Keys.From, "From", problems);
        var to = ParseTime(input.To, Keys.To, "To", problems);
        var issue = ParseId(input.Issue, Keys.Issue, "Issue", problems);
        var release = ParseText(input.Release, Keys.Release, "Release", problems);
        if (from is not null && to is not null && to <= from)
        {
            problems[Keys.To] = "To must be later than From.";
        }

        errors = problems;
        if (problems.Count > 0)
        {
            filter = None;
            return false;
        }

        filter = new ErrorLogFilter
        {
            Level = level,
            Service = service,
            Environment = environment,
            Code = code,
            Text = text,
            RequestId = requestId,
            UserId = userId,
            From = from,
            To = to,
            Issue = issue,
            Release = release,
        };
        return true;
    }

    /// <summary>
    /// The filter as route values (only the fields that are set, in the form's order), for links that
    /// keep it: <c>Url.Page(...)</c> or <c>asp-all-route-data</c>. Times are written in UTC.
    /// </summary>
    public Dictionary<string, string> RouteValues()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(Keys.Level, Level);
        Add(Keys.Service, Service);
        Add(Keys.Environment, Environment);
        Add(Keys.Code, Code);
        Add(Keys.Text, Text);
        Add(Keys.RequestId, RequestId?.ToString());
        Add(Keys.UserId, UserId?.ToString());
        Add(Keys.From, From is { } from ? RouteTime(from) : null);
        Add(Keys.To, To is { } to ? RouteTime(to) : null);
        Add(Keys.Issue, Issue?.ToString(CultureInfo.InvariantCulture));
        Add(Keys.Release, Release);
        return values;

        void Add(string key, string? value)
        {
            if (value is not null)
            {
                values[key] = value;
            }
        }
    }

    /// <summary>How <see cref="RouteValues"/> writes an instant: UTC, as precise as it was read.</summary>
    internal static string RouteTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>The typed value trimmed; null when nothing was typed.</summary>
    internal static string? Value(string? typed) => typed?.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>
    /// Text compared with stored text: at most <see cref="MaxTextLength"/> characters, and none that
    /// the database cannot hold or compare (U+0000, other control characters, half a surrogate pair).
    /// </summary>
    internal static string? ParseText(string? typed, string key, string label, Dictionary<string, string> problems)
    {
        var text = Value(typed);
        if (text is null)
        {
            return null;
        }
        if (text.Length > MaxTextLength)
        {
            problems[key] = $"{label} may be at most {MaxTextLength} characters.";
            return null;
        }
        if (text.Any(char.IsControl) || !IsWellFormed(text))
        {
            problems[key] = $"{label} contains invisible control characters: type it again.";
            return null;
        }
        return text;
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            if (char.IsSurrogate(text[i]) && !char.IsSurrogatePair(text, i))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A row's or an issue's id: a whole number from 1 up.</summary>
    private static long? ParseId(string? typed, string key, string label, Dictionary<string, string> problems)
    {
        var text = Value(typed);
        if (text is null)
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }
        problems[key] = $"{label} must be an issue number such as 42.";
        return null;
    }

    private static Guid? ParseGuid(string? typed, string key, string label, Dictionary<string, string> problems)
    {
        var text = Value(typed);
        if (text is null)
        {
            return null;
        }
        if (Guid.TryParse(text, out var value))
        {
            return value;
        }
        problems[key] = $"{label} must be a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301.";
        return null;
    }

    internal static DateTimeOffset? ParseTime(string? typed, string key, string label, Dictionary<string, string> problems)
    {
        var text = Value(typed);
        if (text is null)
        {
            return null;
        }
        // A datetime-local value carries no zone; the page says these times are UTC.
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
        {
            return new DateTimeOffset(utc, TimeSpan.Zero);
        }
        if (DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return withOffset.ToUniversalTime();
        }
        problems[key] = $"{label} must be a date and time such as 2025-03-14T09:30 (UTC).";
        return null;
    }
}
