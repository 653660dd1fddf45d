using Vybe.Web.Ocr;
using Vybe.Web.Readings;

namespace Vybe.Web.Tests.Ocr;

public sealed class DisplayCheckTests
{
    /// <summary>A clock face 400 × 100 px at (100, 100), digits 100 px tall.</summary>
    private static readonly PixelBox Display = new(100, 100, 400, 100);

    private static ReadingCandidate Found(string text, PixelBox box, double height)
    {
        Assert.True(TimeOrNumber.TryParse(text, out var subject, out _));
        return new ReadingCandidate(text, subject.IsTime ? ReadingKind.Time : ReadingKind.Number, subject, new CandidatePlace(box, height));
    }

    private static IReadOnlyList<string> Combined(string? display, params ReadingCandidate[] fromTesseract) =>
        DisplayCheck.Combine(fromTesseract, display, Display, 100).Select(c => c.Text).ToList();

    [Fact]
    public void Without_a_display_reading_Tesseract_s_candidates_stand()
    {
        Assert.Equal(["444"], Combined(null, Found("444", new PixelBox(0, 0, 50, 20), 20)));
        Assert.Equal(["444"], Combined("", Found("444", new PixelBox(0, 0, 50, 20), 20)));
    }

    [Fact]
    public void When_Tesseract_found_nothing_the_display_is_read_at_the_display_s_place()
    {
        var combined = DisplayCheck.Combine([], "11:11", Display, 100);

        Assert.Equal(["11:11"], combined.Select(c => c.Text));
        Assert.Equal(new CandidatePlace(Display, 100), combined[0].Place);
    }

    [Fact]
    public void Tesseract_reading_only_outside_the_display_is_implausible_and_the_display_comes_in()
    {
        // The digits of a brand label under the clock.
        Assert.Equal(["12:34", "2000"], Combined("12:34", Found("2000", new PixelBox(250, 260, 60, 15), 15)));
    }

    [Fact]
    public void Tesseract_agreeing_with_the_display_keeps_its_own_candidates()
    {
        Assert.Equal(["11:11"], Combined("11:11", Found("11:11", new PixelBox(110, 105, 380, 90), 90)));
        Assert.Equal(["09:55"], Combined("9:55", Found("09:55", new PixelBox(110, 105, 380, 90), 90)));
        Assert.Equal(["1111"], Combined("11:11", Found("1111", new PixelBox(110, 105, 380, 90), 90)));
    }

    [Fact]
    public void Tesseract_reading_another_time_inside_the_display_offers_both()
    {
        Assert.Equal(["10:01", "18:01"], Combined("10:01", Found("18:01", new PixelBox(110, 105, 380, 90), 90)));
    }

    [Fact]
    public void Inside_means_the_candidate_s_centre_within_the_display_grown_by_a_quarter_digit()
    {
        // Centre at y = 220: 20 px below the display, within the 25 px margin.
        Assert.Equal(["11:11"], Combined("11:11", Found("11:11", new PixelBox(110, 200, 380, 40), 40)));
        // Centre at y = 230: outside.
        Assert.Equal(["11:11", "11:11"], DisplayCheck.Combine([Found("11:11", new PixelBox(110, 210, 380, 40), 40)], "11:11", Display, 100).Select(c => c.Text));
    }
}
