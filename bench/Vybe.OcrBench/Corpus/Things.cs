using System.Globalization;
using SkiaSharp;

namespace Vybe.OcrBench.Corpus;

/// <summary>
/// Things photographed out in the world: a car's digital speedometer (big speed, small odometer,
/// trip and temperature), a fitness watch (big heart rate or step count, small time), licence
/// plates, signs (room, bus, platform, gate) and shelf price tags (big whole part, small cents).
/// </summary>
public static class Things
{
    public static Drawn Speedometer(Dice dice, CorpusFonts fonts)
    {
        var speed = dice.Chance(0.3) ? dice.Pick(["88", "111", "44", "77", "55", "100"]) : dice.Between(12, 180).ToString(CultureInfo.InvariantCulture);
        using var panel = new Sheet(fonts, 760, 420, dice.Near(new SKColor(12, 14, 18), 6));
        var glow = dice.Pick(new[] { new SKColor(240, 240, 245), new SKColor(90, 220, 255), new SKColor(255, 170, 40), new SKColor(120, 255, 160) });
        var segmented = dice.Chance(0.35);
        var font = segmented ? dice.Pick(CorpusFonts.SevenSegment) : dice.Pick(CorpusFonts.Bold);
        var small = dice.Pick(CorpusFonts.Regular);
        var size = dice.Between(170f, 230f);
        panel.Outline(20, 20, 720, 380, glow.WithAlpha(60), 3, 40);
        panel.GlowingText(speed, font, size, glow, 380, 80 + (size * 0.95f), Align.Center, 4);
        panel.Text("km/h", small, 30, glow.WithAlpha(200), 380, 120 + size, Align.Center);
        var odometer = string.Create(CultureInfo.InvariantCulture, $"ODO {dice.Digits(6)} km");
        panel.Text(odometer, small, 24, glow.WithAlpha(180), 50, 380);
        panel.Text(string.Create(CultureInfo.InvariantCulture, $"TRIP {dice.Between(10, 999)}.{dice.Between(0, 9)}"), small, 24, glow.WithAlpha(180), 710, 380, Align.Right);
        var clock = dice.Chance(0.4);
        if (clock)
        {
            var (hour, minute) = dice.Time();
            panel.Text(Dice.TwentyFourHour(hour, minute), small, 24, glow.WithAlpha(180), 50, 64);
        }
        panel.Text(string.Create(CultureInfo.InvariantCulture, $"{dice.Between(-5, 35)}°C"), small, 24, glow.WithAlpha(180), 710, 64, Align.Right);
        var description = $"car speedometer, speed {speed} in {CorpusFonts.NameOf(font)} {size:0}px, small odometer, trip, temperature{(clock ? " and clock" : "")}; the speed is read";
        return new Drawn(panel.Snapshot(), speed, description, Shot.Photo(dice));
    }

    public static Drawn FitnessWatch(Dice dice, CorpusFonts fonts)
    {
        using var face = new Sheet(fonts, 460, 460, dice.Near(new SKColor(60, 62, 66), 10));
        face.Circle(230, 230, 215, new SKColor(8, 8, 10));
        var heart = dice.Chance(0.5);
        var big = heart ? dice.Between(58, 188).ToString(CultureInfo.InvariantCulture) : dice.Between(1200, 19999).ToString(CultureInfo.InvariantCulture);
        var accent = heart ? dice.Near(new SKColor(255, 70, 80), 20) : dice.Near(new SKColor(80, 220, 120), 25);
        var font = dice.Pick(CorpusFonts.Bold.Concat(CorpusFonts.Regular).ToArray());
        var small = dice.Pick(CorpusFonts.Regular);
        var (hour, minute) = dice.Time();
        face.Text(Dice.TwentyFourHour(hour, minute), small, 30, new SKColor(230, 230, 230), 230, 110, Align.Center);
        var size = big.Length > 3 ? dice.Between(96f, 120f) : dice.Between(130f, 160f);
        face.Text(big, font, size, SKColors.White, 230, 230 + (size * 0.38f), Align.Center);
        face.Text(heart ? "BPM" : "STEPS", small, 28, accent, 230, 330, Align.Center);
        face.Text(heart ? string.Create(CultureInfo.InvariantCulture, $"avg {dice.Between(60, 140)}") : string.Create(CultureInfo.InvariantCulture, $"{dice.Between(1, 14)}.{dice.Between(0, 9)} km"), small, 24, new SKColor(170, 170, 170), 230, 370, Align.Center);
        var description = $"fitness watch, {(heart ? "heart rate" : "step count")} {big} in {CorpusFonts.NameOf(font)} large, time small above; the large figure is read";
        return new Drawn(face.Snapshot(), big, description, Shot.Photo(dice));
    }

