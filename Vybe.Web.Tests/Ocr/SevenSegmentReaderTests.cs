using System.Text.RegularExpressions;
using SkiaSharp;
using Vybe.TestSupport.Photos;
using Vybe.Web.Ocr;
using Xunit.Abstractions;

namespace Vybe.Web.Tests.Ocr;

public sealed partial class SevenSegmentReaderTests(ITestOutputHelper output)
{
    private static readonly SKColor Red = ClockColours.RedLed;
    private static readonly SKColor Green = ClockColours.GreenLed;
    private static readonly SKColor Blue = ClockColours.BlueLed;
    private static readonly SKColor White = ClockColours.WhiteLed;
    private static readonly SKColor Lcd = ClockColours.LcdSegment;

    /// <summary>
    /// The faces the recogniser must read: every digit at least twice, digit heights 24–200 px, five
    /// colour schemes, both shapes and both ways of drawing a 1, rotation ±4°, blur up to σ 1.5 and
    /// JPEG quality 40–90.
    /// </summary>
    public static readonly ClockFace[] ClockFaces =
    [
        new("11:11") { DigitHeight = 120, Foreground = Red, Ones = OneStyle.NarrowCell },
        new("12:34") { DigitHeight = 80, Foreground = Green, RotationDegrees = 2, BlurSigma = 0.8f, JpegQuality = 80 },
        new("10:01") { DigitHeight = 60, Foreground = Blue, RotationDegrees = -3, BlurSigma = 1.0f, JpegQuality = 70 },
        new("09:55") { DigitHeight = 150, Foreground = White, Background = ClockColours.DarkGrey, RotationDegrees = 4, BlurSigma = 1.5f, JpegQuality = 60 },
        new("22:22") { DigitHeight = 48, Foreground = Lcd, Background = ClockColours.LcdFace, UnlitSegments = ClockColours.LcdGhost, RotationDegrees = -2, BlurSigma = 0.5f, JpegQuality = 90 },
        new("00:00") { DigitHeight = 200, Foreground = Red, UnlitSegments = ClockColours.DimRed, RotationDegrees = 1, BlurSigma = 1.2f, JpegQuality = 50 },
        new("4:44") { DigitHeight = 32, Foreground = Green, BlurSigma = 0.6f, JpegQuality = 85 },
        new("12:21") { DigitHeight = 100, Foreground = Blue, RotationDegrees = -4, JpegQuality = 40 },
        new("7:07") { DigitHeight = 24, Foreground = White, Background = ClockColours.DarkGrey, RotationDegrees = 1.5f, BlurSigma = 0.4f, JpegQuality = 90 },
        new("18:58") { DigitHeight = 90, Foreground = Lcd, Background = ClockColours.LcdFace, RotationDegrees = 3, BlurSigma = 1.0f, JpegQuality = 75 },
        new("11:11") { DigitHeight = 40, Foreground = Green, Ones = OneStyle.NarrowCell, RotationDegrees = -1, BlurSigma = 1.0f, JpegQuality = 70 },
        new("11:11") { DigitHeight = 70, Foreground = Lcd, Background = ClockColours.LcdFace, RotationDegrees = 2.5f, BlurSigma = 0.7f, JpegQuality = 80 },
        new("16:06") { DigitHeight = 64, Foreground = Red, RotationDegrees = -2, BlurSigma = 0.8f, NoiseAmplitude = 12, JpegQuality = 65 },
        new("6:39") { DigitHeight = 140, Foreground = Blue, RotationDegrees = 3.5f, BlurSigma = 1.3f, JpegQuality = 55 },
        new("20:16") { DigitHeight = 28, Foreground = White, Background = ClockColours.DarkGrey, RotationDegrees = -1, BlurSigma = 0.5f, JpegQuality = 80 },
        new("23:59") { DigitHeight = 110, Foreground = Lcd, Background = ClockColours.LcdFace, RotationDegrees = -3.5f, BlurSigma = 1.4f, NoiseAmplitude = 10, JpegQuality = 45 },
        new("8:26") { DigitHeight = 36, Foreground = Red, Shape = SegmentShape.RoundedBar, RotationDegrees = 2, BlurSigma = 0.7f, JpegQuality = 85 },
        new("13:37") { DigitHeight = 180, Foreground = Green, Shape = SegmentShape.RoundedBar, Ones = OneStyle.NarrowCell, RotationDegrees = -2.5f, BlurSigma = 1.5f, JpegQuality = 60 },
        new("09:55") { DigitHeight = 26, Foreground = Red, RotationDegrees = -4, BlurSigma = 0.3f, JpegQuality = 75 },
        new("12:34") { DigitHeight = 56, Thickness = 10, Foreground = Lcd, Background = ClockColours.LcdFace, Shape = SegmentShape.RoundedBar, RotationDegrees = 4, BlurSigma = 1.0f, JpegQuality = 50 },
        new("10:01") { DigitHeight = 75, Thickness = 7, Foreground = White, Background = ClockColours.DarkGrey, RotationDegrees = -1.5f, BlurSigma = 1.2f, JpegQuality = 70 },
        new("22:22") { DigitHeight = 160, Thickness = 28, Foreground = Blue, RotationDegrees = 0.5f, JpegQuality = 90 },
        new("4:44") { DigitHeight = 44, Foreground = Lcd, Background = ClockColours.LcdFace, RotationDegrees = -4, BlurSigma = 1.5f, JpegQuality = 40 },
        new("7:07") { DigitHeight = 130, Foreground = Green, UnlitSegments = new SKColor(10, 40, 14), RotationDegrees = 1, BlurSigma = 0.9f, NoiseAmplitude = 8, JpegQuality = 65 },
        new("18:58") { DigitHeight = 24, Foreground = White, Background = ClockColours.DarkGrey, RotationDegrees = 3, BlurSigma = 0.8f, JpegQuality = 85 },
        new("00:00") { DigitHeight = 85, Foreground = Blue, Shape = SegmentShape.RoundedBar, RotationDegrees = -0.5f, JpegQuality = 60 },
        new("11:11") { DigitHeight = 200, Foreground = Red, Ones = OneStyle.NarrowCell, RotationDegrees = 4, BlurSigma = 1.5f, JpegQuality = 40 },
        new("2026") { DigitHeight = 60, Foreground = Lcd, Background = ClockColours.LcdFace, RotationDegrees = 1, BlurSigma = 0.6f, JpegQuality = 75 },
    ];

