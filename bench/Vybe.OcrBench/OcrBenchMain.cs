using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vybe.TestSupport.Photos;
using Vybe.Web.Ocr;
using Vybe.Web.Ocr.Tesseract;

namespace Vybe.OcrBench;

/// <summary>
/// Latency per image and images per second at 1 and 4 concurrent requests, and the recognition rate,
/// for the app's pooled in-process reader (with all its pre-processing) and for running the
/// `tesseract` command with default settings once per image. Prints figures; asserts nothing.
/// </summary>
public static class OcrBenchMain
{
    private const int Rounds = 3;

    private sealed record Outcome(double Milliseconds, bool Recognised);

    public static async Task<int> Main()
    {
        var photos = TestPhotos.All.Concat(TestClockPhotos.All).Select(p => (p.Name, p.Expected, Bytes: p.Draw())).ToList();
        var folder = Directory.CreateTempSubdirectory("vybe-ocr-bench-").FullName;
        try
        {
            var files = photos.Select((p, i) =>
            {
                var path = Path.Combine(folder, $"{i:00}.img");
                File.WriteAllBytes(path, p.Bytes);
                return path;
            }).ToList();

            using var engines = new TesseractEnginePool(Options.Create(new OcrOptions { PoolSize = 4 }));
            if (!engines.IsAvailable)
            {
                Console.Error.WriteLine(engines.Problem);
                return 2;
            }
            var reader = new PhotoReader(engines, NullLogger<PhotoReader>.Instance);
            Console.WriteLine($"Photos: {photos.Count} drawn test photos ({TestClockPhotos.All.Count} of them seven-segment clocks); {Rounds} rounds each; Tesseract {engines.Version}; " +
                $"{Environment.ProcessorCount} cores; pool of {engines.Size} engines (warmed up).");

            // Warm up: every engine loaded, code jitted.
            await Task.WhenAll(Enumerable.Range(0, engines.Size).Select(_ => reader.ReadAsync(photos[0].Bytes, CancellationToken.None)));

            var rows = new List<string>();
            foreach (var concurrency in new[] { 1, 4 })
            {
                rows.Add(Row("in-process pool", concurrency, await MeasureAsync(photos.Count, concurrency, async i =>
                {
                    var findings = await reader.ReadAsync(photos[i].Bytes, CancellationToken.None);
                    return findings.Candidates.Any(c => c.Text == photos[i].Expected);
                })));
                rows.Add(Row("tesseract command", concurrency, await MeasureAsync(photos.Count, concurrency, async i =>
                {
                    var text = await RunTesseractAsync(files[i]);
                    return CandidateExtractor.Extract(text).Any(c => c.Text == photos[i].Expected);
                })));
            }

            Console.WriteLine();
            Console.WriteLine("| engine | concurrent | median ms/image | p90 ms/image | images/s | recognised |");
            Console.WriteLine("|---|---|---|---|---|---|");
            rows.ForEach(Console.WriteLine);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(List<Outcome> Outcomes, TimeSpan Wall)> MeasureAsync(int photoCount, int concurrency, Func<int, Task<bool>> read)
    {
        var work = Enumerable.Range(0, Rounds).SelectMany(_ => Enumerable.Range(0, photoCount)).ToList();
        var outcomes = new List<Outcome>();
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < work.Count)
            {
                var watch = Stopwatch.StartNew();
                var recognised = await read(work[index]);
                lock (outcomes)
                {
                    outcomes.Add(new Outcome(watch.Elapsed.TotalMilliseconds, recognised));
                }
            }
        })));
        return (outcomes, wall.Elapsed);
    }

    private static string Row(string engine, int concurrency, (List<Outcome> Outcomes, TimeSpan Wall) run)
    {
        var sorted = run.Outcomes.Select(o => o.Milliseconds).Order().ToArray();
        var recognised = run.Outcomes.Count(o => o.Recognised) / (double)run.Outcomes.Count;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {engine} | {concurrency} | {Percentile(sorted, 0.5):0} | {Percentile(sorted, 0.9):0} | {run.Outcomes.Count / run.Wall.TotalSeconds:0.0} | {recognised:P1} |");
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task<string> RunTesseractAsync(string path)
    {
        var start = new ProcessStartInfo("tesseract") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(path);
        start.ArgumentList.Add("stdout");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return await output;
    }
}
