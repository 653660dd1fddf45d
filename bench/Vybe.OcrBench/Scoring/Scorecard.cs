using System.Globalization;
using System.Text;

namespace Vybe.OcrBench.Scoring;

/// <summary>
/// The scorer's report in Markdown (ready for docs/BENCHMARKS.md): the main table for both readers,
/// the issue's targets for Vybe and whether each is met, a breakdown by kind, and Vybe's misses and
/// wrong automatic picks with what it read, for diagnosis.
/// </summary>
public static class Scorecard
{
    public const double CandidatesTarget = 0.95;
    public const double WrongPickTarget = 0.02;
    private const int TextShownLength = 140;

    public static string Render(IReadOnlyList<PhotoScore> scores, string setting)
    {
        var report = new StringBuilder();
        Line(report, $"{scores.Count} photos; {setting}.");
        Line(report);
        Line(report, "| reader | photos | expected among candidates | picked automatically and right | picked automatically and wrong | first offered is right | median ms/photo |");
        Line(report, "|---|---|---|---|---|---|---|");
        Line(report, MainRow("Vybe (PhotoReader)", scores, s => s.Vybe));
        Line(report, MainRow("tesseract command", scores, s => s.Command));
        Line(report);

        var offered = Share(scores, s => s.Offered(s.Vybe));
        var wrong = Share(scores, s => s.PickedWrong(s.Vybe));
        var vybeMedian = Median(scores.Select(s => s.Vybe.Milliseconds));
        var commandMedian = Median(scores.Select(s => s.Command.Milliseconds));
        Line(report, "Targets for Vybe:");
        Line(report, $"- expected among candidates ≥ {CandidatesTarget:P0}: {offered:P1}, {Verdict(offered >= CandidatesTarget, (CandidatesTarget - offered) * 100, "points")}");
        Line(report, $"- picked automatically and wrong ≤ {WrongPickTarget:P0}: {wrong:P1}, {Verdict(wrong <= WrongPickTarget, (wrong - WrongPickTarget) * 100, "points")}");
        Line(report, $"- median time per photo ≤ the command's ({commandMedian:0} ms): {vybeMedian:0} ms, {Verdict(vybeMedian <= commandMedian, vybeMedian - commandMedian, "ms")}");
        Line(report);

        Line(report, "By kind (Vybe | command): expected among candidates, picked automatically and right, picked automatically and wrong.");
        Line(report);
        Line(report, "| kind | photos | Vybe among | Vybe auto right | Vybe auto wrong | command among | command auto right | command auto wrong |");
        Line(report, "|---|---|---|---|---|---|---|---|");
        foreach (var kind in scores.GroupBy(s => s.Kind))
        {
            var k = kind.ToList();
            Line(report, $"| {kind.Key} | {k.Count} | {k.Count(s => s.Offered(s.Vybe))} | {k.Count(s => s.PickedRight(s.Vybe))} | {k.Count(s => s.PickedWrong(s.Vybe))} | " +
                $"{k.Count(s => s.Offered(s.Command))} | {k.Count(s => s.PickedRight(s.Command))} | {k.Count(s => s.PickedWrong(s.Command))} |");
        }
        Line(report);

        var troubles = scores.Where(s => !s.Offered(s.Vybe) || s.PickedWrong(s.Vybe)).ToList();
        Line(report, $"Vybe's misses and wrong automatic picks ({troubles.Count}): candidates in the order offered, the automatic pick marked *.");
        Line(report);
        Line(report, "| file | kind | expected | problem | candidates | recognised text |");
        Line(report, "|---|---|---|---|---|---|");
        foreach (var s in troubles.OrderBy(s => s.Kind, StringComparer.Ordinal).ThenBy(s => s.File, StringComparer.Ordinal))
        {
            var problem = s.Vybe.Failure ?? (s.Offered(s.Vybe) ? "wrong pick" : s.PickedWrong(s.Vybe) ? "missed, wrong pick" : "missed");
            var candidates = s.Vybe.Candidates.Count == 0
                ? "(none)"
                : string.Join(", ", s.Vybe.Candidates.Select(c => c == s.Vybe.Automatic ? $"{c.Text}*" : c.Text));
            Line(report, $"| {s.File} | {s.Kind} | {s.Expected} | {problem} | {Cell(candidates)} | {Cell(Shorten(s.Vybe.Text))} |");
        }
        return report.ToString();
    }

    private static string MainRow(string reader, IReadOnlyList<PhotoScore> scores, Func<PhotoScore, Attempt> attempt)
    {
        var n = scores.Count;
        string Counted(Func<PhotoScore, bool> test)
        {
            var count = scores.Count(test);
            return string.Create(CultureInfo.InvariantCulture, $"{count} ({count / (double)n:P1})");
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"| {reader} | {n} | {Counted(s => s.Offered(attempt(s)))} | {Counted(s => s.PickedRight(attempt(s)))} | {Counted(s => s.PickedWrong(attempt(s)))} | " +
            $"{Counted(s => s.FirstRight(attempt(s)))} | {Median(scores.Select(s => attempt(s).Milliseconds)):0} |");
    }

    private static string Verdict(bool met, double gap, string unit) =>
        met ? "met" : string.Create(CultureInfo.InvariantCulture, $"missed by {gap:0.#} {unit}");

    private static double Share(IReadOnlyList<PhotoScore> scores, Func<PhotoScore, bool> test) =>
        scores.Count == 0 ? 0 : scores.Count(test) / (double)scores.Count;

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Shorten(string text)
    {
        var oneLine = string.Join(" ⏎ ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return oneLine.Length <= TextShownLength ? oneLine : oneLine[..TextShownLength] + "…";
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static void Line(StringBuilder report, string text = "") =>
        report.Append(CultureInfo.InvariantCulture, $"{text}\n");
}
