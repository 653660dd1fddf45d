using System.Globalization;

namespace Vybe.Web.Readings;

/// <summary>
/// Pythagorean numerology: digit sums reduced to 1–9, master numbers 11, 22 and 33 kept, karmic
/// debt numbers noted, patterns named. Pure: the same subject always gives the same facts.
/// </summary>
public static class NumerologyEngine
{
    public static readonly IReadOnlySet<int> MasterNumbers = new HashSet<int> { 11, 22, 33 };
    public static readonly IReadOnlySet<int> KarmicDebts = new HashSet<int> { 13, 14, 16, 19 };

    private const int MinimumPatternLength = 3;

    public static NumerologyFacts Read(ReadingSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var digits = subject.Digits;
        if (digits.Length is 0 or > NumberInput.MaxDigits || !digits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"A subject has 1 to {NumberInput.MaxDigits} ASCII digits, not '{digits}'.", nameof(subject));
        }

        var chain = ReductionChain(long.Parse(digits, CultureInfo.InvariantCulture));
        var core = (int)chain[^1];
        return new NumerologyFacts(
            Input: subject.Normalized,
            Digits: digits,
            DigitSum: digits.Sum(c => c - '0'),
            ReductionChain: chain,
            CoreNumber: core,
            IsMasterNumber: MasterNumbers.Contains(core),
            KarmicDebtNumbers: chain.Where(n => KarmicDebts.Contains((int)Math.Min(n, int.MaxValue))).Select(n => (int)n).Distinct().ToArray(),
            Patterns: Patterns(digits, subject.Clock),
            AngelNumber: NumberMeanings.FindAngelNumber(digits),
            Clock: subject.Clock);
    }

    public static ComparisonFacts Compare(NumerologyFacts first, NumerologyFacts second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var combined = (int)ReductionChain(first.CoreNumber + second.CoreNumber)[^1];
        return new ComparisonFacts(first, second, Relate(first.CoreNumber, second.CoreNumber), combined);
    }

    /// <summary>The number, then each digit sum, until one digit or a master number remains.</summary>
    public static IReadOnlyList<long> ReductionChain(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var chain = new List<long> { value };
        while (value > 9 && !MasterNumbers.Contains((int)Math.Min(value, int.MaxValue)))
        {
            value = DigitSum(value);
            chain.Add(value);
        }
        return chain;
    }

    /// <summary>Whether a reading can have this core number: 0–9, 11, 22 or 33.</summary>
    public static bool IsCoreNumber(int number) => number is >= 0 and <= 9 || MasterNumbers.Contains(number);

    /// <summary>A master number's root: 11 → 2, 22 → 4, 33 → 6; other numbers are their own root.</summary>
    public static int Root(int coreNumber) => MasterNumbers.Contains(coreNumber) ? (int)DigitSum(coreNumber) : coreNumber;

    private static long DigitSum(long value)
    {
        long sum = 0;
        for (; value > 0; value /= 10)
        {
            sum += value % 10;
        }
        return sum;
    }

    private static NumberRelation Relate(int first, int second)
    {
        if (first == second)
        {
            return NumberRelation.Same;
        }
        if (first == 0 || second == 0)
        {
            return NumberRelation.Potential;
        }
        var (firstRoot, secondRoot) = (Root(first), Root(second));
        if (firstRoot == secondRoot)
        {
            return NumberRelation.SharedRoot;
        }
        return Family(firstRoot) == Family(secondRoot) ? NumberRelation.SameFamily : NumberRelation.DifferentFamilies;
    }

    /// <summary>The three families of the compatibility tradition: 1-5-7, 2-4-8, 3-6-9.</summary>
    public static int Family(int root) => root switch
    {
        1 or 5 or 7 => 1,
        2 or 4 or 8 => 2,
        3 or 6 or 9 => 3,
        _ => 0,
    };

    private static List<NumberPattern> Patterns(string digits, ClockFace? clock)
    {
        var patterns = new List<NumberPattern>();
        if (clock is not null)
        {
            if (clock.Hour == clock.Minute)
            {
                patterns.Add(NumberPattern.DoubleHour);
            }
            else if (new string(clock.Hour.Reverse().ToArray()) == clock.Minute)
            {
                patterns.Add(NumberPattern.MirrorHour);
            }
        }

        var allOneDigit = digits.All(c => c == digits[0]);
        if (digits.Length >= MinimumPatternLength && allOneDigit)
        {
            patterns.Add(NumberPattern.RepeatingDigits);
        }
        if (!allOneDigit && IsRepeatedGroup(digits))
        {
            patterns.Add(NumberPattern.RepeatedGroup);
        }
        if (digits.Length >= MinimumPatternLength && !allOneDigit && digits.SequenceEqual(digits.Reverse()))
        {
            patterns.Add(NumberPattern.Palindrome);
        }
        if (digits.Length >= MinimumPatternLength && IsRun(digits, step: 1))
        {
            patterns.Add(NumberPattern.AscendingRun);
        }
        if (digits.Length >= MinimumPatternLength && IsRun(digits, step: -1))
        {
            patterns.Add(NumberPattern.DescendingRun);
        }
        return patterns;
    }

    private static bool IsRepeatedGroup(string digits)
    {
        for (var size = 2; size <= digits.Length / 2; size++)
        {
            if (digits.Length % size != 0)
            {
                continue;
            }
            var group = digits[..size];
            if (Enumerable.Range(1, (digits.Length / size) - 1).All(i => string.CompareOrdinal(digits, i * size, group, 0, size) == 0))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsRun(string digits, int step)
    {
        for (var i = 1; i < digits.Length; i++)
        {
            if (digits[i] - digits[i - 1] != step)
            {
                return false;
            }
        }
        return true;
    }
}
