using System.Globalization;
using SkiaSharp;

namespace Vybe.OcrBench.Corpus;

/// <summary>
/// Till receipts: a shop name, an address and a date (digits a person does not mean), items with
/// prices, subtotal, tax and a TOTAL in bold or larger. The total's whole part is what a person
/// reads; where its cents repeat the digits (55.55) they may mean 5555 too. An order receipt has a
/// big order or ticket number instead, which is read first.
/// </summary>
public static class Receipts
{
    private static readonly string[] Shops = ["CORNER CAFE", "GREEN GROCER", "CITY MARKET", "BAKERY ROSE", "NORTH PHARMACY", "BOOK NOOK", "FRESH & CO", "PIZZA PALACE"];
    private static readonly string[] Items = ["Flat white", "Croissant", "Sourdough", "Apples 1kg", "Milk 2L", "Olive oil", "Tomatoes", "Notebook", "Pen set", "Shampoo", "Vitamin C", "Espresso", "Bagel", "Cheese", "Yoghurt", "Bananas", "Rice 5kg", "Tea 80"];
    private static readonly string[] Streets = ["High Street", "Market Sq", "Station Rd", "Mill Lane", "Park Ave", "Church St"];
    private static readonly SKColor[] Papers = [new(252, 252, 248), new(246, 242, 230), new(255, 255, 255), new(238, 236, 232)];

    /// <summary>A receipt whose total is the answer.</summary>
    public static Drawn Total(Dice dice, CorpusFonts fonts, bool repeatedCents)
    {
        var whole = repeatedCents ? dice.Pick([11, 12, 22, 33, 44, 55, 66, 77, 88, 99, 10, 21, 45]) : dice.Between(10, 480);
        var cents = repeatedCents ? whole % 100 : dice.Between(0, 99);
        if (!repeatedCents && cents.ToString("00", CultureInfo.InvariantCulture) == whole.ToString(CultureInfo.InvariantCulture))
        {
            cents = (cents + 7) % 100;
        }
        var total = whole + (cents / 100m);
        var expected = repeatedCents
            ? string.Create(CultureInfo.InvariantCulture, $"{whole}|{whole}{cents:00}")
            : whole.ToString(CultureInfo.InvariantCulture);
        var style = ReceiptStyle.Roll(dice);
        var lines = new List<ReceiptLine>();
        Header(dice, lines);

        var taxRate = dice.Pick([0m, 0.05m, 0.08m, 0.1m, 0.2m]);
        var subtotal = Math.Round(total / (1 + taxRate), 2);
        var tax = total - subtotal;
        var items = SplitIntoItems(dice, subtotal);
        foreach (var (name, price) in items)
        {
            var quantity = dice.Chance(0.25) ? dice.Between(2, 4) : 1;
            var label = quantity > 1 ? string.Create(CultureInfo.InvariantCulture, $"{quantity} x {name}") : name;
            lines.Add(ReceiptLine.Pair(label, style.Money(price)));
        }
        lines.Add(ReceiptLine.Rule());
        if (taxRate > 0)
        {
            lines.Add(ReceiptLine.Pair("Subtotal", style.Money(subtotal)));
            lines.Add(ReceiptLine.Pair(string.Create(CultureInfo.InvariantCulture, $"Tax {taxRate * 100:0}%"), style.Money(tax)));
        }
        var totalLabel = dice.Pick(["TOTAL", "TOTAL", "Total", "AMOUNT DUE", "TO PAY"]);
        var totalScale = dice.Pick([1f, 1.3f, 1.6f, 2f]);
        lines.Add(ReceiptLine.Pair(totalLabel, style.Money(total, withCurrency: dice.Chance(0.5)), bold: true, scale: totalScale));
        Footer(dice, lines, style);

        var description = string.Create(CultureInfo.InvariantCulture,
            $"receipt, {items.Count} items, TOTAL {style.Money(total)} {(totalScale > 1 ? $"bold ×{totalScale:0.0}" : "bold")} in {CorpusFonts.NameOf(style.Font)}; the total is read");
        return new Drawn(Print(fonts, lines, style), expected, description, Shot.Photo(dice));
    }

    /// <summary>A counter receipt with a large order or ticket number above small prices.</summary>
    public static Drawn OrderNumber(Dice dice, CorpusFonts fonts)
    {
        var number = dice.Chance(0.3) ? dice.Pick(["111", "222", "444", "777", "1212", "88", "303"]) : dice.Between(10, 999).ToString(CultureInfo.InvariantCulture);
        var style = ReceiptStyle.Roll(dice);
        var lines = new List<ReceiptLine>();
        Header(dice, lines);
        var label = dice.Pick(["ORDER", "Order no.", "TICKET", "Your number", "PICKUP #"]);
        lines.Add(ReceiptLine.Centered(label, bold: false, scale: 1.2f));
        lines.Add(ReceiptLine.Centered(number, bold: true, scale: dice.Pick([3f, 3.5f, 4f])));
        lines.Add(ReceiptLine.Rule());
        var items = SplitIntoItems(dice, dice.Between(8, 60) + (dice.Between(0, 99) / 100m));
        foreach (var (name, price) in items)
        {
            lines.Add(ReceiptLine.Pair(name, style.Money(price)));
        }
        lines.Add(ReceiptLine.Pair("TOTAL", style.Money(items.Sum(i => i.Price)), bold: true));
        Footer(dice, lines, style);
        var description = $"counter receipt, {label} {number} printed large above small prices in {CorpusFonts.NameOf(style.Font)}; the order number is read";
        return new Drawn(Print(fonts, lines, style), number, description, Shot.Photo(dice));
    }

