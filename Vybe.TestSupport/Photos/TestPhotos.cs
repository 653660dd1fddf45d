using SkiaSharp;

namespace Vybe.TestSupport.Photos;

/// <summary>
/// Photos the tests draw themselves, with Debian's DejaVu fonts: the kinds of picture people upload
/// (plain numbers, clocks, receipts, lock screens, licence plates), made harder on purpose with small
/// text, rotation, blur, JPEG noise, low contrast and light-on-dark colours.
/// </summary>
public static class TestPhotos
{
    public sealed record Case(string Name, string Expected, Func<byte[]> Draw)
    {
        public override string ToString() => Name;
    }

    private const string FontFolder = "/usr/share/fonts/truetype/dejavu/";

    public static IReadOnlyList<Case> All { get; } =
    [
        new("plain 11:11", "11:11", () => Text("11:11", "DejaVuSans.ttf", 96)),
        new("bold 444", "444", () => Text("444", "DejaVuSans-Bold.ttf", 120)),
        new("serif 1212", "1212", () => Text("1212", "DejaVuSerif.ttf", 80)),
        new("9:55 pm", "9:55 pm", () => Text("9:55 pm", "DejaVuSans.ttf", 64)),
        new("white on navy 21:12", "21:12", () => Text("21:12", "DejaVuSans-Bold.ttf", 90, ink: new SKColor(250, 250, 250), paper: new SKColor(20, 30, 80))),
        new("000 on grey", "000", () => Text("000", "DejaVuSans.ttf", 100, paper: new SKColor(200, 200, 200))),
        new("small 12:34", "12:34", () => Text("12:34", "DejaVuSans.ttf", 15)),
        new("small 555", "555", () => Text("555", "DejaVuSans-Bold.ttf", 14)),
        new("rotated 1234", "1234", () => Text("1234", "DejaVuSans.ttf", 80, rotate: 3)),
        new("rotated 4321", "4321", () => Text("4321", "DejaVuSans.ttf", 80, rotate: -4)),
        new("blurred 10:01", "10:01", () => Text("10:01", "DejaVuSans.ttf", 80, blur: 1.5f)),
        new("noisy jpeg 777", "777", () => Text("777", "DejaVuSans-Bold.ttf", 90, jpegQuality: 25)),
        new("mono 2:22", "2:22", () => Text("2:22", "DejaVuSansMono.ttf", 72)),
        new("big 33", "33", () => Text("33", "DejaVuSans-Bold.ttf", 160)),
        new("orange 12:12", "12:12", () => Text("12:12", "DejaVuSans-Bold.ttf", 84, ink: new SKColor(40, 20, 0), paper: new SKColor(255, 160, 40))),
        new("09:55", "09:55", () => Text("09:55", "DejaVuSans.ttf", 72)),
        new("1010", "1010", () => Text("1010", "DejaVuSerif-Bold.ttf", 72)),
        new("6:06 am", "6:06 am", () => Text("6:06 am", "DejaVuSans.ttf", 64)),
        new("twelve digits", "123456789012", () => Text("123456789012", "DejaVuSansMono.ttf", 40)),
        new("low contrast 11:11", "11:11", () => Text("11:11", "DejaVuSans.ttf", 90, ink: new SKColor(150, 150, 150), paper: new SKColor(235, 235, 235))),
        new("red on black 3:33", "3:33", () => Text("3:33", "DejaVuSans-Bold.ttf", 90, ink: new SKColor(230, 30, 30), paper: SKColors.Black)),
        new("oblique 606", "606", () => Text("606", "DejaVuSans-Oblique.ttf", 90)),
        new("condensed 2222", "2222", () => Text("2222", "DejaVuSansCondensed.ttf", 90)),
        new("sign room 101", "101", () => Text("ROOM 101", "DejaVuSans-Bold.ttf", 70)),
        new("receipt order 444", "444", Receipt),
        new("receipt 1111 among prices", "1111", () => Lines(
            [("CORNER CAFE", 30), ("Flat white   3.40", 24), ("Croissant    2.10", 24), ("Ticket 1111", 28), ("Thank you!", 24)])),
        new("lock screen 11:11", "11:11", () => LockScreen("11:11")),
        new("lock screen 4:44", "4:44", () => LockScreen("4:44")),
        new("lock screen 10:10 over a date with digits", "10:10", () => LockScreen("10:10", "Tuesday 17 November")),
        new("receipt total 444.18 among prices", "444", () => ReceiptWithTotal("444.18")),
        new("receipt total 55.55", "5555", () => ReceiptWithTotal("55.55")),
        new("plate 1212", "1212", () => Plate("AB 1212 CD")),
        new("plate 777", "777", () => Plate("KX 777 Z")),
        new("noisy dots 999", "999", () => Text("999", "DejaVuSans-Bold.ttf", 90, speckles: 400)),
        new("blurred jpeg 8888", "8888", () => Text("8888", "DejaVuSans.ttf", 70, blur: 1f, jpegQuality: 45)),
        new("wide photo 22:22", "22:22", () => Text("22:22", "DejaVuSans.ttf", 60, width: 1600, height: 500)),
        new("webp 5:55", "5:55", () => Text("5:55", "DejaVuSans.ttf", 80, format: SKEncodedImageFormat.Webp)),
    ];

