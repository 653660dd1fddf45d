using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Vybe.Web.History;

/// <summary>
/// Where a page of history ended: the (created time, id) of its last reading. The next page starts
/// strictly after it, newest first, so readings saved meanwhile never shift what comes next.
/// </summary>
public readonly record struct HistoryCursor(long UtcTicks, Guid Id)
{
    public DateTimeOffset CreatedAt => new(UtcTicks, TimeSpan.Zero);

    public static HistoryCursor After(StoredReading reading) => new(reading.CreatedAt.UtcTicks, reading.Id);

    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{UtcTicks}_{Id:N}")));

    public static bool TryParse(string? token, out HistoryCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(token) || token.Length > 80 || !Base64Url.IsValid(token))
        {
            return false;
        }
        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token)).Split('_');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            return false;
        }
        cursor = new HistoryCursor(ticks, id);
        return true;
    }
}
