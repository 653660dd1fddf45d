using SkiaSharp;

namespace Vybe.TestSupport.Photos;

/// <summary>
/// Photos of digital clocks, the picture people take most (11:11 on an alarm clock or an oven):
/// seven-segment faces in several colours and sizes, with rotation (up to 8°), slant, blur, noise and JPEG.
/// </summary>
public static class TestClockPhotos
{
    public static IReadOnlyList<TestPhotos.Case> All { get; } =
    [
        Clock("red alarm clock 11:11", "11:11", new ClockFace("11:11")),
        Clock("green oven 12:34, blurred", "12:34", new ClockFace("12:34") { Foreground = ClockColours.GreenLed, BlurSigma = 1.2f }),
        Clock("blue clock 10:01, rotated", "10:01", new ClockFace("10:01") { Foreground = ClockColours.BlueLed, RotationDegrees = 3 }),
        Clock("LCD 4:44", "4:44", new ClockFace("4:44") { Foreground = ClockColours.LcdSegment, Background = ClockColours.LcdFace, UnlitSegments = ClockColours.LcdGhost }),
        Clock("white LED 09:55, JPEG", "09:55", new ClockFace("09:55") { Foreground = ClockColours.WhiteLed, Background = ClockColours.DarkGrey, JpegQuality = 55 }),
        Clock("small red 22:22", "22:22", new ClockFace("22:22") { DigitHeight = 36 }),
        Clock("slanted 7:07 with narrow ones", "7:07", new ClockFace("7:07") { SlantDegrees = 8, Ones = OneStyle.NarrowCell }),
        Clock("noisy 1:11 with narrow ones", "1:11", new ClockFace("1:11") { Ones = OneStyle.NarrowCell, NoiseAmplitude = 30 }),
        Clock("big green 21:12 with glare", "21:12", new ClockFace("21:12") { Foreground = ClockColours.GreenLed, DigitHeight = 180, Glare = 0.35f }),
        Clock("rounded LCD 12:21", "12:21", new ClockFace("12:21") { Shape = SegmentShape.RoundedBar, Foreground = ClockColours.LcdSegment, Background = ClockColours.LcdFace }),
        Clock("red 13:37 tilted 7°, blurred, JPEG", "13:37", new ClockFace("13:37") { RotationDegrees = 7, BlurSigma = 1.8f, JpegQuality = 55 }),
        Clock("LCD 9:48 tilted −8°, blurred", "9:48", new ClockFace("9:48") { DigitHeight = 70, Foreground = ClockColours.LcdSegment, Background = ClockColours.LcdFace, UnlitSegments = ClockColours.LcdGhost, RotationDegrees = -8, BlurSigma = 1.6f, JpegQuality = 60 }),
        Clock("blue 20:58 tilted 6°, blurred, noisy", "20:58", new ClockFace("20:58") { DigitHeight = 50, Foreground = ClockColours.BlueLed, RotationDegrees = 6, BlurSigma = 1.5f, NoiseAmplitude = 10, JpegQuality = 50 }),
    ];

    private static TestPhotos.Case Clock(string name, string expected, ClockFace face) => new(name, expected, () =>
    {
        using var bitmap = SevenSegmentDrawing.Draw(face);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    });
}
