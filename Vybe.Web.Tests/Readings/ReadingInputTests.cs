using Vybe.Web.Readings;

namespace Vybe.Web.Tests.Readings;

/// <summary>
/// Parsing what a visitor types: accepted input comes back normalised with the digits that are read;
/// anything else is refused with a message a person can act on, and never throws.
/// </summary>
public sealed class ReadingInputTests
{
    private static readonly string TooLong = new('1', InputText.MaxLength + 1);

    // ---- Times ---------------------------------------------------------------------------------

    // Text as typed, normalised text shown back, digits read.
    public static TheoryData<string, string, string> AcceptedTimes => new()
    {
        { "11:11", "11:11", "1111" },
        { "09:55", "09:55", "0955" },
        { "9:55", "09:55", "0955" },
        { "21:12", "21:12", "2112" },
        { "00:00", "00:00", "0000" },
        { "23:59", "23:59", "2359" },
        { "9.55", "09:55", "0955" },
        { "9h55", "09:55", "0955" },
        { "  11:11  ", "11:11", "1111" },
        { "9:55 pm", "9:55 pm", "955" },
        { "9:55PM", "9:55 pm", "955" },
        { "9:55 PM", "9:55 pm", "955" },
        { "12:21 am", "12:21 am", "1221" },
        { "12:00 am", "12:00 am", "1200" },
        // Digits of other scripts are read as the digits they are.
        { "１１：１１", "11:11", "1111" },
        { "９:５５", "09:55", "0955" },
        { "١١:١١", "11:11", "1111" },
        { "۹:۵۵", "09:55", "0955" },
        { "९:५५ pm", "9:55 pm", "955" },
    };

    [Theory]
    [MemberData(nameof(AcceptedTimes))]
    public void Accepted_time_is_normalised_and_read_as_its_digits(string text, string normalized, string digits)
    {
        Assert.True(TimeInput.TryParse(text, out var time, out var error), error);

        Assert.Null(error);
        Assert.Equal(normalized, time.Normalized);
        Assert.Equal(digits, time.Digits);
        var subject = time.ToSubject();
        Assert.Equal(normalized, subject.Normalized);
        Assert.Equal(digits, subject.Digits);
        Assert.True(subject.IsTime);
    }

    // Text as typed, hour on a 24-hour clock, minute, typed on a 12-hour clock, clock face.
    public static TheoryData<string, int, int, bool, string, string> TimesOfDay => new()
    {
        { "9:55", 9, 55, false, "09", "55" },
        { "21:12", 21, 12, false, "21", "12" },
        { "9:55 am", 9, 55, true, "09", "55" },
        { "9:55 pm", 21, 55, true, "09", "55" },
        { "12:21 am", 0, 21, true, "12", "21" },
        { "12:05 pm", 12, 5, true, "12", "05" },
    };

    [Theory]
    [MemberData(nameof(TimesOfDay))]
    public void Accepted_time_knows_its_time_of_day_and_its_clock_face(string text, int hour, int minute, bool twelveHour, string faceHour, string faceMinute)
    {
        Assert.True(TimeInput.TryParse(text, out var time, out var error), error);

        Assert.Equal(hour, time.Hour);
        Assert.Equal(minute, time.Minute);
        Assert.Equal(twelveHour, time.TwelveHourClock);
        Assert.Equal(new ClockFace(faceHour, faceMinute, twelveHour ? hour : null), time.Clock);
        Assert.Equal(hour, TimeOfDay.Of(time.Clock).Hour);
    }

    public static TheoryData<string?> RejectedTimes => new()
    {
        null,
        "",
        "   ",
        "25:00",
        "24:00",
        "12:60",
        "abc",
        "1111",
        "13:00 pm",
        "0:30 am",
        "-5",
        "4.5",
        "12:5",
        "11:11:11",
        TooLong,
        "11:11" + new string(' ', InputText.MaxLength - 4),
        "11:\u000011",
        "11\u0007:11",
        "11:11\n",
        "11:\u200B11",
        "\uFEFF11:11",
        "11\u200D:11",
    };

