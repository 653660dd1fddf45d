using System.Globalization;
using SkiaSharp;

namespace Vybe.OcrBench.Corpus;

/// <summary>
/// Clocks: LED and LCD seven-segment faces (DSEG7: classic and modern, light to bold, italic) in
/// several colours, with unlit "ghost" segments, with and without a colon, leading zeros, 12-hour
/// faces with an AM/PM mark; flip clocks; and a digital watch with a small date and seconds.
/// A face without a colon is still read as a time, and its four digits are accepted as well.
/// </summary>
public static class Clocks
{
    private static readonly SKColor[] LedColours =
    [
        new(255, 40, 30), new(60, 255, 90), new(60, 150, 255), new(255, 170, 30), new(240, 240, 255), new(0, 230, 230),
    ];

    private static readonly string[] AngelTimes = ["11:11", "12:34", "22:22", "09:55", "10:10", "04:44", "21:12", "05:55"];

    public static Drawn Led(Dice dice, CorpusFonts fonts) => SevenSegmentFace(dice, fonts, lcd: false);

    public static Drawn Lcd(Dice dice, CorpusFonts fonts) => SevenSegmentFace(dice, fonts, lcd: true);

    private static Drawn SevenSegmentFace(Dice dice, CorpusFonts fonts, bool lcd)
    {
        var face = ClockFace.Roll(dice);
        var font = dice.Pick(CorpusFonts.SevenSegment);
        var size = dice.Between(110f, 170f);
        var colon = dice.Chance(0.75);
        var seconds = dice.Chance(0.25);
        var paper = lcd ? dice.Near(new SKColor(182, 192, 170), 14) : dice.Near(new SKColor(10, 10, 12), 8);
        var ink = lcd ? dice.Near(new SKColor(30, 34, 30), 10) : dice.Pick(LedColours);
        // DSEG: '!' is a blank as wide as a digit, ' ' as wide as the colon, so every face keeps its layout.
        var shown = (face.Hour.Length == 1 ? "!" + face.Hour : face.Hour) + (colon ? ":" : " ") + face.Minute;
        using var measure = new Sheet(fonts, 1, 1, SKColors.Black);
        var textWidth = measure.Measure("88:88", font, size);
        var width = (int)(textWidth + (seconds ? size * 0.9f : 0) + 140);
        var height = (int)(size * 1.6f) + 60;
        using var panel = new Sheet(fonts, width, height, paper);
        var left = 70f;
        var baseline = (height / 2f) + (size / 2f);
        var ghost = ink.WithAlpha((byte)(lcd ? dice.Between(14, 34) : dice.Between(0, 20)));
        panel.Text("88:88", font, size, ghost, left, baseline);
        if (lcd)
        {
            panel.Text(shown, font, size, ink, left, baseline);
        }
        else
        {
            panel.GlowingText(shown, font, size, ink, left, baseline, Align.Left, dice.Between(2f, 7f));
        }
        if (seconds)
        {
            panel.Text("88", font, size * 0.4f, ghost, left + textWidth + 20, baseline);
            panel.Text(string.Create(CultureInfo.InvariantCulture, $"{dice.Between(0, 59):00}"), font, size * 0.4f, ink, left + textWidth + 20, baseline);
        }
        if (face.Meridiem is not null)
        {
            panel.Text(face.Meridiem.ToUpperInvariant(), "liberation2/LiberationSans-Bold.ttf", size * 0.16f, ink, 22, baseline - (size * 0.8f));
        }
        if (lcd && dice.Chance(0.5))
        {
            panel.Text(dice.Pick(["ALARM", "SNOOZE", "AL 1"]), "liberation2/LiberationSans-Bold.ttf", size * 0.13f, ink, width - 30, 36, Align.Right);
        }
        var expected = face.Expected(colon);
        var description = $"{(lcd ? "LCD" : "LED")} clock {face.Describe(colon)} in {CorpusFonts.NameOf(font)}{(seconds ? ", small seconds" : "")}; the time is read";
        var shot = Shot.Photo(dice, maxRotation: 8, maxBlur: 2.5f);
        return new Drawn(panel.Snapshot(), expected, description, shot);
    }