    /// <summary>
    /// Faces photographed askew: rotated 5° to 8° either way, every one blurred (σ up to 2.0 at digit
    /// heights of 40 px and more, 1.0–1.5 below), JPEG quality 45–90, some with sensor noise, in the
    /// five colour schemes of <see cref="ClockFaces"/>.
    /// </summary>
    public static readonly ClockFace[] RotatedBlurredFaces =
    [
        new("12:34") { DigitHeight = 100, Foreground = Red, RotationDegrees = 5, BlurSigma = 2.0f, JpegQuality = 60 },
        new("10:01") { DigitHeight = 60, Foreground = Green, RotationDegrees = -5, BlurSigma = 1.8f, JpegQuality = 45 },
        new("09:55") { DigitHeight = 32, Foreground = Blue, RotationDegrees = 6, BlurSigma = 1.2f, JpegQuality = 75 },
        new("22:22") { DigitHeight = 140, Foreground = White, Background = ClockColours.DarkGrey, RotationDegrees = -6, BlurSigma = 2.0f, JpegQuality = 50 },
        new("4:44") { DigitHeight = 48, Foreground = Lcd, Background = ClockColours.LcdFace, UnlitSegments = ClockColours.LcdGhost, RotationDegrees = 7, BlurSigma = 1.6f, JpegQuality = 55 },
        new("18:58") { DigitHeight = 80, Foreground = Red, UnlitSegments = ClockColours.DimRed, RotationDegrees = -7, BlurSigma = 1.9f, NoiseAmplitude = 10, JpegQuality = 50 },
        new("7:07") { DigitHeight = 200, Foreground = Green, RotationDegrees = 8, BlurSigma = 2.0f, JpegQuality = 45 },
        new("23:59") { DigitHeight = 28, Foreground = White, Background = ClockColours.DarkGrey, RotationDegrees = -8, BlurSigma = 1.0f, JpegQuality = 80 },
        new("11:11") { DigitHeight = 90, Foreground = Blue, Ones = OneStyle.NarrowCell, RotationDegrees = 8, BlurSigma = 1.7f, JpegQuality = 60 },
        new("6:39") { DigitHeight = 40, Foreground = Lcd, Background = ClockColours.LcdFace, RotationDegrees = -8, BlurSigma = 2.0f, NoiseAmplitude = 8, JpegQuality = 65 },
        new("13:37") { DigitHeight = 120, Foreground = Red, Shape = SegmentShape.RoundedBar, RotationDegrees = 7, BlurSigma = 1.8f, JpegQuality = 55 },
        new("20:16") { DigitHeight = 36, Foreground = Green, RotationDegrees = -7, BlurSigma = 1.5f, JpegQuality = 70 },
        new("8:26") { DigitHeight = 64, Foreground = Blue, Shape = SegmentShape.RoundedBar, RotationDegrees = 6, BlurSigma = 1.9f, NoiseAmplitude = 12, JpegQuality = 50 },
        new("0000") { DigitHeight = 24, Foreground = Red, RotationDegrees = -6, BlurSigma = 1.0f, JpegQuality = 85 },
        new("12:21") { DigitHeight = 160, Foreground = Lcd, Background = ClockColours.LcdFace, RotationDegrees = 5, BlurSigma = 2.0f, JpegQuality = 45 },
        new("10:01") { DigitHeight = 30, Foreground = White, Background = ClockColours.DarkGrey, RotationDegrees = -5, BlurSigma = 1.4f, JpegQuality = 60 },
        new("21:12") { DigitHeight = 56, Foreground = Red, Ones = OneStyle.NarrowCell, RotationDegrees = -7.5f, BlurSigma = 1.6f, JpegQuality = 60 },
        new("5:55") { DigitHeight = 110, Foreground = Green, UnlitSegments = new SKColor(10, 40, 14), RotationDegrees = 6.5f, BlurSigma = 2.0f, NoiseAmplitude = 6, JpegQuality = 70 },
        new("16:06") { DigitHeight = 44, Thickness = 5, Foreground = Blue, RotationDegrees = 7.5f, BlurSigma = 1.5f, JpegQuality = 75 },
        new("9:48") { DigitHeight = 72, Foreground = Lcd, Background = ClockColours.LcdFace, UnlitSegments = ClockColours.LcdGhost, RotationDegrees = -8, BlurSigma = 1.8f, JpegQuality = 50 },
    ];