    public static Drawn Plate(Dice dice, CorpusFonts fonts)
    {
        var digits = dice.Chance(0.3) ? dice.Pick(["777", "1212", "444", "2024", "1111", "303"]) : dice.Digits(dice.Between(2, 4));
        if (digits[0] == '0')
        {
            digits = "5" + digits[1..];
        }
        var letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
        string Letters(int n) => new([.. Enumerable.Range(0, n).Select(_ => letters[dice.Between(0, letters.Length - 1)])]);
        var text = dice.Between(0, 3) switch
        {
            0 => $"{Letters(2)} {digits} {Letters(2)}",
            1 => $"{Letters(1)} {Letters(2)} {digits}",
            2 => $"{Letters(2)}-{digits}-{Letters(2)}",
            _ => $"{Letters(2)} {digits}",
        };
        var yellow = dice.Chance(0.25);
        var font = dice.Pick(new[] { "liberation2/LiberationSans-Bold.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf", "noto/NotoSans-Bold.ttf", "roboto/unhinted/RobotoTTF/Roboto-Medium.ttf", "liberation2/LiberationMono-Bold.ttf" });
        const int Height = 150;
        using var measure = new Sheet(fonts, 1, 1, SKColors.White);
        var size = dice.Between(96f, 112f);
        var width = (int)(measure.Measure(text, font, size) + 130);
        using var plate = new Sheet(fonts, width + 80, Height + 80, dice.Near(new SKColor(90, 90, 95), 30));
        plate.Box(40, 40, width, Height, yellow ? new SKColor(250, 210, 20) : new SKColor(245, 245, 240), 14);
        plate.Outline(46, 46, width - 12, Height - 12, SKColors.Black, 4, 10);
        plate.Box(50, 50, 54, Height - 20, new SKColor(0, 60, 160), 6);
        plate.Text(dice.Pick(["D", "F", "NL", "GB", "E"]), "liberation2/LiberationSans-Bold.ttf", 26, SKColors.White, 77, Height + 20, Align.Center);
        plate.Text(text, font, size, new SKColor(15, 15, 15), 40 + 54 + ((width - 54) / 2f), 40 + (Height / 2f) + (size * 0.36f), Align.Center);
        var description = $"licence plate \"{text}\" in {CorpusFonts.NameOf(font)}{(yellow ? ", yellow" : "")}; its digits are read";
        return new Drawn(plate.Snapshot(), digits, description, Shot.Photo(dice));
    }

