using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Vybe.Web.Readings;

namespace Vybe.VarietyBench;

/// <summary>
/// How much the built-in writer's readings differ (docs/BENCHMARKS.md, "Reading variety"). Prints
/// figures; asserts nothing. Over 1,000 generated numbers and all 1,440 times, at each depth:
/// the share of distinct texts (with every run of digits replaced by one placeholder, so that a
/// number pasted into a sentence does not count as a different text), and the average share of a reading's sentences that also appear in
/// the reading of another input with the same core number, measured as issue 16 defines it.
/// </summary>
public static partial class VarietyMain
{
    private const int NumberCount = 1_000;
    private const int Seed = 16;

    public static async Task<int> Main()
    {
        PrintHeader();
        var numbers = GeneratedNumbers(NumberCount, Seed).Select(n => Subject(number: n)).ToList();
        var times = Enumerable.Range(0, 24 * 60).Select(m => Subject(time: $"{m / 60:00}:{m % 60:00}")).ToList();

        Console.WriteLine("| inputs | depth | readings | distinct texts (digits replaced) | distinct texts (as shown) | shared sentences (mean) | sentences per reading (mean) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var (name, subjects) in new[] { ("numbers", numbers), ("times", times) })
        {
            foreach (var depth in new[] { ReadingDepth.Standard, ReadingDepth.Deep, ReadingDepth.Lite })
            {
                var figures = await MeasureAsync(subjects, depth);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {depth.Key()} | {figures.Readings:N0} | {figures.DistinctShare:P1} | {figures.DistinctShownShare:P1} | {figures.MeanSharedShare:P1} | {figures.MeanSentences:0.0} |"));
            }
        }
        return 0;
    }

    private sealed record Figures(int Readings, double DistinctShare, double DistinctShownShare, double MeanSharedShare, double MeanSentences);

    private static async Task<Figures> MeasureAsync(IReadOnlyList<ReadingSubject> subjects, ReadingDepth depth)
    {
        var writer = new BuiltInReadingWriter();
        var readings = new List<(string Input, int Core, string Text, string[] Sentences)>();
        foreach (var subject in subjects)
        {
            var facts = NumerologyEngine.Read(subject);
            var written = await writer.WriteAsync(facts, depth, CancellationToken.None);
            var text = VisibleText(written);
            readings.Add((facts.Input, facts.CoreNumber, text, Sentences(text)));
        }

        // For each core number, which inputs each sentence appears in.
        var owners = new Dictionary<(int Core, string Sentence), HashSet<string>>();
        foreach (var reading in readings)
        {
            foreach (var sentence in reading.Sentences)
            {
                if (!owners.TryGetValue((reading.Core, sentence), out var inputs))
                {
                    owners[(reading.Core, sentence)] = inputs = new HashSet<string>(StringComparer.Ordinal);
                }
                inputs.Add(reading.Input);
            }
        }

        if (Environment.GetEnvironmentVariable("VARIETY_SHOW_SHARED") == depth.Key())
        {
            // For working on the writer: the sentences most often shared, with how many inputs share them.
            foreach (var (key, inputs) in owners.Where(o => o.Value.Count > 1).OrderByDescending(o => o.Value.Count).Skip(int.Parse(Environment.GetEnvironmentVariable("VARIETY_SKIP") ?? "0", CultureInfo.InvariantCulture)).Take(40))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {inputs.Count,4} × core {key.Core}: {key.Sentence}"));
            }
        }

        var shares = readings.Select(r => r.Sentences.Length == 0
            ? 0
            : r.Sentences.Count(s => owners[(r.Core, s)].Any(input => input != r.Input)) / (double)r.Sentences.Length);
        return new Figures(
            readings.Count,
            readings.Select(r => DigitRun().Replace(r.Text, "#")).Distinct(StringComparer.Ordinal).Count() / (double)readings.Count,
            readings.Select(r => r.Text).Distinct(StringComparer.Ordinal).Count() / (double)readings.Count,
            shares.Average(),
            readings.Average(r => r.Sentences.Length));
    }

