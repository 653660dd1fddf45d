using Vybe.Web.Data;

namespace Vybe.Web.History;

/// <summary>
/// Where a page of history ended: the (created time, id) of its last reading. The next page starts
/// strictly after it, newest first, so readings saved meanwhile never shift what comes next.
/// </summary>
public readonly record struct HistoryCursor(long UtcTicks, Guid Id)
{
    private const int MaxTokenLength = 80;

    public DateTimeOffset CreatedAt => new(UtcTicks, TimeSpan.Zero);

    public (DateTimeOffset Time, Guid Id) Position => (CreatedAt, Id);

    public static HistoryCursor After(StoredReading reading) => new(reading.CreatedAt.UtcTicks, reading.Id);

    public override string ToString() => KeysetToken.Encode(UtcTicks, Id.ToString("N"));

    public static bool TryParse(string? token, out HistoryCursor cursor)
    {
        cursor = default;
        if (!KeysetToken.TryDecode(token, MaxTokenLength, out var ticks, out var idText) || !Guid.TryParseExact(idText, "N", out var id))
        {
            return false;
        }
        cursor = new HistoryCursor(ticks, id);
        return true;
    }
}
