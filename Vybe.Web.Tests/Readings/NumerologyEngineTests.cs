using System.Globalization;
using Vybe.Web.Readings;
using static Vybe.Web.Readings.NumberPattern;
using static Vybe.Web.Readings.ReadingKind;

namespace Vybe.Web.Tests.Readings;

/// <summary>
/// The engine checked against values worked out by hand from its definitions (PRODUCT.md, "The
/// numerology engine"), then against properties that must hold for every time and many numbers.
/// </summary>
public sealed class NumerologyEngineTests
{
    // Each expected value below was computed by hand, not by the engine:
    // kind, text as typed, digits read, reduction chain, core number, master?, karmic debts, patterns.
    public static TheoryData<ReadingKind, string, string, long[], int, bool, int[], NumberPattern[]> Cases => new()
    {
        // Times, 24-hour: the hour is read with two digits.
        { Time, "11:11", "1111", [1111, 4], 4, false, [], [DoubleHour, RepeatingDigits] },
        { Time, "09:55", "0955", [955, 19, 10, 1], 1, false, [19], [] },
        { Time, "9:55", "0955", [955, 19, 10, 1], 1, false, [19], [] },
        { Time, "12:21", "1221", [1221, 6], 6, false, [], [MirrorHour, Palindrome] },
        { Time, "10:01", "1001", [1001, 2], 2, false, [], [MirrorHour, Palindrome] },
        { Time, "21:12", "2112", [2112, 6], 6, false, [], [MirrorHour, Palindrome] },
        { Time, "13:31", "1331", [1331, 8], 8, false, [], [MirrorHour, Palindrome] },
        { Time, "22:22", "2222", [2222, 8], 8, false, [], [DoubleHour, RepeatingDigits] },
        { Time, "10:10", "1010", [1010, 2], 2, false, [], [DoubleHour, RepeatedGroup] },
        { Time, "00:00", "0000", [0], 0, false, [], [DoubleHour, RepeatingDigits] },
        { Time, "12:34", "1234", [1234, 10, 1], 1, false, [], [AscendingRun] },
        { Time, "01:23", "0123", [123, 6], 6, false, [], [AscendingRun] },
        { Time, "04:44", "0444", [444, 12, 3], 3, false, [], [] },
        { Time, "23:59", "2359", [2359, 19, 10, 1], 1, false, [19], [] },
        // Times, 12-hour: read as the clock shows them; the hour is zero-padded only for the clock face.
        { Time, "9:55 pm", "955", [955, 19, 10, 1], 1, false, [19], [] },
        { Time, "12:21 am", "1221", [1221, 6], 6, false, [], [MirrorHour, Palindrome] },
        { Time, "12:12 pm", "1212", [1212, 6], 6, false, [], [DoubleHour, RepeatedGroup] },
        { Time, "5:55 pm", "555", [555, 15, 6], 6, false, [], [RepeatingDigits] },
        { Time, "3:21 pm", "321", [321, 6], 6, false, [], [DescendingRun] },
        { Time, "1:10 am", "110", [110, 2], 2, false, [], [MirrorHour] },
        // Numbers: leading zeros kept in the digits, dropped when the digits are read as a number.
        { Number, "444", "444", [444, 12, 3], 3, false, [], [RepeatingDigits] },
        { Number, "1111", "1111", [1111, 4], 4, false, [], [RepeatingDigits] },
        { Number, "1212", "1212", [1212, 6], 6, false, [], [RepeatedGroup] },
        { Number, "1234", "1234", [1234, 10, 1], 1, false, [], [AscendingRun] },
        { Number, "12 34", "1234", [1234, 10, 1], 1, false, [], [AscendingRun] },
        { Number, "4321", "4321", [4321, 10, 1], 1, false, [], [DescendingRun] },
        { Number, "9876", "9876", [9876, 30, 3], 3, false, [], [DescendingRun] },
        { Number, "789", "789", [789, 24, 6], 6, false, [], [AscendingRun] },
        { Number, "1010", "1010", [1010, 2], 2, false, [], [RepeatedGroup] },
        { Number, "123123", "123123", [123123, 12, 3], 3, false, [], [RepeatedGroup] },
        { Number, "1313", "1313", [1313, 8], 8, false, [], [RepeatedGroup] },
        { Number, "12321", "12321", [12321, 9], 9, false, [], [Palindrome] },
        { Number, "1221", "1221", [1221, 6], 6, false, [], [Palindrome] },
        { Number, "0955", "0955", [955, 19, 10, 1], 1, false, [19], [] },
        { Number, "0777", "0777", [777, 21, 3], 3, false, [], [] },
        { Number, "0001", "0001", [1], 1, false, [], [] },
        { Number, "000", "000", [0], 0, false, [], [RepeatingDigits] },
        { Number, "0", "0", [0], 0, false, [], [] },
        { Number, "7", "7", [7], 7, false, [], [] },
        { Number, "10", "10", [10, 1], 1, false, [], [] },
        // Master numbers are kept, whether typed or reached.
        { Number, "11", "11", [11], 11, true, [], [] },
        { Number, "22", "22", [22], 22, true, [], [] },
        { Number, "33", "33", [33], 33, true, [], [] },
        { Number, "29", "29", [29, 11], 11, true, [], [] },
        { Number, "38", "38", [38, 11], 11, true, [], [] },
        { Number, "2929", "2929", [2929, 22], 22, true, [], [RepeatedGroup] },
        { Number, "6999", "6999", [6999, 33], 33, true, [], [] },
        // Karmic debt numbers, typed or met on the way down.
        { Number, "13", "13", [13, 4], 4, false, [13], [] },
        { Number, "14", "14", [14, 5], 5, false, [14], [] },
        { Number, "16", "16", [16, 7], 7, false, [16], [] },
        { Number, "19", "19", [19, 10, 1], 1, false, [19], [] },
        { Number, "49", "49", [49, 13, 4], 4, false, [13], [] },
        { Number, "58", "58", [58, 13, 4], 4, false, [13], [] },
        { Number, "68", "68", [68, 14, 5], 5, false, [14], [] },
        { Number, "79", "79", [79, 16, 7], 7, false, [16], [] },
        { Number, "199", "199", [199, 19, 10, 1], 1, false, [19], [] },
        // Long numbers.
        { Number, "99999", "99999", [99999, 45, 9], 9, false, [], [RepeatingDigits] },
        { Number, "123456789012", "123456789012", [123456789012, 48, 12, 3], 3, false, [], [] },
        { Number, "999999999999", "999999999999", [999999999999, 108, 9], 9, false, [], [RepeatingDigits] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reading_gives_the_hand_computed_digits_chain_core_master_karmic_and_patterns(
        ReadingKind kind, string text, string digits, long[] chain, int core, bool master, int[] karmic, NumberPattern[] patterns)
    {
        var facts = NumerologyEngine.Read(Subject(kind, text));

        Assert.Equal(digits, facts.Digits);
        Assert.Equal(chain, facts.ReductionChain);
        Assert.Equal(core, facts.CoreNumber);
        Assert.Equal(master, facts.IsMasterNumber);
        Assert.Equal(karmic, facts.KarmicDebtNumbers);
        Assert.Equal(karmic.Length > 0, facts.IsKarmicDebt);
        Assert.Equal(patterns, facts.Patterns);
        Assert.Equal(digits.Sum(c => c - '0'), facts.DigitSum);
    }

    [Fact]
    public void The_case_table_covers_the_required_inputs()
    {
        var texts = Cases.Select(row => (string)row[1]).ToList();
        string[] required =
        [
            "11:11", "09:55", "9:55", "12:21", "10:01", "21:12", "22:22", "00:00", "12:34", "9:55 pm", "12:21 am",
            "444", "1111", "1212", "1234", "4321", "000", "29", "38", "13", "14", "16", "19", "49", "68", "79", "199",
            "11", "22", "33", "99999", "123456789012", "999999999999", "1010", "123123", "12321", "789", "0", "7", "10",
        ];

        Assert.True(texts.Count >= 45, $"Only {texts.Count} cases.");
        Assert.Equal(texts.Count, texts.Distinct().Count());
        Assert.Empty(required.Except(texts));
    }

    [Fact]
    public void Facts_spell_the_sum_and_the_chain_as_a_person_writes_them()
    {
        var facts = NumerologyEngine.Read(Subject(Time, "09:55"));

        Assert.Equal("09:55", facts.Input);
        Assert.Equal("0 + 9 + 5 + 5 = 19", facts.SumText);
        Assert.Equal("0955 → 19 → 10 → 1", facts.ReductionText);
    }

    [Fact]
    public void Reading_a_subject_that_no_parser_could_produce_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => NumerologyEngine.Read(null!));
        Assert.Throws<ArgumentException>(() => NumerologyEngine.Read(new ReadingSubject("", "", null)));
        Assert.Throws<ArgumentException>(() => NumerologyEngine.Read(new ReadingSubject("12a", "12a", null)));
        Assert.Throws<ArgumentException>(() => NumerologyEngine.Read(new ReadingSubject("1234567890123", "1234567890123", null)));
    }

