using System.Globalization;
using System.Text.RegularExpressions;
using Vybe.Web.Readings;

namespace Vybe.Web.Tests.Readings;

public sealed partial class BuiltInReadingWriterTests
{
    private static readonly string[] DeepHeadings = ["The numbers", "The pattern", "Themes", "Guidance", "Questions for reflection"];
    private static readonly string[] ComparisonHeadings = ["The two numbers", "How they relate", "Together", "Guidance", "Questions for reflection"];

    private readonly BuiltInReadingWriter writer = new();

    /// <summary>Times and numbers that reach every branch: master, karmic, zero, leading zeros, each pattern, angel numbers, 12 digits.</summary>
    private static readonly string[] SampleInputs =
    [
        "11:11", "09:55", "9:55 pm", "12:21", "10:10", "00:00", "04:44", "12:34", "21:12", "23:59",
        "000", "0", "7", "11", "22", "33", "29", "3899", "444", "4444", "1212", "1234", "4321", "12321",
        "13", "14", "16", "19", "0013", "007", "0011", "55", "999999999999", "11111111111", "22222222222",
    ];

    public static TheoryData<string> Inputs => new(SampleInputs);

    public static TheoryData<int> CoreNumbers => new() { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 22, 33 };

    /// <summary>Every entry of the angel-number dictionary.</summary>
    public static TheoryData<string> AngelNumbers => new(Vybe.Web.Readings.AngelNumbers.All.Select(a => a.Digits).Order(StringComparer.Ordinal));

    public static TheoryData<string, string> Comparisons => new()
    {
        { "11:11", "1111" },
        { "29", "2" },
        { "1", "5" },
        { "11", "4" },
        { "1", "2" },
        { "22", "33" },
        { "000", "7" },
        { "000", "00" },
    };

