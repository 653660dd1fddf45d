using SkiaSharp;
using Vybe.TestSupport.Photos;
using Vybe.Web.Ocr;

namespace Vybe.Web.Tests.Ocr;

/// <summary><see cref="SevenSegmentReader.Locate"/>: where the display's digits are, and how tall, in the picture's pixels.</summary>
public sealed class SevenSegmentLocatorTests
{
    /// <summary>Digit heights: how far inside the drawn digits the box's sides may stand (thresholding a blurred edge).</summary>
    private const double InsideTolerance = 0.08;

    /// <summary>Digit heights: how far outside the drawn digits the box's sides may stand (an upright box around a tilted row).</summary>
    private const double OutsideTolerance = 0.3;

    public static TheoryData<ClockFace> Faces() => [.. SevenSegmentReaderTests.ClockFaces, .. SevenSegmentReaderTests.RotatedBlurredFaces];

    [Theory]
    [MemberData(nameof(Faces))]
    public void The_box_holds_the_drawn_digits_and_little_more_and_the_height_is_theirs(ClockFace face)
    {
        var display = SevenSegmentReader.Locate(GrayPictures.DrawGray(face));

        // The faces the reader misses are counted by SevenSegmentReaderTests; a found one must be placed right.
        if (display is not null)
        {
            AssertPlaced(display, SevenSegmentDrawing.DigitBounds(face), face.DigitHeight);
        }
    }

    [Fact]
    public void Read_answers_the_text_that_Locate_found()
    {
        var image = GrayPictures.DrawGray(SevenSegmentReaderTests.RotatedBlurredFaces[0]);

        Assert.Equal(SevenSegmentReader.Locate(image)?.Text, SevenSegmentReader.Read(image));
        Assert.NotNull(SevenSegmentReader.Read(image));
    }

    [Fact]
    public void A_face_in_a_large_picture_is_placed_in_that_pictures_pixels()
    {
        // 2000 px wide: the reader works on the picture shrunk, and must say where in the picture as given.
        var face = new ClockFace("12:34") { DigitHeight = 90, Foreground = ClockColours.GreenLed, RotationDegrees = -6, BlurSigma = 1.5f };
        const int offsetX = 1200, offsetY = 900;
        var picture = SevenSegmentPictures.Embed(face, 2000, 1500, surround: 210, offsetX, offsetY);
        var bounds = SevenSegmentDrawing.DigitBounds(face);
        bounds.Offset(offsetX, offsetY);

        var display = SevenSegmentReader.Locate(picture);

        Assert.NotNull(display);
        Assert.Equal("12:34", display.Text);
        AssertPlaced(display, bounds, face.DigitHeight);
    }

    [Fact]
    public void Italic_digits_are_boxed_with_their_lean()
    {
        var face = new ClockFace("09:55") { DigitHeight = 100, Foreground = ClockColours.RedLed, SlantDegrees = 11, RotationDegrees = 3, BlurSigma = 1f };

        var display = SevenSegmentReader.Locate(GrayPictures.DrawGray(face));

        Assert.NotNull(display);
        AssertPlaced(display, SevenSegmentDrawing.DigitBounds(face), face.DigitHeight);
    }

    private static void AssertPlaced(SevenSegmentDisplay display, SKRect drawn, double digitHeight)
    {
        var box = display.Box;
        var inside = InsideTolerance * digitHeight;
        var outside = OutsideTolerance * digitHeight;
        var sides = new (string Side, double Beyond)[]
        {
            ("left", drawn.Left - box.Left), ("top", drawn.Top - box.Top), ("right", box.Right - drawn.Right), ("bottom", box.Bottom - drawn.Bottom),
        };
        foreach (var (side, beyond) in sides)
        {
            Assert.True(beyond >= -inside && beyond <= outside,
                $"the box {box} stands {beyond:0.#} px beyond the drawn digits {drawn} at the {side} (allowed {-inside:0.#} to {outside:0.#})");
        }
        Assert.InRange(display.DigitHeight, 0.85 * digitHeight, 1.15 * digitHeight);
    }
}
