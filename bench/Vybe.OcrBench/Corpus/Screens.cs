using System.Globalization;
using SkiaSharp;

namespace Vybe.OcrBench.Corpus;

/// <summary>
/// Phone screens: lock screens (a big time in a thin or light weight, a small date line with the day
/// of the month, maybe a notification), notification banners whose one large figure is read first,
/// and chat screenshots where one "jumbo" message (a number or a time sent alone) stands out among
/// small time stamps. Each is either a screenshot or a photo of the phone.
/// </summary>
public static class Screens
{
    public const int ScreenWidth = 540;
    public const int ScreenHeight = 1170;

    private static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] AngelTimes = ["11:11", "22:22", "12:34", "4:44", "10:10", "3:33", "21:12", "5:55", "12:21", "09:09"];
    private static readonly string[] Senders = ["Sam", "Anna", "Mum", "Leo", "Priya", "Tom", "Work chat"];
    private static readonly string[] ChatLines =
    [
        "running 10 min late", "see you at 7?", "bus 42 was late again", "room 12 on the 3rd floor", "ok!", "haha yes",
        "did you see this", "call me later", "2 more stops", "on my way", "it was 25 degrees today", "sure, 5 is fine",
    ];

    public static Drawn LockScreen(Dice dice, CorpusFonts fonts)
    {
        var time = dice.Chance(0.3) ? dice.Pick(AngelTimes) : FaceOf(dice);
        var dark = dice.Chance(0.7);
        using var screen = Wallpaper(dice, fonts, dark);
        var ink = dark ? dice.Near(new SKColor(245, 245, 250), 8) : dice.Near(new SKColor(25, 25, 35), 10);
        var font = dice.Pick(CorpusFonts.Thin);
        var size = dice.Between(130f, 190f);
        var date = DateLine(dice);
        var dateFont = dice.Pick(CorpusFonts.Regular);
        var dateSize = dice.Between(22f, 30f);
        var dateAbove = dice.Chance(0.6);
        var top = dice.Between(180f, 260f);
        if (dateAbove)
        {
            screen.Text(date, dateFont, dateSize, ink, ScreenWidth / 2f, top, Align.Center);
            screen.Text(time, font, size, ink, ScreenWidth / 2f, top + (size * 0.95f), Align.Center);
        }
        else
        {
            screen.Text(time, font, size, ink, ScreenWidth / 2f, top + (size * 0.6f), Align.Center);
            screen.Text(date, dateFont, dateSize, ink, ScreenWidth / 2f, top + (size * 0.6f) + (dateSize * 1.8f), Align.Center);
        }
        var notified = dice.Chance(0.5);
        if (notified)
        {
            NotificationCard(screen, dice, top + (size * 1.5f) + 40, dark, dice.Pick(Senders), dice.Pick(ChatLines), dice.Chance(0.5) ? "now" : $"{dice.Between(2, 59)}m ago");
        }
        var description = $"lock screen, time {time} in {CorpusFonts.NameOf(font)} {size:0}px, date \"{date}\" {(dateAbove ? "above" : "below")}{(notified ? ", a notification" : "")}; the big time is read";
        return Finish(dice, fonts, screen, time, description);
    }

    public static Drawn Banner(Dice dice, CorpusFonts fonts)
    {
        var dark = dice.Chance(0.5);
        using var screen = Wallpaper(dice, fonts, dark, statusTime: true);
        var kind = dice.Between(0, 4);
        var cardTop = dice.Between(90f, 260f);
        var card = dark ? new SKColor(40, 40, 48, 235) : new SKColor(250, 250, 252, 240);
        var ink = dark ? new SKColor(240, 240, 245) : new SKColor(25, 25, 30);
        var muted = dark ? new SKColor(170, 170, 180) : new SKColor(110, 110, 120);
        var body = dice.Pick(CorpusFonts.Regular);
        var strong = dice.Pick(CorpusFonts.Bold);
        var bigSize = dice.Between(64f, 96f);
        const float Left = 44;
        screen.Box(24, cardTop, ScreenWidth - 48, bigSize + 210, card, 28);
        string expected;
        string what;
        switch (kind)
        {
            case 0:
                expected = dice.Digits(dice.Pick([4, 5, 6]));
                screen.Text("MESSAGES", body, 20, muted, Left, cardTop + 40);
                screen.Text("now", body, 20, muted, ScreenWidth - Left, cardTop + 40, Align.Right);
                screen.Text("Your sign-in code", strong, 28, ink, Left, cardTop + 84);
                screen.Text(expected, strong, bigSize, ink, Left, cardTop + 100 + bigSize);
                screen.Text("Valid for 10 minutes. Do not share it.", body, 21, muted, Left, cardTop + 150 + bigSize);
                what = $"sign-in code {expected} large";
                break;
            case 1:
                var (hour, minute) = dice.Time();
                expected = Dice.TwentyFourHour(hour, minute);
                screen.Text("CLOCK · ALARM", body, 20, muted, Left, cardTop + 40);
                screen.Text(expected, dice.Pick(CorpusFonts.Thin), bigSize * 1.3f, ink, Left, cardTop + 60 + (bigSize * 1.1f));
                screen.Text("Wake up · Snooze 10 min", body, 24, muted, Left, cardTop + 150 + bigSize);
                what = $"alarm {expected} large";
                break;
            case 2:
                expected = dice.Digits(dice.Pick([4, 6]));
                screen.Text("PARCEL LOCKER", body, 20, muted, Left, cardTop + 40);
                screen.Text($"{dice.Between(2, 40)}m ago", body, 20, muted, ScreenWidth - Left, cardTop + 40, Align.Right);
                screen.Text("Pickup code", strong, 28, ink, Left, cardTop + 84);
                screen.Text(expected, strong, bigSize, ink, Left, cardTop + 100 + bigSize);
                screen.Text(string.Create(CultureInfo.InvariantCulture, $"Locker {dice.Between(1, 60)} · open until {dice.Between(17, 22)}:00"), body, 21, muted, Left, cardTop + 150 + bigSize);
                what = $"pickup code {expected} large, locker number and closing time small";
                break;
            case 3:
                var whole = dice.Between(10, 999);
                var cents = dice.Chance(0.5) ? 0 : dice.Between(1, 99);
                expected = whole.ToString(CultureInfo.InvariantCulture);
                screen.Text("BANK", body, 20, muted, Left, cardTop + 40);
                screen.Text("now", body, 20, muted, ScreenWidth - Left, cardTop + 40, Align.Right);
                screen.Text("Payment received", strong, 28, ink, Left, cardTop + 84);
                screen.Text(string.Create(CultureInfo.InvariantCulture, $"+{dice.Pick(["€", "$", "£"])}{whole}.{cents:00}"), strong, bigSize, ink, Left, cardTop + 100 + bigSize);
                screen.Text(string.Create(CultureInfo.InvariantCulture, $"Balance {dice.Between(100, 999)}.{dice.Between(0, 99):00}"), body, 21, muted, Left, cardTop + 150 + bigSize);
                what = $"payment amount {whole}.{cents:00} large, balance small";
                if (cents == whole % 100 && whole < 100)
                {
                    expected += string.Create(CultureInfo.InvariantCulture, $"|{whole}{cents:00}");
                }
                break;
            default:
                expected = dice.Pick(["10000", "12000", "8888", "5000", "7777", "15000"]);
                screen.Text("FITNESS", body, 20, muted, Left, cardTop + 40);
                screen.Text("Goal reached!", strong, 28, ink, Left, cardTop + 84);
                screen.Text(expected, strong, bigSize, ink, Left, cardTop + 100 + bigSize);
                screen.Text(string.Create(CultureInfo.InvariantCulture, $"steps today · {dice.Between(2, 9)}.{dice.Between(0, 9)} km"), body, 21, muted, Left, cardTop + 150 + bigSize);
                what = $"step count {expected} large";
                break;
        }
        var description = $"notification banner, {what} in {CorpusFonts.NameOf(strong)}, status-bar time small; the large figure is read";
        return Finish(dice, fonts, screen, expected, description);
    }

    public static Drawn Chat(Dice dice, CorpusFonts fonts)
    {
        var dark = dice.Chance(0.4);
        using var screen = new Sheet(fonts, ScreenWidth, ScreenHeight, dark ? new SKColor(16, 16, 20) : new SKColor(236, 229, 221));
        var ink = dark ? new SKColor(235, 235, 240) : new SKColor(20, 20, 25);
        var muted = dark ? new SKColor(150, 150, 160) : new SKColor(110, 110, 115);
        var body = dice.Pick(CorpusFonts.Regular);
        var strong = dice.Pick(CorpusFonts.Bold);
        StatusBar(screen, dice, body, ink, withTime: true);
        screen.Box(0, 60, ScreenWidth, 80, dark ? new SKColor(32, 32, 38) : new SKColor(250, 250, 250));
        screen.Text(dice.Pick(Senders), strong, 30, ink, 90, 112);
        screen.Circle(50, 100, 24, dice.Near(new SKColor(120, 150, 200), 60));

        var jumbo = dice.Chance(0.4) ? dice.Pick(AngelTimes) : dice.Chance(0.5) ? dice.Pick(["111", "222", "333", "444", "555", "777", "888", "999", "1111", "1234"]) : dice.Digits(dice.Between(2, 4));
        if (jumbo.Length > 1 && jumbo[0] == '0' && !jumbo.Contains(':', StringComparison.Ordinal))
        {
            jumbo = "1" + jumbo[1..];
        }
        var jumboAt = dice.Between(2, 4);
        var y = 180f;
        var (hour, minute) = dice.Time();
        for (var i = 0; i < 5 && y < ScreenHeight - 200; i++)
        {
            var mine = dice.Chance(0.5);
            var bubble = mine ? (dark ? new SKColor(0, 92, 75) : new SKColor(217, 253, 211)) : (dark ? new SKColor(38, 45, 49) : SKColors.White);
            var stamp = Dice.TwentyFourHour(hour, Math.Min(59, minute + i));
            var isJumbo = i == jumboAt;
            var text = isJumbo ? jumbo : dice.Pick(ChatLines);
            var size = isJumbo ? dice.Between(80f, 120f) : 26f;
            var font = isJumbo ? strong : body;
            var width = screen.Measure(text, font, size) + 110;
            var height = isJumbo ? size * 1.25f : 64;
            var left = mine ? ScreenWidth - 20 - width : 20;
            screen.Box(left, y, width, height, bubble, 18);
            screen.Text(text, font, size, ink, left + 20, y + (isJumbo ? size * 1.0f : 42));
            screen.Text(stamp, body, 17, muted, left + width - 14, y + height - 12, Align.Right);
            y += height + 22;
        }
        var description = $"chat screenshot, a message sent alone in large type ({jumbo} in {CorpusFonts.NameOf(strong)}) among small time stamps; the large message is read";
        return Finish(dice, fonts, screen, jumbo, description);
    }

    private static string FaceOf(Dice dice)
    {
        var (hour, minute) = dice.Time();
        return dice.Chance(0.5) ? Dice.TwentyFourHour(hour, minute) : Dice.TwelveHour(hour, minute).Face;
    }

    private static string DateLine(Dice dice)
    {
        var weekday = dice.Pick(Weekdays);
        var day = dice.Between(1, 28);
        var month = dice.Pick(Months);
        return dice.Between(0, 2) switch
        {
            0 => string.Create(CultureInfo.InvariantCulture, $"{weekday} {day} {month}"),
            1 => string.Create(CultureInfo.InvariantCulture, $"{weekday[..3]}, {month[..3]} {day}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{weekday}, {day} {month}"),
        };
    }

    private static Sheet Wallpaper(Dice dice, CorpusFonts fonts, bool dark, bool statusTime = false)
    {
        var screen = new Sheet(fonts, ScreenWidth, ScreenHeight, SKColors.Black);
        var top = dark ? dice.Near(new SKColor(30, 40, 80), 30) : dice.Near(new SKColor(200, 215, 235), 25);
        var bottom = dark ? dice.Near(new SKColor(60, 20, 60), 30) : dice.Near(new SKColor(240, 220, 200), 15);
        screen.VerticalGradient(top, bottom);
        for (var i = dice.Between(1, 3); i > 0; i--)
        {
            screen.SoftBlob(dice.Between(0f, ScreenWidth), dice.Between(0f, ScreenHeight), dice.Between(120f, 300f),
                dice.Near(dark ? new SKColor(90, 60, 140) : new SKColor(255, 240, 220), 40).WithAlpha(140));
        }
        var ink = dark ? new SKColor(240, 240, 245) : new SKColor(30, 30, 35);
        StatusBar(screen, dice, dice.Pick(CorpusFonts.Regular), ink, statusTime);
        return screen;
    }

    private static void StatusBar(Sheet screen, Dice dice, string font, SKColor ink, bool withTime)
    {
        var (hour, minute) = dice.Time();
        screen.Text(withTime ? Dice.TwentyFourHour(hour, minute) : "Vybe Mobile", font, 20, ink, 30, 38);
        screen.Text(string.Create(CultureInfo.InvariantCulture, $"{dice.Between(12, 99)}%"), font, 20, ink, ScreenWidth - 30, 38, Align.Right);
    }

    private static void NotificationCard(Sheet screen, Dice dice, float top, bool dark, string sender, string text, string when)
    {
        var card = dark ? new SKColor(255, 255, 255, 50) : new SKColor(255, 255, 255, 170);
        var ink = dark ? new SKColor(245, 245, 250) : new SKColor(25, 25, 30);
        var font = dice.Pick(CorpusFonts.Regular);
        screen.Box(24, top, ScreenWidth - 48, 120, card, 24);
        screen.Text(sender, dice.Pick(CorpusFonts.Bold), 24, ink, 48, top + 44);
        screen.Text(when, font, 19, ink, ScreenWidth - 48, top + 44, Align.Right);
        screen.Text(text, font, 23, ink, 48, top + 88);
    }

    /// <summary>Half the screens are screenshots; the others are photos of the phone, screen in its dark body.</summary>
    private static Drawn Finish(Dice dice, CorpusFonts fonts, Sheet screen, string expected, string description)
    {
        if (dice.Chance(0.5))
        {
            var shot = Shot.Screenshot(dice);
            return new Drawn(screen.Snapshot(), expected, description, shot);
        }
        const int Bezel = 26;
        using var phone = new Sheet(fonts, ScreenWidth + (2 * Bezel), ScreenHeight + (2 * Bezel), SKColors.Transparent);
        phone.Box(0, 0, phone.Width, phone.Height, new SKColor(18, 18, 20), 60);
        using (var pixels = screen.Snapshot())
        {
            phone.Canvas.DrawImage(pixels, Bezel, Bezel, new SKSamplingOptions(SKFilterMode.Nearest), null);
        }
        // A little glare from a window across the glass.
        phone.Box(Bezel, Bezel, ScreenWidth, ScreenHeight, SKColors.White.WithAlpha((byte)dice.Between(0, 28)), 30);
        var photo = Shot.Photo(dice, maxRotation: 8, maxBlur: 1.8f);
        return new Drawn(phone.Snapshot(), expected, $"{description}, photo of the phone", photo);
    }
}
