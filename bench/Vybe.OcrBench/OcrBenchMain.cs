using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vybe.OcrBench.Corpus;
using Vybe.OcrBench.Scoring;
using Vybe.Web.Ocr;
using Vybe.Web.Ocr.Tesseract;

namespace Vybe.OcrBench;

/// <summary>
/// The photo-reading corpus and its scorer (scripts/bench-ocr.sh, docs/BENCHMARKS.md).
/// <c>draw [--out DIR]</c> draws the corpus; <c>score [--corpus DIR] [--kind KIND]</c> reads every
/// photo with Vybe's in-process reader and with the `tesseract` command, one photo at a time, and
/// prints the scorecard. Prints figures; asserts nothing.
/// </summary>
public static class OcrBenchMain
{
    private const string DefaultFolder = "artifacts/ocr-corpus";

    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var command = args.FirstOrDefault();
        var options = args.Skip(1).Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
        switch (command)
        {
            case "draw":
                return CorpusDrawer.Draw(Path.GetFullPath(options.GetValueOrDefault("--out", DefaultFolder)));
            case "score":
                return await ScoreAsync(Path.GetFullPath(options.GetValueOrDefault("--corpus", DefaultFolder)), options.GetValueOrDefault("--kind"));
            default:
                Console.Error.WriteLine("Usage: Vybe.OcrBench draw [--out DIR] | score [--corpus DIR] [--kind KIND]");
                return 2;
        }
    }

    private static async Task<int> ScoreAsync(string folder, string? kind)
    {
        if (!File.Exists(Path.Combine(folder, CorpusManifest.FileName)))
        {
            Console.Error.WriteLine($"No corpus in {folder}: draw it first (Vybe.OcrBench draw --out {folder}).");
            return 2;
        }
        var entries = CorpusManifest.Read(folder).Where(e => kind is null || e.Kind == kind).ToList();
        if (entries.Count == 0)
        {
            Console.Error.WriteLine($"The corpus in {folder} has no photo of kind \"{kind}\".");
            return 2;
        }
        using var engines = new TesseractEnginePool(Options.Create(new OcrOptions()));
        if (!engines.IsAvailable)
        {
            Console.Error.WriteLine(engines.Problem);
            return 2;
        }
        var reader = new PhotoReader(engines, NullLogger<PhotoReader>.Instance);
        var photos = entries.Select(e => (Entry: e, Path: Path.Combine(folder, e.File), Bytes: File.ReadAllBytes(Path.Combine(folder, e.File)))).ToList();

        // Warm up: every pooled engine loaded and the code jitted; the command's files in the page cache.
        await Task.WhenAll(Enumerable.Range(0, engines.Size).Select(_ => reader.ReadAsync(photos[0].Bytes, CancellationToken.None)));
        await Readers.CommandAsync(photos[0].Path);

        var scores = new List<PhotoScore>();
        foreach (var (entry, path, bytes) in photos)
        {
            // One photo at a time, the two readers in turn, so a busy moment on the machine hits both alike.
            var vybe = await Readers.VybeAsync(reader, bytes);
            var tesseract = await Readers.CommandAsync(path);
            scores.Add(new PhotoScore(entry.File, entry.Kind, new ExpectedAnswer(entry.Expected), vybe, tesseract));
            if (!Console.IsErrorRedirected)
            {
                Console.Error.Write($"\r{scores.Count}/{photos.Count} read");
            }
        }

        var setting = $"{folder}; Vybe's in-process reader on a warmed pool of {engines.Size} Tesseract {engines.Version} engines; " +
            $"`tesseract FILE stdout` ({await Readers.CommandVersionAsync()}); {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd}";
        Console.WriteLine(Scorecard.Render(scores, setting));
        return 0;
    }
}