    public static Drawn Sign(Dice dice, CorpusFonts fonts)
    {
        var kind = dice.Between(0, 3);
        var number = kind switch
        {
            0 => dice.Pick(["101", "202", "404", "111", "12", "314", dice.Between(10, 599).ToString(CultureInfo.InvariantCulture)]),
            1 => dice.Between(10, 399).ToString(CultureInfo.InvariantCulture),
            2 => dice.Between(10, 24).ToString(CultureInfo.InvariantCulture),
            _ => dice.Between(10, 88).ToString(CultureInfo.InvariantCulture),
        };
        var strong = dice.Pick(CorpusFonts.Bold);
        var regular = dice.Pick(CorpusFonts.Regular);
        Sheet sign;
        string what;
        switch (kind)
        {
            case 0:
                sign = new Sheet(fonts, 520, 300, dice.Near(new SKColor(210, 200, 185), 20));
                var plaque = dice.Pick(new[] { new SKColor(250, 250, 250), new SKColor(40, 60, 90), new SKColor(30, 30, 30) });
                sign.Box(40, 40, 440, 220, plaque, 12);
                var ink = plaque.Red < 128 ? SKColors.White : new SKColor(20, 20, 20);
                sign.Text("ROOM", regular, 40, ink, 260, 110, Align.Center);
                sign.Text(number, strong, 120, ink, 260, 235, Align.Center);
                what = $"door sign ROOM {number}";
                break;
            case 1:
                sign = new Sheet(fonts, 900, 220, new SKColor(20, 20, 20));
                var amber = dice.Near(new SKColor(255, 160, 20), 20);
                var seg = dice.Pick(CorpusFonts.FourteenSegment);
                sign.GlowingText(number, seg, 120, amber, 40, 170, Align.Left, 3);
                sign.GlowingText(dice.Pick(["CENTRAL", "AIRPORT", "HARBOUR", "ZOO", "UNIVERSITY"]), seg, 56, amber, 860, 140, Align.Right, 3);
                what = $"bus destination board, route {number} large in {CorpusFonts.NameOf(seg)}, destination smaller";
                break;
            case 2:
                sign = new Sheet(fonts, 700, 300, new SKColor(15, 50, 130));
                sign.Text("Platform", regular, 56, SKColors.White, 40, 120);
                sign.Text(number, strong, 200, SKColors.White, 660, 240, Align.Right);
                var (hour, minute) = dice.Time();
                sign.Text(string.Create(CultureInfo.InvariantCulture, $"Next: {Dice.TwentyFourHour(hour, minute)} {dice.Pick(["Leeds", "York", "Bern", "Lyon"])}"), regular, 34, new SKColor(230, 230, 240), 40, 250);
                what = $"platform sign, platform {number} large, next departure time small";
                break;
            default:
                sign = new Sheet(fonts, 640, 320, new SKColor(245, 200, 0));
                sign.Text("GATE", strong, 70, new SKColor(20, 20, 20), 40, 120);
                sign.Text(number, strong, 190, new SKColor(20, 20, 20), 600, 270, Align.Right);
                sign.Text("→", regular, 90, new SKColor(20, 20, 20), 40, 260);
                what = $"airport gate sign, GATE {number}";
                break;
        }
        using (sign)
        {
            return new Drawn(sign.Snapshot(), number, $"{what} in {CorpusFonts.NameOf(strong)}; the number is read", Shot.Photo(dice));
        }
    }

    public static Drawn PriceTag(Dice dice, CorpusFonts fonts)
    {
        var repeated = dice.Chance(0.3);
        var whole = repeated ? dice.Pick([11, 12, 22, 33, 44, 55, 99]) : dice.Between(10, 299);
        var cents = repeated ? whole % 100 : dice.Pick([99, 49, 95, 90, 0, 29]);
        if (!repeated && cents == whole % 100 && whole < 100)
        {
            cents = cents == 99 ? 49 : 99;
        }
        var expected = repeated
            ? string.Create(CultureInfo.InvariantCulture, $"{whole}|{whole}{cents:00}")
            : whole.ToString(CultureInfo.InvariantCulture);
        var paper = dice.Pick(new[] { new SKColor(255, 230, 0), new SKColor(250, 250, 250), new SKColor(255, 80, 60) });
        var ink = paper.Red > 250 && paper.Green < 100 ? SKColors.White : new SKColor(20, 20, 20);
        var strong = dice.Pick(CorpusFonts.Bold);
        var regular = dice.Pick(CorpusFonts.Regular);
        using var tag = new Sheet(fonts, 560, 320, paper);
        tag.Text(dice.Pick(["Olive oil 1 L", "Coffee beans 500 g", "Headphones", "Wine 0.75 L", "Desk lamp", "Shampoo 250 ml"]), regular, 30, ink, 30, 56);
        var size = dice.Between(150f, 190f);
        var wholeText = whole.ToString(CultureInfo.InvariantCulture);
        var superscript = dice.Chance(0.6);
        var wholeWidth = tag.Measure(wholeText, strong, size);
        var left = superscript ? 280 - ((wholeWidth + 60) / 2) : 280 - ((wholeWidth + (size * 0.75f)) / 2);
        tag.Text(wholeText, strong, size, ink, left, 240);
        var centsText = string.Create(CultureInfo.InvariantCulture, $"{cents:00}");
        if (superscript)
        {
            tag.Text(centsText, strong, size * 0.38f, ink, left + wholeWidth + 6, 240 - (size * 0.4f));
        }
        else
        {
            tag.Text("." + centsText, strong, size * 0.5f, ink, left + wholeWidth, 240);
        }
        tag.Text(string.Create(CultureInfo.InvariantCulture, $"{dice.Between(1, 40)}.{dice.Between(0, 99):00} / kg   {dice.Digits(8)}"), regular, 20, ink, 30, 296);
        var description = $"shelf price tag {whole}.{cents:00} with {(superscript ? "raised small cents" : "smaller cents")} in {CorpusFonts.NameOf(strong)}; the whole part is read";
        return new Drawn(tag.Snapshot(), expected, description, Shot.Photo(dice));
    }
}