    /// <summary>What a visitor sees: every heading, body and point, in order.</summary>
    private static string VisibleText(WrittenReading reading) =>
        string.Join("\n", reading.Sections.SelectMany(s => new[] { s.Heading, s.Body }.Concat(s.Points)).Where(t => t.Length > 0));

    /// <summary>Every run of digits becomes one placeholder, then the text is cut at '.', '!' and '?'.</summary>
    private static string[] Sentences(string text) =>
        DigitRun().Replace(text, "#")
            .Split(['.', '!', '?'])
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .ToArray();

    /// <summary>
    /// Distinct numbers of 1 to 12 digits from a seeded generator: about two in three are random
    /// digits of a random length, the rest pattern-rich (repeats, groups, mirrors, runs, bookends).
    /// </summary>
    private static List<string> GeneratedNumbers(int count, int seed)
    {
        var random = new Random(seed);
        var numbers = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (numbers.Count < count)
        {
            var length = random.Next(1, 13);
            var number = random.Next(3) < 2 ? RandomDigits(random, length) : PatternRich(random, length);
            if (seen.Add(number))
            {
                numbers.Add(number);
            }
        }
        return numbers;
    }

    private static string RandomDigits(Random random, int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => (char)('0' + random.Next(10))));

    private static string PatternRich(Random random, int length)
    {
        length = Math.Max(length, 2);
        var a = (char)('0' + random.Next(10));
        var b = (char)('0' + random.Next(10));
        switch (random.Next(7))
        {
            case 0: // one digit repeated
                return new string(a, length);
            case 1: // a group said again: 1212, 123123
                {
                    var group = RandomDigits(random, random.Next(2, 4));
                    return string.Concat(Enumerable.Repeat(group, 12)).Substring(0, Math.Max(length, group.Length * 2));
                }
            case 2: // a palindrome or mirror: 121, 1221, 12321
                {
                    var half = RandomDigits(random, (length + 1) / 2);
                    var mirrored = new string(half.Reverse().ToArray());
                    return half + (length % 2 == 0 ? mirrored : mirrored[1..]);
                }
            case 3: // a run up or down: 1234, 8765
                {
                    var up = random.Next(2) == 0;
                    var run = Math.Min(length, 10);
                    var start = up ? random.Next(0, 11 - run) : random.Next(run - 1, 10);
                    return string.Concat(Enumerable.Range(0, run).Select(i => (char)('0' + (up ? start + i : start - i))));
                }
            case 4: // alternating: 1010, 23232
                return string.Concat(Enumerable.Range(0, length).Select(i => i % 2 == 0 ? a : b));
            case 5: // bookends: 4…4
                return length < 3 ? new string(a, length) : a + RandomDigits(random, length - 2) + a;
            default: // pairs: 1122, 113355
                return string.Concat(Enumerable.Range(0, (length + 1) / 2).Select(_ => new string((char)('0' + random.Next(10)), 2)))[..length];
        }
    }

    private static ReadingSubject Subject(string? number = null, string? time = null)
    {
        if (time is not null)
        {
            return TimeInput.TryParse(time, out var parsed, out var error) ? parsed.ToSubject() : throw new InvalidOperationException(error);
        }
        return NumberInput.TryParse(number, out var digits, out var numberError) ? digits.ToSubject() : throw new InvalidOperationException(numberError);
    }

    private static void PrintHeader()
    {
        Console.WriteLine("Reading variety of the built-in writer");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{NumberCount:N0} generated numbers (seed {Seed}, 1 to 12 digits) and all 1,440 times (00:00 to 23:59)."));
        Console.WriteLine("Shared: a sentence (digit runs replaced by one placeholder, cut at . ! ?) that appears in the reading of another input with the same core number.");
        Console.WriteLine();
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitRun();
}