    [Fact]
    public void Reads_faces_rotated_five_to_eight_degrees_and_blurred()
    {
        var results = RotatedBlurredFaces.Select(face => (Face: face, Read: SevenSegmentReader.Read(GrayPictures.DrawGray(face)))).ToList();
        var wrong = results.Where(result => result.Read is not null && result.Read != result.Face.Text).Select(result => $"{result.Face} → \"{result.Read}\"").ToList();
        var unread = results.Where(result => result.Read is null).Select(result => result.Face.ToString()).ToList();

        Assert.True(wrong.Count == 0, $"misread:\n{string.Join('\n', wrong)}");
        Assert.True(unread.Count <= 1, $"{unread.Count} of {RotatedBlurredFaces.Length} faces not read:\n{string.Join('\n', unread)}");
    }

    [Fact]
    public void Rotated_faces_cover_five_to_eight_degrees_both_ways()
    {
        foreach (var degrees in new[] { 5, 6, 7, 8 })
        {
            Assert.Contains(RotatedBlurredFaces, face => (int)face.RotationDegrees == degrees);
            Assert.Contains(RotatedBlurredFaces, face => (int)face.RotationDegrees == -degrees);
        }
    }

    [Fact]
    public void Reads_nearly_every_drawn_clock_face_exactly()
    {
        var failures = new List<string>();
        foreach (var face in ClockFaces)
        {
            var image = GrayPictures.DrawGray(face);
            var read = SevenSegmentReader.Read(image);
            if (read != face.Text)
            {
                failures.Add($"{face} → {(read is null ? "null" : $"\"{read}\"")}");
            }
        }