    public static Drawn Flip(Dice dice, CorpusFonts fonts)
    {
        var face = ClockFace.Roll(dice);
        var font = dice.Pick(CorpusFonts.Bold);
        var size = dice.Between(130f, 170f);
        var card = dice.Near(new SKColor(34, 34, 36), 8);
        var ink = dice.Near(new SKColor(238, 238, 232), 8);
        var cardWidth = size * 1.35f;
        var cardHeight = size * 1.25f;
        var dots = dice.Chance(0.4);
        var width = (int)((cardWidth * 2) + 160);
        var height = (int)cardHeight + 100;
        using var clock = new Sheet(fonts, width, height, dice.Near(new SKColor(200, 196, 188), 30));
        foreach (var (text, x) in new[] { (face.Hour, 50f), (face.Minute, 110 + cardWidth) })
        {
            clock.Box(x, 50, cardWidth, cardHeight, card, 16);
            clock.Text(text, font, size, ink, x + (cardWidth / 2), 50 + (cardHeight / 2) + (size * 0.36f), Align.Center);
            clock.Line(x, 50 + (cardHeight / 2), x + cardWidth, 50 + (cardHeight / 2), dice.Near(new SKColor(10, 10, 10), 5), 3);
        }
        if (dots)
        {
            clock.Circle(80 + cardWidth, 50 + (cardHeight * 0.35f), 8, card);
            clock.Circle(80 + cardWidth, 50 + (cardHeight * 0.65f), 8, card);
        }
        if (face.Meridiem is not null)
        {
            clock.Text(face.Meridiem.ToUpperInvariant(), "liberation2/LiberationSans-Bold.ttf", size * 0.16f, ink, 64, 50 + cardHeight - 16);
        }
        var expected = face.Expected(colon: dots);
        var description = $"flip clock {face.Describe(dots)} on two cards in {CorpusFonts.NameOf(font)}; the time is read";
        return new Drawn(clock.Snapshot(), expected, description, Shot.Photo(dice));
    }

    public static Drawn Watch(Dice dice, CorpusFonts fonts)
    {
        var face = ClockFace.Roll(dice);
        var font = dice.Pick(CorpusFonts.SevenSegment);
        var day = dice.Pick(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]);
        var date = dice.Between(1, 31);
        using var watch = new Sheet(fonts, 620, 560, dice.Near(new SKColor(150, 140, 130), 40));
        watch.Box(170, 0, 280, 560, new SKColor(25, 25, 28), 30);
        watch.Box(60, 70, 500, 420, dice.Near(new SKColor(70, 72, 78), 20), 70);
        watch.Box(110, 150, 400, 250, dice.Near(new SKColor(176, 186, 166), 10), 18);
        var ink = new SKColor(28, 30, 28);
        var small = "liberation2/LiberationSans-Bold.ttf";
        watch.Text(dice.Pick(["ALARM CHRONOGRAPH", "ILLUMINATOR", "WATER RESIST"]), small, 18, new SKColor(220, 220, 220), 310, 120, Align.Center);
        var segment14 = dice.Pick(CorpusFonts.FourteenSegment);
        watch.Text(string.Create(CultureInfo.InvariantCulture, $"{day} {date,2}"), segment14, 34, ink, 140, 205);
        var shown = (face.Hour.Length == 1 ? "!" + face.Hour : face.Hour) + ":" + face.Minute;
        // The time fills the window beside small seconds, as on the real thing.
        var size = 290 / watch.Measure("88:88", font, 1);
        var timeWidth = watch.Text("88:88", font, size, ink.WithAlpha(22), 125, 360);
        watch.Text(shown, font, size, ink, 125, 360);
        watch.Text(string.Create(CultureInfo.InvariantCulture, $"{dice.Between(0, 59):00}"), font, size * 0.4f, ink, 135 + timeWidth, 360);
        if (face.Meridiem is not null)
        {
            watch.Text(face.Meridiem.ToUpperInvariant(), small, 22, ink, 130, 250);
        }
        watch.Text("LIGHT", small, 16, new SKColor(220, 220, 220), 110, 440);
        watch.Text("MODE", small, 16, new SKColor(220, 220, 220), 510, 440, Align.Right);
        var description = $"digital watch {face.Describe(colon: true)} in {CorpusFonts.NameOf(font)}, small day and date \"{day} {date}\" and seconds; the time is read";
        return new Drawn(watch.Snapshot(), face.Expected(colon: true), description, Shot.Photo(dice, maxRotation: 8, maxBlur: 2f));
    }

    /// <summary>A time as a clock shows it: "09" or "9", "55", and "pm" on a 12-hour face that marks it.</summary>
    private sealed record ClockFace(string Hour, string Minute, string? Meridiem)
    {
        public static ClockFace Roll(Dice dice)
        {
            if (dice.Chance(0.25))
            {
                var angel = dice.Pick(AngelTimes).Split(':');
                return new ClockFace(angel[0], angel[1], null);
            }
            var (hour, minute) = dice.Time();
            var minuteText = minute.ToString("00", CultureInfo.InvariantCulture);
            if (dice.Chance(0.3))
            {
                var (twelve, meridiem) = Dice.TwelveHour(hour, minute);
                return new ClockFace(twelve.Split(':')[0], minuteText, meridiem);
            }
            return new ClockFace(hour.ToString("00", CultureInfo.InvariantCulture), minuteText, null);
        }

        public string Time => Meridiem is null ? $"{Hour}:{Minute}" : $"{Hour}:{Minute} {Meridiem}";

        /// <summary>The time as the app offers it; a face without its colon also as its digits (1155 for 11:55).</summary>
        public string Expected(bool colon) => colon || Meridiem is not null ? Time : $"{Time}|{Hour}{Minute}";

        public string Describe(bool colon) =>
            $"{Hour}{(colon ? ":" : " ")}{Minute}{(Meridiem is null ? "" : $" with {Meridiem.ToUpperInvariant()} mark")}{(colon ? "" : " (no colon)")}";
    }
}