    [Theory]
    [MemberData(nameof(RejectedTimes))]
    public void Rejected_time_gives_a_message_and_never_throws(string? text)
    {
        var accepted = TimeInput.TryParse(text, out _, out var error);

        Assert.False(accepted);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    // ---- Numbers -------------------------------------------------------------------------------

    // Text as typed, digits read.
    public static TheoryData<string, string> AcceptedNumbers => new()
    {
        { "444", "444" },
        { "1", "1" },
        { "0", "0" },
        { "000", "000" },
        { "0955", "0955" },
        { "12 34", "1234" },
        { "  1212  ", "1212" },
        { "123456789012", "123456789012" },
        { "1 2 3 4 5 6 7 8 9 0 1 2", "123456789012" },
        { "1234" + new string(' ', InputText.MaxLength - 4), "1234" },
        // Digits of other scripts are read as the digits they are.
        { "４４４", "444" },
        { "１２ ３４", "1234" },
        { "٤٤٤", "444" },
        { "۴۴۴", "444" },
        { "४४४", "444" },
    };

    [Theory]
    [MemberData(nameof(AcceptedNumbers))]
    public void Accepted_number_keeps_leading_zeros_and_drops_spaces(string text, string digits)
    {
        Assert.True(NumberInput.TryParse(text, out var number, out var error), error);

        Assert.Null(error);
        Assert.Equal(digits, number.Digits);
        var subject = number.ToSubject();
        Assert.Equal(digits, subject.Normalized);
        Assert.Equal(digits, subject.Digits);
        Assert.False(subject.IsTime);
    }

    public static TheoryData<string?> RejectedNumbers => new()
    {
        null,
        "",
        "   ",
        "abc",
        "12a4",
        "-5",
        "+5",
        "4.5",
        "4,5",
        "1234567890123",
        "1 234 567 890 123",
        TooLong,
        "12\u000034",
        "44\u00074",
        "12\t34",
        "4\u200B44",
        "444\u200C",
        "11:11",
    };

    [Theory]
    [MemberData(nameof(RejectedNumbers))]
    public void Rejected_number_gives_a_message_and_never_throws(string? text)
    {
        var accepted = NumberInput.TryParse(text, out _, out var error);

        Assert.False(accepted);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void A_time_typed_as_a_number_is_pointed_to_the_time_form()
    {
        Assert.False(NumberInput.TryParse("11:11", out _, out var error));

        Assert.Contains("time form", error, StringComparison.OrdinalIgnoreCase);
    }

    // Text as typed, a phrase of the message that says what is wrong with it. Each refusal has its
    // own reason, and input just beside a refused range (U+FDCF, U+FDF0, U+FFFD) gets the plain
    // "digits only" answer, not the one for characters that are not text.
    public static TheoryData<string?, string> RefusalReasons => new()
    {
        { null, NumberInput.EmptyMessage },
        { " ", NumberInput.EmptyMessage },
        { TooLong, "too long" },
        { "12\u000034", "invisible or control" },
        { "12\u200B34", "invisible or control" },
        { "12\uE00034", "invisible or control" },
        // Noncharacters: U+FDD0 to U+FDEF and the last two code points of every plane.
        { "12\uFDD0", "not text" },
        { "12\uFDEF", "not text" },
        { "12\uFFFE", "not text" },
        { "12\uFFFF", "not text" },
        { "12\U0001FFFE", "not text" },
        { "12\U0010FFFF", "not text" },
        { "12\uFDCF", "digits only" },
        { "12\uFDF0", "digits only" },
        { "12\uFFFD", "digits only" },
        { "12\U0001F600", "digits only" },
        { "-5", "minus sign" },
        { "- 44", "minus sign" },
        { "-", "digits only" },
        { "-5a", "digits only" },
        { "5-", "digits only" },
        { "4.5", "decimal point" },
        { "4,5", "decimal point" },
        { ".5", "decimal point" },
        { ".", "digits only" },
        { ",,", "digits only" },
        { "4.5a", "digits only" },
        { "11:11", "time form" },
        { "12a4", "digits only" },
        { "1234567890123", "has 13 digits" },
    };

    [Theory]
    [MemberData(nameof(RefusalReasons))]
    public void Refused_number_says_what_is_wrong_with_it(string? text, string reason)
    {
        Assert.False(NumberInput.TryParse(text, out _, out var error));

        Assert.Contains(reason, error, StringComparison.OrdinalIgnoreCase);
    }

    // Not theory data: xUnit sends a case's arguments through UTF-8, which turns half a surrogate
    // pair into U+FFFD before the test sees it.
    [Fact]
    public void Half_a_surrogate_pair_is_refused_as_not_text()
    {
        foreach (var text in new[] { "12\uD83D34", "12\uDE0034", "1234\uD83D", "\uDE0012" })
        {
            Assert.False(NumberInput.TryParse(text, out _, out var error));
            Assert.Contains("not text", error, StringComparison.Ordinal);
        }
    }

    // What every input goes through: whitespace of any kind is one space between groups, at most one
    // in a row, none at the ends; digits of any script become ASCII digits; the rest is kept.
    [Theory]
    [InlineData("12 34", "12 34")]
    [InlineData("  12    34  ", "12 34")]
    [InlineData("12\u202834", "12 34")]
    [InlineData("12\u3000\u00A034", "12 34")]
    [InlineData("１２：３４", "12:34")]
    [InlineData("٤ ٤٤", "4 44")]
    [InlineData("11:11 pm", "11:11 pm")]
    [InlineData("x", "x")]
    public void Normalised_input_has_single_spaces_and_ascii_digits(string raw, string normalized)
    {
        Assert.True(InputText.TryNormalize(raw, "empty", out var result, out var error), error);

        Assert.Null(error);
        Assert.Equal(normalized, result);
    }

    // ---- Depth ---------------------------------------------------------------------------------

    public static TheoryData<string, ReadingDepth> AcceptedDepths => new()
    {
        { "lite", ReadingDepth.Lite },
        { "standard", ReadingDepth.Standard },
        { "deep", ReadingDepth.Deep },
        { "LITE", ReadingDepth.Lite },
        { "Standard", ReadingDepth.Standard },
        { "  deep ", ReadingDepth.Deep },
    };

    [Theory]
    [MemberData(nameof(AcceptedDepths))]
    public void Depth_is_read_case_insensitively_and_trimmed(string text, ReadingDepth depth)
    {
        Assert.True(ReadingDepths.TryParse(text, out var parsed, out var error), error);

        Assert.Null(error);
        Assert.Equal(depth, parsed);
    }

    public static TheoryData<string?> RejectedDepths => new()
    {
        null,
        "",
        "   ",
        "medium",
        "deeper",
        "0",
    };

    [Theory]
    [MemberData(nameof(RejectedDepths))]
    public void Missing_or_unknown_depth_gives_a_message(string? text)
    {
        var accepted = ReadingDepths.TryParse(text, out _, out var error);

        Assert.False(accepted);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Every_depth_parses_back_from_its_key()
    {
        foreach (var depth in ReadingDepths.All)
        {
            Assert.True(ReadingDepths.TryParse(depth.Key(), out var parsed, out _));
            Assert.Equal(depth, parsed);
        }
    }
}