    public static TheoryData<string, ReadingDepth> InputsAtEveryDepth
    {
        get
        {
            var data = new TheoryData<string, ReadingDepth>();
            foreach (var input in SampleInputs)
            {
                foreach (var depth in ReadingDepths.All)
                {
                    data.Add(input, depth);
                }
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(InputsAtEveryDepth))]
    public async Task Same_facts_and_depth_always_give_the_same_text(string input, ReadingDepth depth)
    {
        var first = await new BuiltInReadingWriter().WriteAsync(Facts(input), depth, CancellationToken.None);
        var second = await new BuiltInReadingWriter().WriteAsync(Facts(input), depth, CancellationToken.None);

        Assert.Equal(Flatten(first), Flatten(second));
    }

    [Fact]
    public async Task Writer_names_itself_built_in_and_adds_no_note()
    {
        var reading = await writer.WriteAsync(Facts("11:11"), ReadingDepth.Standard, CancellationToken.None);
        var comparison = await writer.WriteComparisonAsync(Compare("11:11", "444"), ReadingDepth.Standard, CancellationToken.None);

        Assert.Equal("built-in", BuiltInReadingWriter.Name);
        Assert.Equal("built-in", reading.Writer);
        Assert.Equal("built-in", comparison.Writer);
        Assert.Null(reading.Note);
        Assert.Null(comparison.Note);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Lite_reading_is_one_section_of_one_or_two_sentences(string input)
    {
        var reading = await writer.WriteAsync(Facts(input), ReadingDepth.Lite, CancellationToken.None);

        var section = Assert.Single(reading.Sections);
        Assert.Equal("", section.Heading);
        Assert.Empty(section.Points);
        Assert.InRange(SentenceCount(section.Body), 1, 2);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Standard_reading_is_one_paragraph_of_four_to_seven_sentences(string input)
    {
        var reading = await writer.WriteAsync(Facts(input), ReadingDepth.Standard, CancellationToken.None);

        var section = Assert.Single(reading.Sections);
        Assert.Equal("", section.Heading);
        Assert.Empty(section.Points);
        Assert.DoesNotContain('\n', section.Body);
        Assert.InRange(SentenceCount(section.Body), 4, 7);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Deep_reading_has_the_five_sections_in_order(string input)
    {
        var reading = await writer.WriteAsync(Facts(input), ReadingDepth.Deep, CancellationToken.None);

        Assert.Equal(DeepHeadings, reading.Sections.Select(s => s.Heading));
        Assert.All(reading.Sections, s => Assert.False(string.IsNullOrWhiteSpace(s.Body)));
        var questions = reading.Sections[^1];
        Assert.Equal(1, SentenceCount(questions.Body));
        Assert.Equal(3, questions.Points.Count);
        Assert.All(questions.Points, q => Assert.EndsWith("?", q, StringComparison.Ordinal));
        Assert.All(reading.Sections.SkipLast(1), s => Assert.Empty(s.Points));
    }

    [Theory]
    [MemberData(nameof(CoreNumbers))]
    public void Every_core_number_has_a_complete_meaning(int number)
    {
        var meaning = NumberMeanings.For(number);

        Assert.Equal(number, meaning.Number);
        Assert.StartsWith("The ", meaning.Name, StringComparison.Ordinal);
        Assert.InRange(meaning.Keywords.Count, 3, 5);
        Assert.All(meaning.Keywords, k => Assert.False(string.IsNullOrWhiteSpace(k)));
        Assert.Equal(1, SentenceCount(meaning.Essence));
        Assert.InRange(SentenceCount(meaning.Themes), 2, 3);
        Assert.Equal(2, SentenceCount(meaning.Guidance));
        Assert.Equal(1, SentenceCount(meaning.Shadow));
        Assert.Equal(3, meaning.Questions.Count);
        Assert.All(meaning.Questions, q => Assert.EndsWith("?", q, StringComparison.Ordinal));
        Assert.Equal(meaning.Questions.Count, meaning.Questions.Distinct().Count());
    }

    [Theory]
    [InlineData(10)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(44)]
    [InlineData(-1)]
    public void Meanings_exist_only_for_core_numbers(int number)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NumberMeanings.For(number));
    }

    [Theory]
    [MemberData(nameof(AngelNumbers))]
    public void Every_angel_number_has_a_complete_meaning(string digits)
    {
        var angel = NumberMeanings.Angel(digits);

        Assert.NotNull(angel);
        Assert.Equal(digits, angel.Digits);
        Assert.Equal(digits, NumberMeanings.FindAngelNumber(digits));
        Assert.Equal(digits, NumerologyEngine.Read(new ReadingSubject(digits, digits, null)).AngelNumber);
        Assert.StartsWith("The ", angel.Name, StringComparison.Ordinal);
        Assert.InRange(angel.Keywords.Count, 3, 5);
        Assert.All(angel.Keywords, k => Assert.Equal(k.Trim().ToLowerInvariant(), k));
        Assert.Equal(2, SentenceCount(angel.Message));
        Assert.Contains(digits, angel.Message, StringComparison.Ordinal);
        Assert.Equal(1, SentenceCount(angel.OwnSentence));
        Assert.StartsWith(angel.OwnSentence, angel.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_angel_dictionary_covers_every_family_and_no_two_entries_share_a_name_or_a_first_sentence()
    {
        var all = Vybe.Web.Readings.AngelNumbers.All;
        string[] required =
        [
            "000", "111", "999", "101", "121", "989", "123", "789", "321", "987", "012", "210",
            "0000", "1111", "9999", "1010", "1212", "2323", "9898", "1221", "1001", "9889", "1122", "2211", "9988",
            "0123", "1234", "6789", "3210", "4321", "9876",
        ];

        Assert.Empty(required.Except(all.Select(a => a.Digits)));
        Assert.Equal(all.Count, all.Select(a => a.Name).Distinct().Count());
        Assert.Equal(all.Count, all.Select(a => a.OwnSentence).Distinct().Count());
        Assert.True(all.Count >= 350, $"Only {all.Count} entries.");
    }

    [Theory]
    [MemberData(nameof(AngelNumbers))]
    public async Task Every_angel_reading_passes_the_check_the_OpenAI_writer_is_held_to(string digits)
    {
        await AssertPassesTheOutputCheck(Facts(digits));
    }

    [Theory]
    [MemberData(nameof(AngelNumbers))]
    public async Task Angel_number_is_named_at_every_depth(string digits)
    {
        var facts = Facts(digits);
        foreach (var depth in ReadingDepths.All)
        {
            var reading = await writer.WriteAsync(facts, depth, CancellationToken.None);
            Assert.Contains($"angel number {digits}", Text(reading), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Deep_reading_of_11_11_shows_the_sum_the_chain_and_the_angel_number()
    {
        var reading = await writer.WriteAsync(Facts("11:11"), ReadingDepth.Deep, CancellationToken.None);

        var numbers = Section(reading, "The numbers").Body;
        Assert.Contains("1 + 1 + 1 + 1 = 4", numbers, StringComparison.Ordinal);
        Assert.Contains("1111 → 4", numbers, StringComparison.Ordinal);
        Assert.Contains("4, the Builder", numbers, StringComparison.Ordinal);
        var pattern = Section(reading, "The pattern").Body;
        Assert.Contains("double hour", pattern, StringComparison.Ordinal);
        Assert.Contains("the angel number 1111", pattern, StringComparison.Ordinal);
        Assert.Contains("the 1 appears four times", pattern, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Lite_reading_of_11_11_names_the_core_number_and_the_angel_number()
    {
        var reading = await writer.WriteAsync(Facts("11:11"), ReadingDepth.Lite, CancellationToken.None);

        var body = Assert.Single(reading.Sections).Body;
        Assert.StartsWith("11:11 reduces to 4, the Builder", body, StringComparison.Ordinal);
        Assert.Contains("angel number 1111", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deep_reading_of_09_55_explains_karmic_debt_19()
    {
        var reading = await writer.WriteAsync(Facts("09:55"), ReadingDepth.Deep, CancellationToken.None);

        var numbers = Section(reading, "The numbers").Body;
        Assert.Contains("0 + 9 + 5 + 5 = 19", numbers, StringComparison.Ordinal);
        Assert.Contains("0955 → 19 → 10 → 1", numbers, StringComparison.Ordinal);
        Assert.Contains("19, one of the karmic debt numbers", numbers, StringComparison.Ordinal);
        Assert.Contains("independence and asking for help", numbers, StringComparison.Ordinal);
        Assert.Contains("With 19 in the chain", Section(reading, "Guidance").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_reading_of_09_55_mentions_karmic_debt_19()
    {
        var reading = await writer.WriteAsync(Facts("09:55"), ReadingDepth.Standard, CancellationToken.None);

        Assert.Contains("19, a karmic debt number", Text(reading), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("13", "work and diligence")]
    [InlineData("14", "freedom and moderation")]
    [InlineData("16", "ego and rebuilding")]
    [InlineData("4444", "ego and rebuilding")]
    [InlineData("19", "independence and asking for help")]
    public async Task Each_karmic_debt_number_is_explained_where_it_appears(string input, string theme)
    {
        var facts = Facts(input);
        var reading = await writer.WriteAsync(facts, ReadingDepth.Deep, CancellationToken.None);

        var debt = Assert.Single(facts.KarmicDebtNumbers);
        var numbers = Section(reading, "The numbers").Body;
        Assert.Contains($"Traditions link {debt} with {theme}", numbers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Karmic_debt_that_is_the_number_itself_is_not_passed_through()
    {
        var reading = await writer.WriteAsync(Facts("13"), ReadingDepth.Standard, CancellationToken.None);

        var text = Text(reading);
        Assert.Contains("13 is itself a karmic debt number", text, StringComparison.Ordinal);
        Assert.DoesNotContain("passes through 13", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReadingDepth.Lite)]
    [InlineData(ReadingDepth.Standard)]
    [InlineData(ReadingDepth.Deep)]
    public async Task Reading_of_29_names_master_number_11(ReadingDepth depth)
    {
        var reading = await writer.WriteAsync(Facts("29"), depth, CancellationToken.None);

        var text = Text(reading);
        Assert.Contains("11, the master number", text, StringComparison.Ordinal);
        if (depth == ReadingDepth.Deep)
        {
            var numbers = Section(reading, "The numbers").Body;
            Assert.Contains("29 → 11", numbers, StringComparison.Ordinal);
            Assert.Contains("its root, 2, the Peacemaker", numbers, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("000")]
    [InlineData("0")]
    [InlineData("00:00")]
    public async Task Deep_reading_of_all_zeros_explains_the_exception(string input)
    {
        var reading = await writer.WriteAsync(Facts(input), ReadingDepth.Deep, CancellationToken.None);

        var numbers = Section(reading, "The numbers").Body;
        Assert.Contains("one exception", numbers, StringComparison.Ordinal);
        Assert.Contains("keeps 0 as its core number", numbers, StringComparison.Ordinal);
        Assert.Contains("potential", numbers, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("11:11", NumberPattern.DoubleHour, "is a double hour")]
    [InlineData("12:21", NumberPattern.MirrorHour, "is a mirror hour")]
    [InlineData("444", NumberPattern.RepeatingDigits, "The 4 appears three times")]
    [InlineData("123123", NumberPattern.RepeatedGroup, "The group 123 appears twice")]
    [InlineData("12321", NumberPattern.Palindrome, "read the same forwards and backwards")]
    [InlineData("1234", NumberPattern.AscendingRun, "each one step higher than the last")]
    [InlineData("4321", NumberPattern.DescendingRun, "each one lower than the last")]
    public async Task Each_pattern_is_explained_in_the_pattern_section(string input, NumberPattern pattern, string expected)
    {
        var facts = Facts(input);
        Assert.Contains(pattern, facts.Patterns);

        var reading = await writer.WriteAsync(facts, ReadingDepth.Deep, CancellationToken.None);

        Assert.Contains(expected, Section(reading, "The pattern").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deep_reading_of_12_21_explains_both_of_its_patterns()
    {
        var reading = await writer.WriteAsync(Facts("12:21"), ReadingDepth.Deep, CancellationToken.None);

        var pattern = Section(reading, "The pattern").Body;
        Assert.Contains("mirror hour", pattern, StringComparison.Ordinal);
        Assert.Contains("12:21 is a mirror: the 1 of beginnings stands at both ends", pattern, StringComparison.Ordinal);
        Assert.Contains("The minute mirrors the hour", pattern, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("09:55")]
    [InlineData("29")]
    public async Task Deep_reading_without_a_pattern_says_so_and_describes_the_mix(string input)
    {
        var facts = Facts(input);
        Assert.Empty(facts.Patterns);

        var reading = await writer.WriteAsync(facts, ReadingDepth.Deep, CancellationToken.None);

        var pattern = Section(reading, "The pattern").Body;
        Assert.Contains("named pattern", pattern, StringComparison.Ordinal);
        Assert.Contains("Between them", pattern, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InputsAtEveryDepth))]
    public async Task Every_reading_mentions_its_core_number(string input, ReadingDepth depth)
    {
        var facts = Facts(input);
        var reading = await writer.WriteAsync(facts, depth, CancellationToken.None);

        Assert.Matches(NumberAsWord(facts.CoreNumber), Text(reading));
    }

    [Theory]
    [MemberData(nameof(InputsAtEveryDepth))]
    public async Task No_reading_contains_markup_or_placeholder_text(string input, ReadingDepth depth)
    {
        var reading = await writer.WriteAsync(Facts(input), depth, CancellationToken.None);

        AssertCleanProse(reading);
    }

    [Theory]
    [InlineData("11:11", "1111", NumberRelation.Same, "same core number")]
    [InlineData("000", "00", NumberRelation.Same, "same core number")]
    [InlineData("29", "2", NumberRelation.SharedRoot, "same note played in two octaves")]
    [InlineData("1", "5", NumberRelation.SameFamily, "both belong to the seekers (1, 5 and 7)")]
    [InlineData("11", "4", NumberRelation.SameFamily, "both belong to the builders (2, 4 and 8)")]
    [InlineData("3", "9", NumberRelation.SameFamily, "both belong to the carers (3, 6 and 9)")]
    [InlineData("1", "2", NumberRelation.DifferentFamilies, "different directions")]
    [InlineData("000", "7", NumberRelation.Potential, "number of potential")]
    public async Task Comparison_words_each_relation_at_every_depth(string first, string second, NumberRelation relation, string expected)
    {
        var comparison = Compare(first, second);
        Assert.Equal(relation, comparison.Relation);

        foreach (var depth in ReadingDepths.All)
        {
            var reading = await writer.WriteComparisonAsync(comparison, depth, CancellationToken.None);
            var text = depth == ReadingDepth.Deep ? Section(reading, "How they relate").Body : Text(reading);
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Comparison_of_different_families_names_both_families()
    {
        var reading = await writer.WriteComparisonAsync(Compare("1", "2"), ReadingDepth.Deep, CancellationToken.None);

        var relation = Section(reading, "How they relate").Body;
        Assert.Contains("the seekers (1, 5 and 7)", relation, StringComparison.Ordinal);
        Assert.Contains("the builders (2, 4 and 8)", relation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Lite")]
    [InlineData("Standard")]
    [InlineData("Deep")]
    public async Task Built_in_readings_have_the_headings_of_the_shape_the_OpenAI_writer_is_held_to(string depthName)
    {
        var depth = Enum.Parse<ReadingDepth>(depthName);

        var reading = await writer.WriteAsync(Facts("11:11"), depth, CancellationToken.None);
        var comparison = await writer.WriteComparisonAsync(Compare("11:11", "1234"), depth, CancellationToken.None);

        Assert.Equal(ReadingShape.For(depth, comparison: false).Headings, reading.Sections.Select(s => s.Heading));
        Assert.Equal(ReadingShape.For(depth, comparison: true).Headings, comparison.Sections.Select(s => s.Heading));
    }

    [Theory]
    [MemberData(nameof(Comparisons))]
    public async Task Comparison_has_the_shape_of_its_depth(string first, string second)
    {
        var comparison = Compare(first, second);

        var lite = await writer.WriteComparisonAsync(comparison, ReadingDepth.Lite, CancellationToken.None);
        var standard = await writer.WriteComparisonAsync(comparison, ReadingDepth.Standard, CancellationToken.None);
        var deep = await writer.WriteComparisonAsync(comparison, ReadingDepth.Deep, CancellationToken.None);

        Assert.InRange(SentenceCount(Assert.Single(lite.Sections).Body), 1, 2);
        Assert.InRange(SentenceCount(Assert.Single(standard.Sections).Body), 4, 7);
        Assert.Equal(ComparisonHeadings, deep.Sections.Select(s => s.Heading));
        Assert.Equal(3, deep.Sections[^1].Points.Count);
        Assert.Contains(
            $"{comparison.CombinedNumber.ToString(CultureInfo.InvariantCulture)}, ",
            Section(deep, "Together").Body,
            StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Comparisons))]
    public async Task Comparison_mentions_both_core_numbers_and_stays_deterministic(string first, string second)
    {
        var comparison = Compare(first, second);
        foreach (var depth in ReadingDepths.All)
        {
            var reading = await writer.WriteComparisonAsync(comparison, depth, CancellationToken.None);
            var again = await new BuiltInReadingWriter().WriteComparisonAsync(Compare(first, second), depth, CancellationToken.None);

            Assert.Equal(Flatten(reading), Flatten(again));
            Assert.Matches(NumberAsWord(comparison.First.CoreNumber), Text(reading));
            Assert.Matches(NumberAsWord(comparison.Second.CoreNumber), Text(reading));
            AssertCleanProse(reading);
        }
    }

    [Fact]
    public async Task Deep_comparison_shows_each_chain()
    {
        var reading = await writer.WriteComparisonAsync(Compare("11:11", "09:55"), ReadingDepth.Deep, CancellationToken.None);

        var numbers = Section(reading, "The two numbers").Body;
        Assert.Contains("1111 → 4", numbers, StringComparison.Ordinal);
        Assert.Contains("0955 → 19 → 10 → 1", numbers, StringComparison.Ordinal);
        Assert.Contains("karmic debt", numbers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_clock_time_gets_a_well_formed_reading_at_every_depth()
    {
        var times = Enumerable.Range(0, 24 * 60)
            .Select(m => $"{m / 60:00}:{m % 60:00}")
            .Concat(Enumerable.Range(0, 12 * 60).SelectMany(m => new[] { $"{(m / 60) + 1}:{m % 60:00} am", $"{(m / 60) + 1}:{m % 60:00} pm" }));
        foreach (var time in times)
        {
            await AssertWellFormedAtEveryDepth(Facts(time));
        }
    }

    [Fact]
    public async Task Every_number_up_to_four_digits_gets_a_well_formed_reading_at_every_depth()
    {
        var numbers = Enumerable.Range(0, 10_000)
            .SelectMany(n => new[] { n.ToString(CultureInfo.InvariantCulture), n.ToString("0000", CultureInfo.InvariantCulture) })
            .Distinct();
        foreach (var number in numbers)
        {
            await AssertWellFormedAtEveryDepth(Facts(number));
        }
    }

    [Theory]
    [InlineData("1212", "alternates: the 1 of beginnings and the 2 of partnership take turns")]
    [InlineData("121", "is a mirror: the 1 of beginnings stands at both ends and the 2 of partnership at its centre")]
    [InlineData("1122", "is made of doubled pairs, the 1 of beginnings and the 2 of partnership")]
    [InlineData("15951", "read the same forwards and backwards")]
    [InlineData("40794", "begins and ends with the 4 of foundations, like bookends")]
    [InlineData("55", "The 5 of change appears twice")]
    public async Task Each_pattern_class_has_its_own_lines(string input, string expected)
    {
        var reading = await writer.WriteAsync(Facts(input), ReadingDepth.Deep, CancellationToken.None);

        Assert.Contains(expected, Section(reading, "The pattern").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deep_reading_of_317_speaks_of_its_digits_their_order_and_its_pairs()
    {
        var numbers = Section(await writer.WriteAsync(Facts("317"), ReadingDepth.Deep, CancellationToken.None), "The numbers").Body;

        Assert.Contains("317 uses three different digits, each once: the 3 of expression, the 1 of beginnings and the 7 of reflection.", numbers, StringComparison.Ordinal);
        Assert.Contains("dip from the 3 of expression to the 1 of beginnings, then rise again to the 7 of reflection", numbers, StringComparison.Ordinal);
        Assert.Contains("Taken in pairs, it reads 31 and 17", numbers, StringComparison.Ordinal);
        Assert.Contains("3 + 1 + 7 = 11", numbers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_number_is_read_in_groups_of_three_and_counts_its_repeated_digits()
    {
        var numbers = Section(await writer.WriteAsync(Facts("100400729004"), ReadingDepth.Deep, CancellationToken.None), "The numbers").Body;

        Assert.Contains("it is 100, 400, 729 and 004", numbers, StringComparison.Ordinal);
        Assert.Contains("the 0 of potential six times", numbers, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("04:10", "in the early morning")]
    [InlineData("12:30", "around midday")]
    [InlineData("23:05", "late at night")]
    [InlineData("9:55 pm", "late at night")]
    [InlineData("9:55 am", "in the morning")]
    public async Task Time_reading_names_its_hour_of_day(string input, string expected)
    {
        foreach (var depth in new[] { ReadingDepth.Standard, ReadingDepth.Deep })
        {
            Assert.Contains(expected, Text(await writer.WriteAsync(Facts(input), depth, CancellationToken.None)), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("12:12", "The minute repeats the hour exactly")]
    [InlineData("14:41", "The minute mirrors the hour")]
    [InlineData("09:00", "On the hour")]
    [InlineData("13:33", "The minute takes up the hour's last digit, the 3 of expression")]
    [InlineData("09:44", "The minute repeats its own digit, the 4 of foundations")]
    public async Task Time_reading_says_what_its_minute_repeats(string input, string expected)
    {
        Assert.Contains(expected, Text(await writer.WriteAsync(Facts(input), ReadingDepth.Standard, CancellationToken.None)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_numbers_with_the_same_core_number_share_few_sentences()
    {
        // Both reduce to 11; once digit runs are set aside, at most a third of the sentences may match.
        var first = Sentences(Text(await writer.WriteAsync(Facts("317"), ReadingDepth.Deep, CancellationToken.None)));
        var second = Sentences(Text(await writer.WriteAsync(Facts("2900"), ReadingDepth.Deep, CancellationToken.None)));
        Assert.Equal(Facts("317").CoreNumber, Facts("2900").CoreNumber);

        var shared = first.Intersect(second).Count();
        Assert.True(shared <= first.Count / 3, $"{shared} of {first.Count} sentences shared: {string.Join(" | ", first.Intersect(second))}");
    }

    [Fact]
    public async Task Every_number_up_to_four_digits_and_every_time_passes_the_check_the_OpenAI_writer_is_held_to()
    {
        var inputs = Enumerable.Range(0, 10_000).Select(n => n.ToString(CultureInfo.InvariantCulture))
            .Concat(Enumerable.Range(0, 24 * 60).Select(m => $"{m / 60:00}:{m % 60:00}"))
            .Concat(["9:55 pm", "12:21 am", "123456789012", "100400729004", "999999999999", "000000000000"]);
        foreach (var input in inputs)
        {
            await AssertPassesTheOutputCheck(Facts(input));
        }
    }

    [Fact]
    public async Task Cancelled_request_gets_a_cancelled_task()
    {
        using var source = new CancellationTokenSource();
        await source.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer.WriteAsync(Facts("11:11"), ReadingDepth.Lite, source.Token));
    }

    /// <summary>The built-in reading, serialised as a model's answer would be, passes the same check: shape, lengths and numbers.</summary>
    private async Task AssertPassesTheOutputCheck(NumerologyFacts facts)
    {
        foreach (var depth in ReadingDepths.All)
        {
            var reading = await writer.WriteAsync(facts, depth, CancellationToken.None);
            var json = System.Text.Json.JsonSerializer.Serialize(new { sections = reading.Sections.Select(s => new { heading = s.Heading, body = s.Body, points = s.Points }) });
            Assert.True(
                ReadingOutput.TryParse(json, ReadingShape.For(depth, comparison: false), NumberClaims.For(facts), out _, out var problem),
                $"{facts.Input} at {depth.Key()}: {problem}");
        }
    }

    private static List<string> Sentences(string text) =>
        [.. Regex.Replace(text, @"\d+", "#").Split(['.', '!', '?']).Select(s => s.Trim()).Where(s => s.Length > 0)];

    private async Task AssertWellFormedAtEveryDepth(NumerologyFacts facts)
    {
        var core = NumberAsWord(facts.CoreNumber);
        var lite = await writer.WriteAsync(facts, ReadingDepth.Lite, CancellationToken.None);
        var standard = await writer.WriteAsync(facts, ReadingDepth.Standard, CancellationToken.None);
        var deep = await writer.WriteAsync(facts, ReadingDepth.Deep, CancellationToken.None);

        Assert.InRange(SentenceCount(Assert.Single(lite.Sections).Body), 1, 2);
        Assert.InRange(SentenceCount(Assert.Single(standard.Sections).Body), 4, 7);
        Assert.Equal(DeepHeadings, deep.Sections.Select(s => s.Heading));
        Assert.Equal(3, deep.Sections[^1].Points.Count);
        foreach (var reading in new[] { lite, standard, deep })
        {
            Assert.Matches(core, Text(reading));
            AssertCleanProse(reading);
        }
    }

    private static NumerologyFacts Facts(string input)
    {
        if (input.Contains(':', StringComparison.Ordinal))
        {
            Assert.True(TimeInput.TryParse(input, out var time, out var timeError), timeError);
            return NumerologyEngine.Read(time.ToSubject());
        }
        Assert.True(NumberInput.TryParse(input, out var number, out var numberError), numberError);
        return NumerologyEngine.Read(number.ToSubject());
    }

    private static ComparisonFacts Compare(string first, string second) =>
        NumerologyEngine.Compare(Facts(first), Facts(second));

    private static ReadingSection Section(WrittenReading reading, string heading) =>
        Assert.Single(reading.Sections, s => s.Heading == heading);

    private static string Text(WrittenReading reading) =>
        string.Join("\n", reading.Sections.SelectMany(s => new[] { s.Heading, s.Body }.Concat(s.Points)));

    /// <summary>Records compare their lists by reference, so readings are compared as their text.</summary>
    private static string[] Flatten(WrittenReading reading) =>
        [reading.Writer, .. reading.Sections.SelectMany(s => new[] { "#" + s.Heading, s.Body }.Concat(s.Points))];

    private static void AssertCleanProse(WrittenReading reading)
    {
        Assert.NotEmpty(reading.Sections);
        foreach (var text in reading.Sections.SelectMany(s => new[] { s.Heading, s.Body }.Concat(s.Points)))
        {
            Assert.DoesNotContain('<', text);
            Assert.DoesNotContain('>', text);
            Assert.DoesNotContain('{', text);
            Assert.DoesNotContain('}', text);
            Assert.DoesNotContain("TODO", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("lorem", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("  ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("..", text, StringComparison.Ordinal);
            Assert.Equal(text.Trim(), text);
        }
        Assert.All(reading.Sections, s => Assert.False(string.IsNullOrWhiteSpace(s.Body)));
    }

    /// <summary>The number as a whole token, so that 1 is not found inside 11 or 1111.</summary>
    private static Regex NumberAsWord(int number) =>
        new($@"(?<![0-9]){number.ToString(CultureInfo.InvariantCulture)}(?![0-9])");

    private static int SentenceCount(string text) => SentenceEnd().Count(text);

    [GeneratedRegex(@"[.!?](?=\s|$)")]
    private static partial Regex SentenceEnd();
}
