using Vybe.Web.Readings;

namespace Vybe.Web.Ocr;

/// <summary>
/// Puts a photo's candidates in the order a person reads them: the biggest text first (a lock
/// screen's clock before the date under it, a receipt's large total before its items), and among
/// text of about the same size, top to bottom and left to right. Decides too when one candidate is
/// read without asking.
/// </summary>
public static class CandidateRanking
{
    /// <summary>
    /// A candidate is read without asking when its digits stand at least this many times as tall as
    /// those of every other candidate: a person who photographs a 150-pixel clock over a 30-pixel
    /// date means the clock. Anything closer is the person's choice.
    /// </summary>
    public const double DominanceRatio = 2.0;

    /// <summary>
    /// Below this confidence (Tesseract's, 0 to 100) a candidate is offered but never read without
    /// asking: a clock face Tesseract half-reads comes out as a plausible wrong number ("442" for
    /// 14:42) with a confidence of 30 to 70, where print it reads well scores 85 and more.
    /// </summary>
    public const float ConfidentAbove = 80;

    /// <summary>Digits within this share of the tallest in a group count as the same size (OCR boxes vary by a pixel or two, fonts by more).</summary>
    public const double SameSizeRatio = 0.85;

    /// <summary>
    /// The candidates of all of a photo's readings merged and ranked: each text once, at the place
    /// the first reading that saw it gives (pass the reading that sees the page's layout first) and
    /// with the highest confidence any gave it; one
    /// time written two ways (9:55 and 09:55) once, as the reading that saw more digits; a number that is only the digits of a time seen at the same place
    /// (1111 under 11:11, 55 in 09:55) dropped, because a time beats the numbers inside it.
    /// Candidates without a place keep their order, after those with one.
    /// </summary>
    public static IReadOnlyList<ReadingCandidate> Rank(IEnumerable<ReadingCandidate> candidates)
    {
        var merged = new List<ReadingCandidate>();
        foreach (var candidate in candidates)
        {
            var same = merged.FindIndex(kept => kept.Text == candidate.Text || IsSameTime(kept, candidate));
            if (same < 0)
            {
                merged.Add(candidate);
                continue;
            }
            var kept = Prefer(candidate, merged[same]) ? candidate with { Place = merged[same].Place ?? candidate.Place } : merged[same];
            // Two readings that agree are as sure as the surer of them.
            var confidence = Math.Max(merged[same].Place?.Confidence ?? 0, candidate.Place?.Confidence ?? 0);
            merged[same] = kept.Place is { } place ? kept with { Place = place with { Confidence = confidence } } : kept;
        }
        var times = merged.Where(c => c.Kind == ReadingKind.Time).ToList();
        merged.RemoveAll(c => c.Kind == ReadingKind.Number && times.Any(time => IsInsideTime(c, time)));

        var placed = merged.Where(c => c.Place is not null).ToList();
        var ranked = new List<ReadingCandidate>(merged.Count);
        foreach (var size in SizeGroups(placed))
        {
            ranked.AddRange(InReadingOrder(size));
        }
        ranked.AddRange(merged.Where(c => c.Place is null));
        return ranked;
    }

    /// <summary>
    /// The candidate to read without asking, or null when the person chooses: the only one, or one
    /// whose digits dominate all others (<see cref="DominanceRatio"/>); in either case read with
    /// confidence (<see cref="ConfidentAbove"/>) and not itself dominated by legible text in the
    /// photo (text <see cref="DominanceRatio"/> times as tall or more): when a lock screen's clock is misread as letters, the "57m ago" under it is
    /// not what the person photographed. Word boxes are looser than glyph boxes (a plate's border
    /// joins its letters' boxes), so only a clear difference counts.
    /// </summary>
    public static ReadingCandidate? AutomaticChoice(IReadOnlyList<ReadingCandidate> ranked, double tallestTextHeight = 0)
    {
        if (ranked.Count == 0)
        {
            return null;
        }
        var first = ranked[0];
        if (first.Place is { } read && read.Confidence < ConfidentAbove)
        {
            return null;
        }
        if (tallestTextHeight > 0 && (first.Place is not { } place || place.GlyphHeight * DominanceRatio <= tallestTextHeight))
        {
            return null;
        }
        if (ranked.Count == 1)
        {
            return first;
        }
        return first.Place is { } dominant
            && ranked.Skip(1).All(other => other.Place is { } at && dominant.GlyphHeight >= DominanceRatio * at.GlyphHeight)
            ? first
            : null;
    }

    private static bool IsSameTime(ReadingCandidate a, ReadingCandidate b) =>
        a.Kind == ReadingKind.Time && b.Kind == ReadingKind.Time
        && a.Subject.Clock is { } x && b.Subject.Clock is { } y
        && x.Hour == y.Hour && x.Minute == y.Minute && x.HourOfDay == y.HourOfDay;

    /// <summary>Of two readings of the same time, the one that saw more digits (09:55 over 9:55), in the place the first reading gave it.</summary>
    private static bool Prefer(ReadingCandidate candidate, ReadingCandidate kept) => candidate.Text.Length > kept.Text.Length;

    /// <summary>
    /// Whether a number is made only of a time's digits and stands where the time does (or, without
    /// places to compare, is all of the time's digits: 1111 beside 11:11).
    /// </summary>
    private static bool IsInsideTime(ReadingCandidate number, ReadingCandidate time)
    {
        var digits = time.Text.Where(char.IsAsciiDigit).ToArray();
        var timeDigits = new string(digits);
        if (number.Place is { } place && time.Place is { } timePlace)
        {
            return timeDigits.Contains(number.Text, StringComparison.Ordinal) && place.Box.Overlaps(timePlace.Box);
        }
        return number.Text == timeDigits || number.Text == timeDigits.TrimStart('0');
    }


    /// <summary>Groups of about the same digit height, the tallest group first.</summary>
    private static IEnumerable<List<ReadingCandidate>> SizeGroups(List<ReadingCandidate> placed)
    {
        List<ReadingCandidate>? group = null;
        double groupHeight = 0;
        foreach (var candidate in placed.OrderByDescending(c => c.Place!.GlyphHeight))
        {
            var height = candidate.Place!.GlyphHeight;
            if (group is null || height < groupHeight * SameSizeRatio)
            {
                if (group is not null)
                {
                    yield return group;
                }
                group = [];
                groupHeight = height;
            }
            group.Add(candidate);
        }
        if (group is not null)
        {
            yield return group;
        }
    }

    /// <summary>Top to bottom by lines (centres within half a digit's height of each other share a line), and left to right in a line.</summary>
    private static IEnumerable<ReadingCandidate> InReadingOrder(List<ReadingCandidate> sameSize)
    {
        var lines = new List<List<ReadingCandidate>>();
        foreach (var candidate in sameSize.OrderBy(c => c.Place!.Box.CentreY))
        {
            var line = lines.Count > 0 ? lines[^1] : null;
            if (line is null || candidate.Place!.Box.CentreY - line[0].Place!.Box.CentreY > candidate.Place.GlyphHeight / 2)
            {
                lines.Add([candidate]);
            }
            else
            {
                line.Add(candidate);
            }
        }
        return lines.SelectMany(line => line.OrderBy(c => c.Place!.Box.Left));
    }
}
