using System.Globalization;
using Vybe.Web.Data;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// Where a page of the error log ended: the (ts, id) of its last row. The next page starts strictly
/// after it in (ts desc, id desc) order, so rows inserted meanwhile never shift what comes next.
/// Shown to people as an opaque base64url token; it is a position, not a secret.
/// </summary>
public readonly record struct ErrorLogCursor(long UtcTicks, long Id)
{
    private const int MaxTokenLength = 64;

    public DateTimeOffset Ts => new(UtcTicks, TimeSpan.Zero);

    public (DateTimeOffset Time, long Id) Position => (Ts, Id);

    public static ErrorLogCursor After(ErrorLogEntry row) => new(row.Ts.UtcTicks, row.Id);

    public override string ToString() => KeysetToken.Encode(UtcTicks, Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The cursor a page's query string carries: null when there is none (the first page) or when it
    /// does not decode, which adds <paramref name="damaged"/> under <paramref name="key"/> to the page's problems.
    /// </summary>
    public static ErrorLogCursor? FromQuery(string? token, string key, string damaged, IDictionary<string, string> problems)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        if (TryParse(token, out var cursor))
        {
            return cursor;
        }
        problems[key] = damaged;
        return null;
    }

    public static bool TryParse(string? token, out ErrorLogCursor cursor)
    {
        cursor = default;
        if (!KeysetToken.TryDecode(token, MaxTokenLength, out var ticks, out var idText)
            || !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }
        cursor = new ErrorLogCursor(ticks, id);
        return true;
    }
}
