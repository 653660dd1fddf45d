namespace Vybe.Web.Readings;

public enum ReadingKind
{
    Time,
    Number,
    Image,
    Compare,
}

/// <summary>
/// A clock face as the visitor saw it: two-digit hour and minute, and for a 12-hour time the hour
/// of the day it stands for (9:55 pm shows 09 and is hour 21); null means the shown hour is the hour of day.
/// </summary>
public sealed record ClockFace(string Hour, string Minute, int? HourOfDay = null);

/// <summary>
/// What a reading is about, after parsing: the normalised text shown back to the visitor, the
/// digits that numerology reads, and for a time the clock face (for double and mirror hours).
/// </summary>
public sealed record ReadingSubject(string Normalized, string Digits, ClockFace? Clock)
{
    public bool IsTime => Clock is not null;
}

public static class ReadingKinds
{
    public static string Key(this ReadingKind kind) => kind switch
    {
        ReadingKind.Time => "time",
        ReadingKind.Number => "number",
        ReadingKind.Image => "image",
        ReadingKind.Compare => "compare",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? key, out ReadingKind kind)
    {
        (var known, kind) = key switch
        {
            "time" => (true, ReadingKind.Time),
            "number" => (true, ReadingKind.Number),
            "image" => (true, ReadingKind.Image),
            "compare" => (true, ReadingKind.Compare),
            _ => (false, ReadingKind.Number),
        };
        return known;
    }
}
