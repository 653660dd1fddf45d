namespace Vybe.Web.Readings;

/// <summary>The one shape a reading names for its digits, the most specific that fits.</summary>
public enum PatternClass
{
    /// <summary>One digit alone: 7.</summary>
    OneDigit,

    /// <summary>Two of one digit, a double: 55.</summary>
    TwoAlike,

    /// <summary>Three or more of one digit: 444, 1111.</summary>
    Repeating,

    /// <summary>Two digits taking turns, four digits or more: 1212, 10101.</summary>
    Alternating,

    /// <summary>A group of three or more digits said again: 123123.</summary>
    RepeatedGroup,

    /// <summary>A short palindrome of three or four digits: 121, 1221.</summary>
    Mirror,

    /// <summary>A palindrome of five digits or more: 12321.</summary>
    Palindrome,

    /// <summary>Each digit one more than the last, three digits or more: 1234.</summary>
    AscendingRun,

    /// <summary>Each digit one less than the last, three digits or more: 4321.</summary>
    DescendingRun,

    /// <summary>Digits in doubled pairs, four digits or more: 1122, 335577.</summary>
    Pairs,

    /// <summary>The same digit first and last, something else between: 4…4, 1591.</summary>
    Bookends,

    /// <summary>None of the named shapes.</summary>
    Mixed,
}

/// <summary>How the digits move from left to right.</summary>
public enum DigitOrder
{
    /// <summary>One digit only, or all the same.</summary>
    Level,

    /// <summary>Never falling, and rising at least once: 1137.</summary>
    Rising,

    /// <summary>Never rising, and falling at least once: 9541.</summary>
    Falling,

    /// <summary>Rising, then falling: 1371.</summary>
    RisingThenFalling,

    /// <summary>Falling, then rising: 7137.</summary>
    FallingThenRising,

    /// <summary>Changing direction more than once: 3172.</summary>
    Zigzag,
}

/// <summary>A digit and how many times it appears.</summary>
public sealed record DigitCount(int Digit, int Count);

/// <summary>
/// What the digits themselves are made of, beyond their sum: each distinct digit and its count (in
/// the order the digits first appear), their order, the first and the last, the adjacent pairs,
/// groups of three for long numbers, and the pattern class. Derived from the digits alone, so it is
/// never stored and never disagrees with them.
/// </summary>
public sealed record DigitProfile(
    string Digits,
    IReadOnlyList<DigitCount> Counts,
    DigitOrder Order,
    int First,
    int Last,
    int Highest,
    int Lowest,
    IReadOnlyList<string> Pairs,
    IReadOnlyList<string> Groups,
    PatternClass PatternClass)
{
    /// <summary>From five digits on, a number is read in groups of three from the left, as people read a long number aloud.</summary>
    public const int GroupFrom = 5;

    public int Length => Digits.Length;

    /// <summary>The digit that appears most often (the first of them on a tie), when one appears more than once.</summary>
    public DigitCount? Leading => Counts.OrderByDescending(c => c.Count).First() is { Count: > 1 } most ? most : null;

    public static DigitProfile Of(string digits)
    {
        ArgumentException.ThrowIfNullOrEmpty(digits);
        var values = digits.Select(c => c - '0').ToArray();
        var counts = values.CountBy(d => d).Select(pair => new DigitCount(pair.Key, pair.Value)).ToArray();
        var pairs = Enumerable.Range(0, digits.Length - 1).Select(i => digits.Substring(i, 2)).ToArray();
        var groups = digits.Length >= GroupFrom ? digits.Chunk(3).Select(g => new string(g)).ToArray() : [];
        return new DigitProfile(digits, counts, OrderOf(values), values[0], values[^1], values.Max(), values.Min(), pairs, groups, Classify(digits));
    }

    private static DigitOrder OrderOf(int[] values)
    {
        // The directions of each step, with level steps left out: + + - is "rising, then falling".
        var turns = new List<int>();
        for (var i = 1; i < values.Length; i++)
        {
            var step = Math.Sign(values[i] - values[i - 1]);
            if (step != 0 && (turns.Count == 0 || turns[^1] != step))
            {
                turns.Add(step);
            }
        }
        return turns switch
        {
            [] => DigitOrder.Level,
            [1] => DigitOrder.Rising,
            [-1] => DigitOrder.Falling,
            [1, -1] => DigitOrder.RisingThenFalling,
            [-1, 1] => DigitOrder.FallingThenRising,
            _ => DigitOrder.Zigzag,
        };
    }

    private static PatternClass Classify(string digits)
    {
        var length = digits.Length;
        if (length == 1)
        {
            return PatternClass.OneDigit;
        }
        if (digits.All(c => c == digits[0]))
        {
            return length == 2 ? PatternClass.TwoAlike : PatternClass.Repeating;
        }
        if (length >= 4 && digits[0] != digits[1] && Enumerable.Range(2, length - 2).All(i => digits[i] == digits[i - 2]))
        {
            return PatternClass.Alternating;
        }
        if (length >= 6 && Enumerable.Range(3, length / 2 - 2).Any(size => length % size == 0
            && Enumerable.Range(size, length - size).All(i => digits[i] == digits[i - size])))
        {
            return PatternClass.RepeatedGroup;
        }
        if (length >= 3 && digits.SequenceEqual(digits.Reverse()))
        {
            return length <= 4 ? PatternClass.Mirror : PatternClass.Palindrome;
        }
        if (length >= 3 && IsRun(digits, 1))
        {
            return PatternClass.AscendingRun;
        }
        if (length >= 3 && IsRun(digits, -1))
        {
            return PatternClass.DescendingRun;
        }
        if (length >= 4 && length % 2 == 0
            && Enumerable.Range(0, length / 2).All(i => digits[2 * i] == digits[(2 * i) + 1])
            && Enumerable.Range(1, (length / 2) - 1).All(i => digits[2 * i] != digits[(2 * i) - 1]))
        {
            return PatternClass.Pairs;
        }
        if (length >= 3 && digits[0] == digits[^1])
        {
            return PatternClass.Bookends;
        }
        return PatternClass.Mixed;
    }

    private static bool IsRun(string digits, int step) =>
        Enumerable.Range(1, digits.Length - 1).All(i => digits[i] - digits[i - 1] == step);
}