    private static SKTypeface Font(string file) =>
        SKTypeface.FromFile(FontFolder + file) ?? throw new InvalidOperationException($"Font {file} is missing: install fonts-dejavu-core and fonts-dejavu-extra.");

    /// <summary>One line of text in the middle of a picture.</summary>
    public static byte[] Text(string text, string font, float size, SKColor? ink = null, SKColor? paper = null, float rotate = 0,
        float blur = 0, int jpegQuality = 0, int speckles = 0, int width = 0, int height = 0,
        SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var typeface = Font(font);
        using var skFont = new SKFont(typeface, size);
        var textWidth = skFont.MeasureText(text);
        width = width > 0 ? width : (int)(textWidth + (size * 1.5f) + 20);
        height = height > 0 ? height : (int)(size * 2.2f) + 20;
        return Draw(width, height, paper ?? SKColors.White, jpegQuality, format, canvas =>
        {
            canvas.RotateDegrees(rotate, width / 2f, height / 2f);
            using var paint = new SKPaint { Color = ink ?? SKColors.Black, IsAntialias = true };
            if (blur > 0)
            {
                paint.ImageFilter = SKImageFilter.CreateBlur(blur, blur);
            }
            canvas.DrawText(text, (width - textWidth) / 2f, (height / 2f) + (size * 0.36f), SKTextAlign.Left, skFont, paint);
            Speckle(canvas, width, height, speckles);
        });
    }

    /// <summary>Lines of text, top to bottom, like a receipt or a notice.</summary>
    public static byte[] Lines(IReadOnlyList<(string Text, float Size)> lines, string font = "DejaVuSansMono.ttf")
    {
        using var typeface = Font(font);
        var width = 520;
        var height = 60 + (int)lines.Sum(l => l.Size * 1.6f);
        return Draw(width, height, new SKColor(252, 250, 242), 0, SKEncodedImageFormat.Png, canvas =>
        {
            using var paint = new SKPaint { Color = new SKColor(30, 30, 30), IsAntialias = true };
            var y = 30f;
            foreach (var (text, size) in lines)
            {
                using var skFont = new SKFont(typeface, size);
                y += size * 1.3f;
                canvas.DrawText(text, 30, y, SKTextAlign.Left, skFont, paint);
                y += size * 0.3f;
            }
        });
    }

    private static byte[] Receipt() => Lines(
    [
        ("SUNRISE BAKERY", 30), ("12 Market Street", 22), ("Sourdough     4.20", 24), ("Cinnamon bun  2.95", 24),
        ("Order 444", 30), ("Card payment", 22),
    ]);