        output.WriteLine($"{ClockFaces.Length - failures.Count} of {ClockFaces.Length} read exactly.");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }
        Assert.True(failures.Count <= 2, $"{failures.Count} of {ClockFaces.Length} faces misread:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public void Faces_cover_every_digit_at_least_twice()
    {
        var counts = ClockFaces.SelectMany(face => face.Text).Where(char.IsAsciiDigit).CountBy(digit => digit).ToDictionary();

        Assert.All("0123456789", digit => Assert.True(counts.GetValueOrDefault(digit) >= 2, $"'{digit}' appears {counts.GetValueOrDefault(digit)} times"));
    }

    [Fact]
    public void A_one_drawn_as_two_bars_in_a_narrow_cell_reads_as_one()
    {
        var face = new ClockFace("11:11") { DigitHeight = 90, Thickness = 12, SegmentGap = 3, Foreground = Red, Ones = OneStyle.NarrowCell };

        Assert.Equal("11:11", SevenSegmentReader.Read(GrayPictures.DrawGray(face)));
    }

    [Fact]
    public void A_one_at_the_right_of_a_full_width_cell_reads_as_one()
    {
        var face = new ClockFace("10:11") { DigitHeight = 90, Foreground = Lcd, Background = ClockColours.LcdFace, Ones = OneStyle.RightOfFullCell };

        Assert.Equal("10:11", SevenSegmentReader.Read(GrayPictures.DrawGray(face)));
    }

    [Theory]
    [InlineData('0')]
    [InlineData('1')]
    [InlineData('2')]
    [InlineData('3')]
    [InlineData('4')]
    [InlineData('5')]
    [InlineData('6')]
    [InlineData('7')]
    [InlineData('8')]
    [InlineData('9')]
    public void Every_digit_on_a_plain_face_is_read_first_and_last(char digit)
    {
        // The digit leads the hours and ends the minutes: "70:07", "00:00".
        var face = new ClockFace($"{digit}0:0{digit}") { DigitHeight = 80, Foreground = Red };

        Assert.Equal(face.Text, SevenSegmentReader.Read(GrayPictures.DrawGray(face)));
    }

    [Fact]
    public void A_display_without_colon_reads_as_digits_only()
    {
        var face = new ClockFace("0000") { DigitHeight = 70, Foreground = Green };

        Assert.Equal("0000", SevenSegmentReader.Read(GrayPictures.DrawGray(face)));
    }

    [Fact]
    public void A_face_in_a_larger_picture_is_found()
    {
        // A small display off-centre in a big, mostly light picture: the polarity of the whole
        // picture is not the polarity of the display.
        var face = GrayPictures.DrawGray(new ClockFace("12:34") { DigitHeight = 60, Foreground = Red, BlurSigma = 0.8f });
        var picture = GrayImage.Blank(1600, 1200, 200);
        for (var y = 0; y < face.Height; y++)
        {
            Array.Copy(face.Pixels, y * face.Width, picture.Pixels, ((y + 700) * picture.Width) + 300, face.Width);
        }

        Assert.Equal("12:34", SevenSegmentReader.Read(picture));
    }

    [Theory]
    [InlineData("23:59", 120, 2f, -4.6f, 70, 100, "blue")]
    [InlineData("12:34", 90, 1.5f, -6f, 45, 210, "green")]
    [InlineData("18:58", 40, 1.5f, 6.9f, 16, 200, "blue")]
    [InlineData("20:16", 80, 1.8f, 6.6f, 40, 140, "red")]
    [InlineData("8:26", 56, 1.6f, 5f, 25, 50, "lcd")]
    [InlineData("09:55", 56, 1.4f, -8f, 30, 215, "green")]
    [InlineData("13:37", 40, 1.3f, -6.8f, 14, 80, "green")]
    public void A_tilted_face_in_a_tight_window_within_a_larger_picture_is_read(
        string text, int digitHeight, float blur, float rotation, int padding, byte surround, string colours)
    {
        // The region cut out around a tilted row reaches past the window into the surround, which
        // must neither pass for a loose neighbour nor swallow the digit next to it; and a small lit
        // face in a large picture must not be clipped into its surround by a contrast stretch.
        var (foreground, background) = colours switch
        {
            "blue" => (Blue, ClockColours.Black),
            "green" => (Green, ClockColours.Black),
            "red" => (Red, ClockColours.Black),
            _ => (Lcd, ClockColours.LcdFace),
        };
        var face = new ClockFace(text)
        {
            DigitHeight = digitHeight,
            Foreground = foreground,
            Background = background,
            RotationDegrees = rotation,
            BlurSigma = blur,
            JpegQuality = 60,
            Padding = padding,
        };

        Assert.Equal(text, SevenSegmentReader.Read(SevenSegmentPictures.Embed(face, 1600, 1200, surround, 700, 500)));
    }

    [Theory]
    [InlineData("12:34", 8f)]
    [InlineData("09:55", 11f)]
    [InlineData("11:11", 10f)]
    public void Italic_digits_are_read(string text, float slant)
    {
        var face = new ClockFace(text) { DigitHeight = 90, Foreground = Red, SlantDegrees = slant, RotationDegrees = -2, BlurSigma = 0.8f, JpegQuality = 70, Ones = OneStyle.NarrowCell };

        Assert.Equal(text, SevenSegmentReader.Read(GrayPictures.DrawGray(face)));
    }

    [Fact]
    public void A_face_under_mild_glare_is_read()
    {
        var face = new ClockFace("22:22") { DigitHeight = 80, Foreground = Green, Glare = 0.25f, BlurSigma = 0.6f, JpegQuality = 75 };

        Assert.Equal("22:22", SevenSegmentReader.Read(GrayPictures.DrawGray(face)));
    }

    [Fact]
    public void A_display_cut_off_after_the_colon_is_not_read_as_a_shorter_number()
    {
        // "12:34" with the minutes outside the picture: "12" would be a different number.
        var whole = GrayPictures.DrawGray(new ClockFace("12:34") { DigitHeight = 80, Foreground = Red, BlurSigma = 0.6f });
        var colonRight = (int)(whole.Width * 0.56);
        var cut = ImageFilters.Crop(whole, 0, 0, colonRight, whole.Height);

        var read = SevenSegmentReader.Read(cut);

        Assert.True(read is null, $"Half a clock read as \"{read}\"");
    }

    [Fact]
    public void Random_noise_is_not_a_display()
    {
        var random = new Random(42);
        var pixels = new byte[640 * 480];
        random.NextBytes(pixels);

        var read = SevenSegmentReader.Read(new GrayImage(640, 480, pixels));

        Assert.True(read is null || !ClockText().IsMatch(read), $"Noise read as \"{read}\"");
    }

    [Fact]
    public void Smooth_blotchy_noise_is_not_a_display()
    {
        var random = new Random(5);
        var pixels = new byte[800 * 600];
        random.NextBytes(pixels);
        var blotches = ImageFilters.StretchContrast(ImageFilters.BoxBlur(ImageFilters.BoxBlur(new GrayImage(800, 600, pixels), 6), 6));

        var read = SevenSegmentReader.Read(blotches);

        Assert.True(read is null || !ClockText().IsMatch(read), $"Blotches read as \"{read}\"");
    }

    [Theory]
    [InlineData("Hello", 64f)]
    [InlineData("Hello", 160f)]
    [InlineData("Good morning", 48f)]
    public void Plain_text_in_a_normal_font_is_not_a_display(string text, float size)
    {
        var read = SevenSegmentReader.Read(GrayPictures.DrawText(text, size));

        Assert.True(read is null || !ClockText().IsMatch(read), $"\"{text}\" read as \"{read}\"");
    }

    [Fact]
    public void A_blank_picture_is_not_a_display()
    {
        Assert.Null(SevenSegmentReader.Read(GrayImage.Blank(300, 200, 128)));
    }

    [GeneratedRegex(@"^\d{1,2}:\d{2}$")]
    private static partial Regex ClockText();
}