/// <summary>Where in the day an hour falls, as people speak of it.</summary>
public enum PartOfDay
{
    /// <summary>0:00 to 3:59.</summary>
    SmallHours,

    /// <summary>4:00 to 6:59.</summary>
    EarlyMorning,

    /// <summary>7:00 to 10:59.</summary>
    Morning,

    /// <summary>11:00 to 13:59.</summary>
    Midday,

    /// <summary>14:00 to 16:59.</summary>
    Afternoon,

    /// <summary>17:00 to 20:59.</summary>
    Evening,

    /// <summary>21:00 to 23:59.</summary>
    LateNight,
}

/// <summary>What the minute of a time repeats, if anything.</summary>
public enum MinuteEcho
{
    /// <summary>Nothing the tradition names.</summary>
    None,

    /// <summary>The minute is the hour again: 12:12.</summary>
    Hour,

    /// <summary>The minute is the hour reversed: 12:21.</summary>
    HourMirrored,

    /// <summary>The minute is one digit twice: 9:44.</summary>
    OwnDigit,

    /// <summary>The minute repeats the hour's last digit: 13:33, 21:11.</summary>
    HoursLastDigit,

    /// <summary>The minute shares a digit with the hour: 14:25.</summary>
    SharedDigit,

    /// <summary>On the hour: 9:00.</summary>
    OnTheHour,
}

/// <summary>The time of day a clock reading shows: the hour (0–23), where it falls in the day, and what the minute repeats.</summary>
public sealed record TimeOfDay(int Hour, PartOfDay PartOfDay, MinuteEcho MinuteEcho)
{
    public static TimeOfDay Of(ClockFace clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var hour = clock.HourOfDay ?? int.Parse(clock.Hour, System.Globalization.CultureInfo.InvariantCulture);
        var part = hour switch
        {
            < 4 => PartOfDay.SmallHours,
            < 7 => PartOfDay.EarlyMorning,
            < 11 => PartOfDay.Morning,
            < 14 => PartOfDay.Midday,
            < 17 => PartOfDay.Afternoon,
            < 21 => PartOfDay.Evening,
            _ => PartOfDay.LateNight,
        };
        var (h, m) = (clock.Hour, clock.Minute);
        MinuteEcho echo;
        if (m == h)
        {
            echo = MinuteEcho.Hour;
        }
        else if (m == new string([h[1], h[0]]))
        {
            echo = MinuteEcho.HourMirrored;
        }
        else if (m == "00")
        {
            echo = MinuteEcho.OnTheHour;
        }
        else if (m[0] == m[1] && m[0] == h[1])
        {
            echo = MinuteEcho.HoursLastDigit;
        }
        else if (m[0] == m[1])
        {
            echo = MinuteEcho.OwnDigit;
        }
        else
        {
            echo = m.Intersect(h).Any() ? MinuteEcho.SharedDigit : MinuteEcho.None;
        }
        return new TimeOfDay(hour, part, echo);
    }
}
