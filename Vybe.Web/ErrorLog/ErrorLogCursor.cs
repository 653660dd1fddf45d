using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Vybe.Web.ErrorLog;

/// <summary>
/// Where a page of the error log ended: the (ts, id) of its last row. The next page starts strictly
/// after it in (ts desc, id desc) order, so rows inserted meanwhile never shift what comes next.
/// Shown to people as an opaque base64url token; it is a position, not a secret.
/// </summary>
public readonly record struct ErrorLogCursor(long UtcTicks, long Id)
{
    public DateTimeOffset Ts => new(UtcTicks, TimeSpan.Zero);

    public static ErrorLogCursor After(ErrorLogEntry row) => new(row.Ts.UtcTicks, row.Id);

    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{UtcTicks}_{Id}")));

    public static bool TryParse(string? token, out ErrorLogCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(token) || token.Length > 64 || !Base64Url.IsValid(token))
        {
            return false;
        }
        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token)).Split('_');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }
        cursor = new ErrorLogCursor(ticks, id);
        return true;
    }
}
