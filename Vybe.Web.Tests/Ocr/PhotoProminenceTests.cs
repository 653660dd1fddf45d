using Vybe.TestSupport.Photos;
using Vybe.Web.Ocr;

namespace Vybe.Web.Tests.Ocr;

/// <summary>
/// What a person reads first in a photo comes first, and is read without asking only when it
/// clearly dominates (<see cref="CandidateRanking"/>). Real Tesseract on photos the tests draw.
/// </summary>
public sealed class PhotoProminenceTests(PhotoReaderFixture fixture) : IClassFixture<PhotoReaderFixture>
{
    private async Task<PhotoFindings> ReadAsync(byte[] photo) => await fixture.Reader.ReadAsync(photo, CancellationToken.None);

    private static IReadOnlyList<string> Texts(PhotoFindings findings) => findings.Candidates.Select(c => c.Text).ToList();

    [Fact]
    public async Task A_lock_screen_s_big_clock_is_read_without_asking_over_the_small_date_with_digits()
    {
        var findings = await ReadAsync(TestPhotos.LockScreen("10:10", "Tuesday 17 November"));

        Assert.Equal("10:10", findings.Candidates[0].Text);
        Assert.Equal("10:10", findings.AutomaticChoice?.Text);
    }

    [Fact]
    public async Task A_receipt_offers_its_amounts_the_larger_total_first_and_lets_the_person_choose()
    {
        var findings = await ReadAsync(TestPhotos.ReceiptWithTotal("444.18"));

        Assert.Equal("444", Texts(findings)[0]);
        Assert.Contains("18", Texts(findings));
        Assert.Contains("26", Texts(findings));
        Assert.Null(findings.AutomaticChoice);
    }

    [Fact]
    public async Task An_amount_whose_cents_repeat_its_digits_offers_both_readings_of_it_first()
    {
        var findings = await ReadAsync(TestPhotos.ReceiptWithTotal("55.55"));

        Assert.Equal(["55", "5555"], Texts(findings).Take(2).Order());
        Assert.Null(findings.AutomaticChoice);
    }

    [Theory]
    [InlineData("09:55")]
    [InlineData("07:07")]
    public async Task A_time_with_a_leading_zero_comes_back_as_shown_and_nothing_else(string time)
    {
        var findings = await ReadAsync(TestPhotos.Text(time, "DejaVuSans.ttf", 72));

        Assert.Equal([time], Texts(findings));
        Assert.Equal(time, findings.AutomaticChoice?.Text);
    }

    [Fact]
    public async Task A_tilted_blurred_clock_face_Tesseract_reads_as_another_time_offers_the_seven_segment_reading_and_asks()
    {
        // Tesseract reads this LCD (tilted 8°, blurred) as 9:45 and 48; the seven-segment locator reads 9:48 in the same place.
        var face = TestClockPhotos.All.Single(photo => photo.Name == "LCD 9:48 tilted −8°, blurred");

        var findings = await ReadAsync(face.Draw());

        Assert.Contains("9:48", Texts(findings).Take(2));
        Assert.Null(findings.AutomaticChoice);
    }

    [Fact]
    public async Task Candidates_carry_where_the_photo_shows_them_in_the_photo_s_own_pixels()
    {
        // The lock screen is 540 × 960; its clock is drawn 150 px high with its baseline at y = 330.
        var findings = await ReadAsync(TestPhotos.LockScreen("11:11"));

        var place = Assert.IsType<CandidatePlace>(findings.Candidates[0].Place);
        Assert.InRange(place.GlyphHeight, 90, 130);
        Assert.InRange(place.Box.Bottom, 315, 345);
        Assert.InRange(place.Box.Left, 0, 270);
        Assert.InRange(place.Box.Right, 270, 540);
    }
}
