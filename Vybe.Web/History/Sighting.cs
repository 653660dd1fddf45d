namespace Vybe.Web.History;

/// <summary>
/// Where a number was seen: the fixed set a sighting can name (column <c>seen_place</c>). The
/// values are stored; the labels are what a person reads.
/// </summary>
public static class SightingPlaces
{
    public const string Clock = "clock";
    public const string Phone = "phone";
    public const string Receipt = "receipt";
    public const string Plate = "plate";
    public const string Page = "page";
    public const string Other = "other";

    public static IReadOnlyList<KeyValuePair<string, string>> All { get; } =
    [
        new(Clock, "A clock"),
        new(Phone, "A phone or screen"),
        new(Receipt, "A receipt or price"),
        new(Plate, "A licence plate"),
        new(Page, "A page or sign"),
        new(Other, "Somewhere else"),
    ];

    public static bool IsKnown(string? value) => value is not null && All.Any(p => p.Key == value);

    public static string Label(string value) => All.FirstOrDefault(p => p.Key == value).Value ?? value;
}

/// <summary>How the person felt when they saw it (column <c>feeling</c>): a small fixed set.</summary>
public static class SightingFeelings
{
    public const string Calm = "calm";
    public const string Curious = "curious";
    public const string Hopeful = "hopeful";
    public const string Joyful = "joyful";
    public const string Uneasy = "uneasy";
    public const string Puzzled = "puzzled";

    public static IReadOnlyList<KeyValuePair<string, string>> All { get; } =
    [
        new(Calm, "Calm"),
        new(Curious, "Curious"),
        new(Hopeful, "Hopeful"),
        new(Joyful, "Joyful"),
        new(Uneasy, "Uneasy"),
        new(Puzzled, "Puzzled"),
    ];

    public static bool IsKnown(string? value) => value is not null && All.Any(f => f.Key == value);

    public static string Label(string value) => All.FirstOrDefault(f => f.Key == value).Value ?? value;
}

/// <summary>The journal's limits, shared by the forms, the store and the database's constraints.</summary>
public static class SightingLimits
{
    public const int NoteMaxLength = 500;
}