    private static void Header(Dice dice, List<ReceiptLine> lines)
    {
        lines.Add(ReceiptLine.Centered(dice.Pick(Shops), bold: true, scale: 1.4f));
        lines.Add(ReceiptLine.Centered(string.Create(CultureInfo.InvariantCulture, $"{dice.Between(1, 240)} {dice.Pick(Streets)}")));
        if (dice.Chance(0.5))
        {
            lines.Add(ReceiptLine.Centered(string.Create(CultureInfo.InvariantCulture, $"Tel 0{dice.Between(100, 999)} {dice.Digits(6)}")));
        }
        var (hour, minute) = dice.Time();
        lines.Add(ReceiptLine.Pair(string.Create(CultureInfo.InvariantCulture, $"{dice.Between(1, 28):00}/{dice.Between(1, 12):00}/2026"),
            dice.Chance(0.7) ? Dice.TwentyFourHour(hour, minute) : string.Create(CultureInfo.InvariantCulture, $"#{dice.Between(1000, 9999)}")));
        lines.Add(ReceiptLine.Rule());
    }

    private static void Footer(Dice dice, List<ReceiptLine> lines, ReceiptStyle style)
    {
        if (dice.Chance(0.6))
        {
            lines.Add(ReceiptLine.Pair(dice.Pick(["Card ****", "VISA ****", "Debit ****"]) + dice.Digits(4), style.Currency == "" ? "PAID" : "APPROVED"));
        }
        lines.Add(ReceiptLine.Centered(dice.Pick(["Thank you!", "See you soon", "Thank you for shopping", "Have a nice day"])));
    }

    private static List<(string Name, decimal Price)> SplitIntoItems(Dice dice, decimal sum)
    {
        var count = dice.Between(2, 6);
        var items = new List<(string, decimal)>();
        var left = sum;
        for (var i = 0; i < count - 1 && left > 1.5m; i++)
        {
            var price = Math.Round(left * (decimal)dice.Between(0.1f, 0.5f), 2);
            price = Math.Max(0.3m, price);
            items.Add((dice.Pick(Items), price));
            left -= price;
        }
        items.Add((dice.Pick(Items), left));
        return items;
    }

    private static SKImage Print(CorpusFonts fonts, List<ReceiptLine> lines, ReceiptStyle style)
    {
        const float Padding = 28;
        var lineHeight = style.Size * 1.45f;
        var height = (int)(Padding * 2 + lines.Sum(l => l.Kind == ReceiptLine.Kinds.Rule ? lineHeight * 0.6f : lineHeight * l.Scale));
        using var sheet = new Sheet(fonts, style.Width, height, style.Paper);
        var y = Padding;
        foreach (var line in lines)
        {
            if (line.Kind == ReceiptLine.Kinds.Rule)
            {
                var ruleY = y + (lineHeight * 0.3f);
                for (var x = Padding; x < style.Width - Padding; x += style.Size * 0.6f)
                {
                    sheet.Line(x, ruleY, x + (style.Size * 0.35f), ruleY, style.Ink, 1.2f);
                }
                y += lineHeight * 0.6f;
                continue;
            }
            var font = line.Bold ? style.BoldFont : style.Font;
            var size = style.Size * line.Scale;
            // A big TOTAL line is set smaller rather than run its label into the amount.
            var needed = sheet.Measure(line.Left + "  " + line.Right, font, size);
            var room = style.Width - (2 * Padding);
            if (needed > room)
            {
                size *= room / needed;
            }
            y += lineHeight * line.Scale;
            var baseline = y - (size * 0.35f);
            if (line.Kind == ReceiptLine.Kinds.Centered)
            {
                sheet.Text(line.Left, font, size, style.Ink, style.Width / 2f, baseline, Align.Center);
            }
            else
            {
                sheet.Text(line.Left, font, size, style.Ink, Padding, baseline);
                sheet.Text(line.Right, font, size, style.Ink, style.Width - Padding, baseline, Align.Right);
            }
        }
        return sheet.Snapshot();
    }

    private sealed record ReceiptLine(ReceiptLine.Kinds Kind, string Left, string Right, bool Bold, float Scale)
    {
        public enum Kinds
        {
            Pair,
            Centered,
            Rule,
        }

        public static ReceiptLine Pair(string left, string right, bool bold = false, float scale = 1) => new(Kinds.Pair, left, right, bold, scale);

        public static ReceiptLine Centered(string text, bool bold = false, float scale = 1) => new(Kinds.Centered, text, "", bold, scale);

        public static ReceiptLine Rule() => new(Kinds.Rule, "", "", false, 1);
    }

    private sealed record ReceiptStyle(string Font, string BoldFont, float Size, int Width, SKColor Paper, SKColor Ink, string Currency, bool DecimalComma)
    {
        public static ReceiptStyle Roll(Dice dice)
        {
            var face = dice.Between(0, CorpusFonts.Receipt.Length - 1);
            var size = dice.Between(15f, 24f);
            return new ReceiptStyle(
                CorpusFonts.Receipt[face],
                CorpusFonts.ReceiptBold[face],
                size,
                (int)(size * dice.Between(20f, 26f)),
                dice.Pick(Papers),
                dice.Near(new SKColor(40, 40, 45), 25),
                dice.Pick(["", "", "$", "€", "£", "EUR "]),
                dice.Chance(0.3));
        }

        public string Money(decimal amount, bool withCurrency = false)
        {
            var text = amount.ToString("0.00", CultureInfo.InvariantCulture);
            if (DecimalComma)
            {
                text = text.Replace('.', ',');
            }
            return withCurrency && Currency != "" ? Currency + text : text;
        }
    }
}
