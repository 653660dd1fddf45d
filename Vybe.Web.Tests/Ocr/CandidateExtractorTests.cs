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
    [InlineData("TOTAL 12.50", new[] { "12" })]
    [InlineData("TOTAL 444.18\nCash 500.00\nChange 55.82", new[] { "444", "500", "55" })]
    [InlineData("Subtotal 1,234.56", new[] { "1234" })]
    [InlineData("Summe 12,50 EUR", new[] { "12" })]
    [InlineData("TOTAL $55.55", new[] { "55", "5555" })]
    [InlineData("Tea 1.11", new[] { "111" })]
    [InlineData("Due 12.12", new[] { "12", "1212" })]
    [InlineData("Coffee 4.99 and a bun 0.00", new string[0])]
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

    [Theory]
    [InlineData("444", "18", new[] { "444" })]
    [InlineData("4", "99", new string[0])]
    [InlineData("55", "55", new[] { "55", "5555" })]
    [InlineData("5", "55", new[] { "555" })]
    [InlineData("444", "44", new[] { "444", "44444" })]
    [InlineData("10", "10", new[] { "10", "1010" })]
    [InlineData("12", "21", new[] { "12" })]
    [InlineData("0", "00", new string[0])]
    public void An_amount_reads_as_its_whole_part_and_as_all_its_digits_when_the_cents_repeat_them(string whole, string cents, string[] expected)
    {
        Assert.Equal(expected, CandidateExtractor.AmountReadings(whole, cents));
    }

    [Fact]
    public void A_candidate_takes_its_place_from_the_glyph_boxes_the_height_being_the_median_digit()
    {
        // "Sun 17\n10:10": the date's digits 20 px tall, the clock's 80 px (its colon shorter, and not counted).
        var page = Page(
            ("Sun", new PixelBox(10, 10, 60, 22)), (" ", null), ("17", new PixelBox(80, 12, 30, 20)), ("\n", null),
            ("10", new PixelBox(20, 60, 90, 80)), (":", new PixelBox(112, 80, 10, 40)), ("10", new PixelBox(125, 60, 90, 80)));

        var candidates = CandidateExtractor.Extract(page);

        Assert.Equal(["10:10", "17"], candidates.Select(c => c.Text));
        Assert.Equal(new CandidatePlace(new PixelBox(20, 60, 195, 80), 80), candidates[0].Place);
        Assert.Equal(new CandidatePlace(new PixelBox(80, 12, 30, 20), 20), candidates[1].Place);
    }

    [Fact]
    public void Text_without_boxes_gives_candidates_without_a_place()
    {
        Assert.All(CandidateExtractor.Extract("11:11 and 444"), c => Assert.Null(c.Place));
    }

    /// <summary>A page whose characters each get the box of the piece they belong to.</summary>
    internal static RecognizedPage Page(params (string Text, PixelBox? Box)[] pieces) => new(
        string.Concat(pieces.Select(p => p.Text)),
        pieces.SelectMany(p => Enumerable.Repeat(p.Box, p.Text.Length)).ToArray());

    [Fact]
    public void Times_come_before_numbers_and_each_candidate_appears_once()
    {
        Assert.Equal(["11:11", "444", "1212"], Texts("444 then 11:11, 1212 and 444 again"));
    }
}
