using System.Globalization;

namespace Vybe.OcrBench.Corpus;

/// <summary>
/// Draws the corpus: five families in about even shares (receipts; lock screens; notifications and
/// chats; dashboards, plates, signs and price tags; clocks), each photo from its own seeded dice, so
/// the same code draws the same files byte for byte, and adding photos of one kind leaves the others as they were.
/// </summary>
public static class CorpusDrawer
{
    private sealed record Recipe(string Kind, int Count, Func<Dice, CorpusFonts, Drawn> Draw);

    private static readonly Recipe[] Recipes =
    [
        new("receipt-total", 22, (dice, fonts) => Receipts.Total(dice, fonts, repeatedCents: false)),
        new("receipt-total", 10, (dice, fonts) => Receipts.Total(dice, fonts, repeatedCents: true)),
        new("receipt-order", 12, Receipts.OrderNumber),
        new("lock-screen", 44, Screens.LockScreen),
        new("notification", 24, Screens.Banner),
        new("chat", 20, Screens.Chat),
        new("speedometer", 9, Things.Speedometer),
        new("fitness-watch", 9, Things.FitnessWatch),
        new("plate", 9, Things.Plate),
        new("sign", 9, Things.Sign),
        new("price-tag", 9, Things.PriceTag),
        new("led-clock", 14, Clocks.Led),
        new("lcd-clock", 10, Clocks.Lcd),
        new("flip-clock", 10, Clocks.Flip),
        new("digital-watch", 10, Clocks.Watch),
    ];

    public static int Draw(string folder)
    {
        var missing = CorpusFonts.Missing();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine("Fonts missing (scripts/bench-ocr.sh installs them):\n  " + string.Join("\n  ", missing));
            return 2;
        }
        PrepareFolder(folder);

        using var fonts = new CorpusFonts();
        var entries = new List<CorpusEntry>();
        var number = 0;
        for (var recipe = 0; recipe < Recipes.Length; recipe++)
        {
            for (var i = 0; i < Recipes[recipe].Count; i++)
            {
                number++;
                var dice = new Dice((recipe * 1000) + i + 18);
                using var drawn = Recipes[recipe].Draw(dice, fonts);
                var bytes = drawn.Shot.Capture(drawn.Scene, dice);
                var file = string.Create(CultureInfo.InvariantCulture, $"{number:000}-{Recipes[recipe].Kind}.{drawn.Shot.Extension}");
                File.WriteAllBytes(Path.Combine(folder, file), bytes);
                entries.Add(new CorpusEntry(file, drawn.Expected.Split('|'), Recipes[recipe].Kind, $"{drawn.Description}; {drawn.Shot.Describe()}"));
            }
        }
        CorpusManifest.Write(folder, entries);
        var formats = entries.GroupBy(e => Path.GetExtension(e.File)).Select(g => $"{g.Count()} {g.Key.TrimStart('.')}");
        Console.WriteLine($"Drew {entries.Count} photos ({string.Join(", ", formats)}) into {folder}");
        return 0;
    }

    /// <summary>Starts from an empty folder, but never empties one that is not a corpus.</summary>
    private static void PrepareFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            if (Directory.EnumerateFileSystemEntries(folder).Any() && !File.Exists(Path.Combine(folder, CorpusManifest.FileName)))
            {
                throw new InvalidOperationException($"{folder} is not empty and holds no {CorpusManifest.FileName}: not drawing over it.");
            }
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
    }
}
