using System.Text.Json.Serialization;

namespace Vybe.Web.Readings;

/// <summary>Shapes that numerology traditions give a name to. Listed in the order a reading mentions them.</summary>
public enum NumberPattern
{
    /// <summary>Hour and minute the same: 11:11, 22:22.</summary>
    DoubleHour,

    /// <summary>The minute mirrors the hour: 12:21, 10:01.</summary>
    MirrorHour,

    /// <summary>Three or more of one digit: 111, 4444.</summary>
    RepeatingDigits,

    /// <summary>A group of digits said again: 1212, 1010, 123123.</summary>
    RepeatedGroup,

    /// <summary>Reads the same both ways, three digits or more, not all one digit: 1221, 12321.</summary>
    Palindrome,

    /// <summary>Each digit one more than the one before, three digits or more: 1234.</summary>
    AscendingRun,

    /// <summary>Each digit one less than the one before, three digits or more: 4321.</summary>
    DescendingRun,
}

/// <summary>
/// Everything the engine knows about one time or number. The writers turn these facts into prose;
/// they never compute numbers of their own.
/// </summary>
/// <param name="Input">The normalised input as shown to the visitor (11:11, 9:55 pm, 000).</param>
/// <param name="Digits">The digits that are read, leading zeros kept.</param>
/// <param name="DigitSum">The sum of the digits.</param>
/// <param name="ReductionChain">The digits read as one number, then each digit sum, down to the core number.</param>
/// <param name="CoreNumber">1 to 9, a master number 11, 22 or 33, or 0 for an all-zero input.</param>
/// <param name="IsMasterNumber">The core number is 11, 22 or 33.</param>
/// <param name="KarmicDebtNumbers">13, 14, 16 or 19 where they appear in the reduction chain.</param>
/// <param name="Patterns">The patterns the digits (and the clock face) make.</param>
/// <param name="AngelNumber">The angel number the digits are known as, if any (1111, 444…).</param>
/// <param name="Clock">For a time, the clock face it was read from; null for a number (and in readings stored before it was kept).</param>
public sealed record NumerologyFacts(
    string Input,
    string Digits,
    int DigitSum,
    IReadOnlyList<long> ReductionChain,
    int CoreNumber,
    bool IsMasterNumber,
    IReadOnlyList<int> KarmicDebtNumbers,
    IReadOnlyList<NumberPattern> Patterns,
    string? AngelNumber,
    ClockFace? Clock = null)
{
    public bool IsKarmicDebt => KarmicDebtNumbers.Count > 0;

    /// <summary>What the digits are made of: counts, order, pairs, groups, pattern class. Derived, so not stored.</summary>
    [JsonIgnore]
    public DigitProfile Profile => DigitProfile.Of(Digits);

    /// <summary>For a time, the hour of day and what the minute repeats. Derived, so not stored.</summary>
    [JsonIgnore]
    public TimeOfDay? Time => Clock is null ? null : TimeOfDay.Of(Clock);

    /// <summary>The chain as a person writes it: 0955 → 19 → 10 → 1.</summary>
    public string ReductionText => string.Join(" → ", ReductionChain.Select((value, index) => index == 0 ? Digits : value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The digit sum as a person writes it: 0 + 9 + 5 + 5 = 19.</summary>
    public string SumText => $"{string.Join(" + ", Digits.ToCharArray())} = {DigitSum}";
}

/// <summary>How two core numbers stand to each other.</summary>
public enum NumberRelation
{
    /// <summary>The same core number.</summary>
    Same,

    /// <summary>A master number and its root (11 and 2, 22 and 4, 33 and 6).</summary>
    SharedRoot,

    /// <summary>Numbers of one family: 1, 5, 7 (the seekers), 2, 4, 8 (the builders), 3, 6, 9 (the carers).</summary>
    SameFamily,

    /// <summary>Numbers of different families, which meet from different directions.</summary>
    DifferentFamilies,

    /// <summary>One of the two is 0, the number of potential, which takes on the other's colour.</summary>
    Potential,
}

/// <summary>Two readings side by side and how their core numbers relate.</summary>
/// <param name="CombinedNumber">The two core numbers added and reduced (master numbers kept).</param>
public sealed record ComparisonFacts(
    NumerologyFacts First,
    NumerologyFacts Second,
    NumberRelation Relation,
    int CombinedNumber);
