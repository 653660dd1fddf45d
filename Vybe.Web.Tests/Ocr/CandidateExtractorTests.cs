using Vybe.Web.Ocr;

namespace Vybe.Web.Tests.Ocr;

public sealed class CandidateExtractorTests
{
    private static IReadOnlyList<string> Texts(string recognized) => CandidateExtractor.Extract(recognized).Select(c => c.Text).ToList();

    [Theory]
    [InlineData("11:11", new[] { "11:11" })]
    [InlineData("  9:55 pm\n", new[] { "9:55 pm" })]
    [InlineData("9:55PM", new[] { "9:55 pm" })]
    [InlineData("2:22", new[] { "2:22" })]
    [InlineData("It was 21:12 when I looked", new[] { "21:12" })]
    [InlineData("7:07 a.m.", new[] { "7:07 am" })]
    [InlineData("9.55 pm", new[] { "9:55 pm" })]
    [InlineData("444", new[] { "444" })]
    [InlineData("Plate: AB 1212 CD", new[] { "1212" })]
    [InlineData("000", new[] { "000" })]
    [InlineData("Tuesday 24 November\n11:11", new[] { "11:11", "24" })]
    [InlineData("COFFEE 4.99\nTOTAL 4.44\nRECEIPT NO 444", new[] { "444" })]
    [InlineData("TOTAL 12.50", new string[0])]
    [InlineData("1234567890123", new string[0])]
    [InlineData("25:00 and 12:60", new string[0])]
    [InlineData("no digits here", new string[0])]
    [InlineData("", new string[0])]
    public void Finds_times_and_numbers_in_recognised_text(string recognized, string[] expected)
    {
        Assert.Equal(expected, Texts(recognized));
    }

    [Theory]
    [InlineData("1O1", "101")]
    [InlineData("4l4", "414")]
    [InlineData("1OO1", "1001")]
    [InlineData("1I:1l", "1I:1l")]
    [InlineData("O11", "O11")]
    [InlineData("Hello 2O25", "Hello 2025")]
    [InlineData("BOB", "BOB")]
    [InlineData("1S5", "155")]
    public void Look_alike_letters_are_corrected_only_between_digits(string recognized, string corrected)
    {
        Assert.Equal(corrected, CandidateExtractor.CorrectLookAlikes(recognized));
    }

    [Fact]
    public void Times_come_before_numbers_and_each_candidate_appears_once()
    {
        Assert.Equal(["11:11", "444", "1212"], Texts("444 then 11:11, 1212 and 444 again"));
    }
}
