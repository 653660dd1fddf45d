using Vybe.Web.Readings;

namespace Vybe.Web.Tests.Readings;

/// <summary>
/// The small parsers around a reading: the compare form's time-or-number field, the depth and the
/// kind as forms, URLs and stored rows spell them. Mutation testing found them covered only through
/// the pages, so a broken one was noticed by no unit test.
/// </summary>
public sealed class ReadingChoiceTests
{
    [Theory]
    [InlineData("11:11", "11:11", "1111")]
    [InlineData("9:55 pm", "9:55 pm", "955")]
    [InlineData("9:55PM", "9:55 pm", "955")]
    public void A_time_or_number_field_reads_a_colon_or_am_pm_as_a_time(string text, string normalized, string digits)
    {
        Assert.True(TimeOrNumber.TryParse(text, out var subject, out var error), error);

        Assert.Null(error);
        Assert.True(subject.IsTime);
        Assert.Equal(normalized, subject.Normalized);
        Assert.Equal(digits, subject.Digits);
    }

    [Theory]
    [InlineData("444", "444")]
    [InlineData("1212", "1212")]
    public void A_time_or_number_field_reads_digits_alone_as_a_number(string text, string digits)
    {
        Assert.True(TimeOrNumber.TryParse(text, out var subject, out var error), error);

        Assert.Null(error);
        Assert.False(subject.IsTime);
        Assert.Equal(digits, subject.Digits);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void An_empty_time_or_number_field_asks_for_one(string? text)
    {
        Assert.False(TimeOrNumber.TryParse(text, out _, out var error));
        Assert.Equal(TimeOrNumber.EmptyMessage, error);
    }

    [Theory]
    [InlineData("25:61")]
    [InlineData("11.")]
    [InlineData("abc")]
    [InlineData("13:00 pm")]
    public void A_time_or_number_field_refuses_what_is_neither_with_a_message(string text)
    {
        Assert.False(TimeOrNumber.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("lite", ReadingDepth.Lite)]
    [InlineData("standard", ReadingDepth.Standard)]
    [InlineData("deep", ReadingDepth.Deep)]
    [InlineData(" Deep ", ReadingDepth.Deep)]
    public void A_depth_is_read_from_its_key_and_written_back_the_same(string text, ReadingDepth expected)
    {
        Assert.True(ReadingDepths.TryParse(text, out var depth, out var error));

        Assert.Null(error);
        Assert.Equal(expected, depth);
        Assert.Equal(text.Trim().ToLowerInvariant(), depth.Key());
    }

    [Theory]
    [InlineData(null, "Choose how deep")]
    [InlineData("", "Choose how deep")]
    [InlineData("medium", "There is no such depth")]
    public void A_missing_or_unknown_depth_is_refused_with_a_message(string? text, string message)
    {
        Assert.False(ReadingDepths.TryParse(text, out _, out var error));
        Assert.StartsWith(message, error);
    }

    [Fact]
    public void Every_depth_has_its_own_label_and_description()
    {
        Assert.Equal(["Lite", "Standard", "Deep"], ReadingDepths.All.Select(depth => depth.Label()));
        var descriptions = ReadingDepths.All.Select(depth => depth.Description()).ToList();
        Assert.All(descriptions, description => Assert.False(string.IsNullOrWhiteSpace(description)));
        Assert.Equal(descriptions.Count, descriptions.Distinct().Count());
        Assert.Contains("questions", ReadingDepth.Deep.Description());
    }

    [Theory]
    [InlineData(ReadingKind.Time, "time")]
    [InlineData(ReadingKind.Number, "number")]
    [InlineData(ReadingKind.Image, "image")]
    [InlineData(ReadingKind.Compare, "compare")]
    public void A_kind_is_written_as_its_key_and_read_back(ReadingKind kind, string key)
    {
        Assert.Equal(key, kind.Key());
        Assert.True(ReadingKinds.TryParse(key, out var read));
        Assert.Equal(kind, read);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Time")]
    [InlineData("photo")]
    public void An_unknown_kind_is_not_read(string? key) => Assert.False(ReadingKinds.TryParse(key, out _));
}
