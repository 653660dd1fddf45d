namespace Vybe.Web.Readings;

/// <summary>What a core number means in the tradition: its name, keywords and themes.</summary>
public sealed record NumberMeaning(
    int Number,
    string Name,
    IReadOnlyList<string> Keywords,
    string Essence,
    string Themes,
    string Guidance,
    string Shadow,
    IReadOnlyList<string> Questions);

/// <summary>What a well-known repeated sequence (an "angel number") is said to signal.</summary>
public sealed record AngelNumberMeaning(string Digits, string Name, string Message);

/// <summary>The curated table of meanings for 0–9, 11, 22, 33 and the common angel numbers.</summary>
public static class NumberMeanings
{
    public static NumberMeaning For(int coreNumber) =>
        CoreMeanings.TryGetValue(coreNumber, out var meaning)
            ? meaning
            : throw new ArgumentOutOfRangeException(nameof(coreNumber), coreNumber, "Core numbers are 0–9, 11, 22 and 33.");

    public static AngelNumberMeaning? Angel(string? digits) =>
        digits is not null && AngelMeanings.TryGetValue(digits, out var meaning) ? meaning : null;

    /// <summary>
    /// The angel number the digits are known as: the digits themselves when the table has them,
    /// else without leading zeros (04:44 is 444), else a longer run of one digit read as its
    /// three-digit form (4444 speaks as 444).
    /// </summary>
    public static string? FindAngelNumber(string digits)
    {
        if (AngelMeanings.ContainsKey(digits))
        {
            return digits;
        }
        var trimmed = digits.TrimStart('0');
        if (trimmed.Length >= 3 && AngelMeanings.ContainsKey(trimmed))
        {
            return trimmed;
        }
        if (digits.Length >= 3 && digits.All(c => c == digits[0]))
        {
            return new string(digits[0], 3);
        }
        return null;
    }

    private static readonly Dictionary<int, NumberMeaning> CoreMeanings = new NumberMeaning[]
    {
        // Filled with the curated table (0–9, 11, 22, 33).
    }.ToDictionary(m => m.Number);

    private static readonly Dictionary<string, AngelNumberMeaning> AngelMeanings = new AngelNumberMeaning[]
    {
        // Filled with the curated table: 000, 111 … 999, 1010, 1111, 1212, 1234, 2222.
    }.ToDictionary(m => m.Digits, StringComparer.Ordinal);
}