    /// <summary>
    /// A till receipt: a shop name, an address with a house number, three items with prices, and
    /// the total in bold, a size larger: the amount a person notices.
    /// </summary>
    public static byte[] ReceiptWithTotal(string total)
    {
        const int width = 520, height = 420;
        return Draw(width, height, new SKColor(250, 248, 240), 0, SKEncodedImageFormat.Png, canvas =>
        {
            using var ink = new SKPaint { Color = new SKColor(35, 35, 35), IsAntialias = true };
            using var regular = Font("DejaVuSansMono.ttf");
            using var bold = Font("DejaVuSansMono-Bold.ttf");
            using var title = new SKFont(bold, 28);
            using var small = new SKFont(regular, 20);
            using var item = new SKFont(regular, 22);
            using var large = new SKFont(bold, 34);
            canvas.DrawText("HARBOUR DELI", 30, 50, SKTextAlign.Left, title, ink);
            canvas.DrawText("8 Quay Road", 30, 85, SKTextAlign.Left, small, ink);
            var y = 140f;
            foreach (var (name, price) in new[] { ("Olive oil", "18.20"), ("Coffee beans", "26.40"), ("Sourdough", "7.15") })
            {
                canvas.DrawText(name, 30, y, SKTextAlign.Left, item, ink);
                canvas.DrawText(price, width - 30, y, SKTextAlign.Right, item, ink);
                y += 40;
            }
            canvas.DrawLine(30, y - 15, width - 30, y - 15, ink);
            y += 35;
            canvas.DrawText("TOTAL", 30, y, SKTextAlign.Left, large, ink);
            canvas.DrawText(total, width - 30, y, SKTextAlign.Right, large, ink);
            canvas.DrawText("Card payment", 30, y + 50, SKTextAlign.Left, small, ink);
        });
    }

    /// <summary>A phone's lock screen: a big thin clock in light grey on a dark gradient, a small date above it.</summary>
    public static byte[] LockScreen(string time, string date = "Tuesday, November")
    {
        const int width = 540, height = 960;
        return Draw(width, height, SKColors.Black, 0, SKEncodedImageFormat.Png, canvas =>
        {
            using var background = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, height),
                    [new SKColor(30, 40, 90), new SKColor(10, 10, 25)], SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, width, height, background);
            using var thin = Font("DejaVuSans-ExtraLight.ttf");
            using var clockFont = new SKFont(thin, 150);
            using var light = new SKPaint { Color = new SKColor(235, 235, 245), IsAntialias = true };
            canvas.DrawText(time, (width - clockFont.MeasureText(time)) / 2f, 330, SKTextAlign.Left, clockFont, light);
            using var regular = Font("DejaVuSans.ttf");
            using var dateFont = new SKFont(regular, 30);
            canvas.DrawText(date, (width - dateFont.MeasureText(date)) / 2f, 170, SKTextAlign.Left, dateFont, light);
        });
    }

    /// <summary>A yellow licence plate with a black border and black characters.</summary>
    public static byte[] Plate(string text)
    {
        const int width = 620, height = 180;
        return Draw(width, height, new SKColor(90, 90, 90), 0, SKEncodedImageFormat.Png, canvas =>
        {
            using var plate = new SKPaint { Color = new SKColor(250, 205, 30), IsAntialias = true };
            canvas.DrawRoundRect(20, 20, width - 40, height - 40, 14, 14, plate);
            using var border = new SKPaint { Color = SKColors.Black, IsStroke = true, StrokeWidth = 5, IsAntialias = true };
            canvas.DrawRoundRect(28, 28, width - 56, height - 56, 10, 10, border);
            using var typeface = Font("DejaVuSansCondensed-Bold.ttf");
            using var font = new SKFont(typeface, 96);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            canvas.DrawText(text, (width - font.MeasureText(text)) / 2f, (height / 2f) + 34, SKTextAlign.Left, font, ink);
        });
    }

    private static void Speckle(SKCanvas canvas, int width, int height, int count)
    {
        var random = new Random(count);
        using var dot = new SKPaint { Color = new SKColor(60, 60, 60), IsAntialias = true };
        for (var i = 0; i < count; i++)
        {
            canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(1, 3), dot);
        }
    }

    private static byte[] Draw(int width, int height, SKColor paper, int jpegQuality, SKEncodedImageFormat format, Action<SKCanvas> paint)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(paper);
            paint(canvas);
        }
        using var image = SKImage.FromBitmap(bitmap);
        var (encoding, quality) = jpegQuality > 0 ? (SKEncodedImageFormat.Jpeg, jpegQuality) : (format, 90);
        using var data = image.Encode(encoding, quality);
        return data.ToArray();
    }
}