    // ---- Properties over generated inputs -------------------------------------------------------

    private static readonly int[] PossibleCores = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 22, 33];

    /// <summary>
    /// Every 24-hour time, every 12-hour time, every all-zero number of 1–12 digits, and a few
    /// thousand numbers of 1–12 digits from a fixed seed (about one in ten starts with a zero).
    /// </summary>
    private static IEnumerable<(ReadingKind Kind, string Text)> GeneratedInputs()
    {
        for (var hour = 0; hour < 24; hour++)
        {
            for (var minute = 0; minute < 60; minute++)
            {
                yield return (Time, string.Create(CultureInfo.InvariantCulture, $"{hour:00}:{minute:00}"));
            }
        }
        foreach (var meridiem in new[] { "am", "pm" })
        {
            for (var hour = 1; hour <= 12; hour++)
            {
                for (var minute = 0; minute < 60; minute++)
                {
                    yield return (Time, string.Create(CultureInfo.InvariantCulture, $"{hour}:{minute:00} {meridiem}"));
                }
            }
        }
        for (var length = 1; length <= NumberInput.MaxDigits; length++)
        {
            yield return (Number, new string('0', length));
        }

        var random = new Random(20261126);
        for (var i = 0; i < 4000; i++)
        {
            var length = random.Next(1, NumberInput.MaxDigits + 1);
            var digits = new char[length];
            for (var j = 0; j < length; j++)
            {
                digits[j] = (char)('0' + random.Next(10));
            }
            if (i % 10 == 0)
            {
                digits[0] = '0';
            }
            yield return (Number, new string(digits));
        }
    }

    [Fact]
    public void The_same_input_always_gives_equal_facts()
    {
        foreach (var (kind, text) in GeneratedInputs())
        {
            var first = NumerologyEngine.Read(Subject(kind, text));
            var second = NumerologyEngine.Read(Subject(kind, text));

            Assert.Equal(first.Input, second.Input);
            Assert.Equal(first.Digits, second.Digits);
            Assert.Equal(first.DigitSum, second.DigitSum);
            Assert.True(first.ReductionChain.SequenceEqual(second.ReductionChain), text);
            Assert.Equal(first.CoreNumber, second.CoreNumber);
            Assert.Equal(first.IsMasterNumber, second.IsMasterNumber);
            Assert.True(first.KarmicDebtNumbers.SequenceEqual(second.KarmicDebtNumbers), text);
            Assert.True(first.Patterns.SequenceEqual(second.Patterns), text);
            Assert.Equal(first.AngelNumber, second.AngelNumber);
        }
    }

    [Fact]
    public void The_core_number_is_one_to_nine_or_a_master_number_and_zero_exactly_for_all_zero_digits()
    {
        foreach (var (kind, text) in GeneratedInputs())
        {
            var facts = NumerologyEngine.Read(Subject(kind, text));
            var allZero = facts.Digits.All(c => c == '0');

            Assert.Contains(facts.CoreNumber, PossibleCores);
            Assert.True(allZero == (facts.CoreNumber == 0), $"{text}: core {facts.CoreNumber}");
            Assert.True(facts.IsMasterNumber == (facts.CoreNumber is 11 or 22 or 33), text);
        }
    }

    [Fact]
    public void The_chain_starts_with_the_digits_as_a_number_steps_by_digit_sums_and_ends_in_the_core()
    {
        foreach (var (kind, text) in GeneratedInputs())
        {
            var facts = NumerologyEngine.Read(Subject(kind, text));
            var chain = facts.ReductionChain;

            Assert.True(chain.Count > 0, text);
            Assert.True(chain[0] == long.Parse(facts.Digits, CultureInfo.InvariantCulture), text);
            Assert.True(chain[^1] == facts.CoreNumber, text);
            for (var i = 1; i < chain.Count; i++)
            {
                Assert.True(chain[i] == SumOfDigits(chain[i - 1]), $"{text}: step {i} of {string.Join(", ", chain)}");
            }
            // It stops at the first single digit or master number, not before and not after.
            for (var i = 0; i < chain.Count - 1; i++)
            {
                Assert.True(chain[i] > 9 && chain[i] is not (11 or 22 or 33), $"{text}: went on past {chain[i]}");
            }
        }
    }

    [Fact]
    public void The_digit_sum_is_the_sum_of_the_digits_and_karmic_debts_are_those_in_the_chain()
    {
        foreach (var (kind, text) in GeneratedInputs())
        {
            var facts = NumerologyEngine.Read(Subject(kind, text));

            Assert.True(facts.DigitSum == facts.Digits.Sum(c => c - '0'), text);
            var karmic = facts.ReductionChain.Where(n => n is 13 or 14 or 16 or 19).Select(n => (int)n).Distinct();
            Assert.True(karmic.SequenceEqual(facts.KarmicDebtNumbers), text);
        }
    }

    // ---- Compare -------------------------------------------------------------------------------

    // First number, second number (as typed), relation, combined number — worked out by hand.
    public static TheoryData<string, string, NumberRelation, int> Comparisons => new()
    {
        // Same core: 444 → 3 and 12 → 3; 3 + 3 = 6.
        { "444", "12", NumberRelation.Same, 6 },
        // Same master: 29 → 11 and 11; 11 + 11 = 22, a master number, kept.
        { "29", "11", NumberRelation.Same, 22 },
        // Both zero: the same core, 0 + 0 = 0.
        { "000", "0", NumberRelation.Same, 0 },
        // One is zero: potential; 0 + 7 = 7, 0 + 33 = 33 (kept).
        { "000", "7", NumberRelation.Potential, 7 },
        { "33", "0", NumberRelation.Potential, 33 },
        // A master number and its root: 11 & 2 → 13 → 4; 22 & 4 → 26 → 8; 33 & 6 → 39 → 12 → 3.
        { "11", "2", NumberRelation.SharedRoot, 4 },
        { "2929", "4", NumberRelation.SharedRoot, 8 },
        { "6", "33", NumberRelation.SharedRoot, 3 },
        // One family: 1 & 5 → 6; 2 & 8 → 10 → 1; 3 & 9 → 12 → 3; 11 (root 2) & 8 → 19 → 10 → 1; 22 (root 4) & 11 (root 2) → 33.
        { "10", "5", NumberRelation.SameFamily, 6 },
        { "2", "8", NumberRelation.SameFamily, 1 },
        { "3", "9", NumberRelation.SameFamily, 3 },
        { "38", "8", NumberRelation.SameFamily, 1 },
        { "22", "11", NumberRelation.SameFamily, 33 },
        // Different families: 1 & 2 → 3; 4 & 7 → 11 (kept); 5 & 6 → 11 (kept); 9 & 8 → 17 → 8.
        { "1", "2", NumberRelation.DifferentFamilies, 3 },
        { "4", "7", NumberRelation.DifferentFamilies, 11 },
        { "14", "6", NumberRelation.DifferentFamilies, 11 },
        { "99999", "8", NumberRelation.DifferentFamilies, 8 },
    };

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void Compare_relates_the_core_numbers_and_reduces_their_sum_keeping_masters(string first, string second, NumberRelation relation, int combined)
    {
        var a = NumerologyEngine.Read(Subject(Number, first));
        var b = NumerologyEngine.Read(Subject(Number, second));

        var comparison = NumerologyEngine.Compare(a, b);
        var reversed = NumerologyEngine.Compare(b, a);

        Assert.Same(a, comparison.First);
        Assert.Same(b, comparison.Second);
        Assert.Equal(relation, comparison.Relation);
        Assert.Equal(combined, comparison.CombinedNumber);
        Assert.Equal(relation, reversed.Relation);
        Assert.Equal(combined, reversed.CombinedNumber);
    }

    [Fact]
    public void Compare_works_across_a_time_and_a_number()
    {
        // 11:11 → 4 and 1111 → 4: the same core, 4 + 4 = 8.
        var comparison = NumerologyEngine.Compare(NumerologyEngine.Read(Subject(Time, "11:11")), NumerologyEngine.Read(Subject(Number, "1111")));

        Assert.Equal(NumberRelation.Same, comparison.Relation);
        Assert.Equal(8, comparison.CombinedNumber);
    }

    // ---- Helpers -------------------------------------------------------------------------------

    private static ReadingSubject Subject(ReadingKind kind, string text)
    {
        switch (kind)
        {
            case Time:
                Assert.True(TimeInput.TryParse(text, out var time, out var timeError), $"'{text}' was refused: {timeError}");
                return time.ToSubject();
            case Number:
                Assert.True(NumberInput.TryParse(text, out var number, out var numberError), $"'{text}' was refused: {numberError}");
                return number.ToSubject();
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only times and numbers are read directly.");
        }
    }

    private static long SumOfDigits(long value)
    {
        var sum = 0L;
        foreach (var c in value.ToString(CultureInfo.InvariantCulture))
        {
            sum += c - '0';
        }
        return sum;
    }
}
