using System.Text;
using System.Text.RegularExpressions;
using Vybe.Web.Readings;

namespace Vybe.Web.Ocr;

/// <summary>A time or number found in a photo, ready to be read; where in the photo it was seen, when known.</summary>
public sealed record ReadingCandidate(string Text, ReadingKind Kind, ReadingSubject Subject, CandidatePlace? Place = null);

/// <summary>
/// Where a candidate stands in the photo, how tall its digits are there (the median digit's height
/// in pixels), and how sure the reader was of it (0 to 100: the least confident word it was read
/// from; 100 when the reader gives no confidence, as the seven-segment recogniser, which reads
/// only what it is sure of).
/// </summary>
public sealed record CandidatePlace(PixelBox Box, double GlyphHeight, float Confidence = 100);

/// <summary>
/// Finds the times and numbers in recognised text: times like 11:11 and 9:55 pm, amounts like 444.18
/// (read as 444: the cents are what a price adds to the number people notice), and runs of 2 to 12
/// digits. OCR confuses some letters with digits (O and 0, l and 1); those are corrected only between
/// two digits, where a letter cannot be meant. Prices of one whole digit (4.99) and dates are not
/// mistaken for times, and the digits of a time are not offered again as numbers.
/// </summary>
public static partial class CandidateExtractor
{
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['O'] = '0',
        ['o'] = '0',
        ['D'] = '0',
        ['Q'] = '0',
        ['l'] = '1',
        ['I'] = '1',
        ['i'] = '1',
        ['|'] = '1',
        ['!'] = '1',
        ['Z'] = '2',
        ['z'] = '2',
        ['S'] = '5',
        ['s'] = '5',
        ['B'] = '8',
    };

    public static IReadOnlyList<ReadingCandidate> Extract(string? recognizedText) =>
        Extract(RecognizedPage.WithoutBoxes(recognizedText ?? ""));

    /// <summary>The candidates in a page, times first and then in reading order, each once, with their places when the page has boxes.</summary>
    public static IReadOnlyList<ReadingCandidate> Extract(RecognizedPage page)
    {
        if (string.IsNullOrWhiteSpace(page.Text))
        {
            return [];
        }

        var text = CorrectLookAlikes(page.Text);
        var found = new List<(int Position, ReadingCandidate Candidate)>();
        var taken = new bool[text.Length];

        foreach (Match match in TimePattern().Matches(text))
        {
            var typed = match.Groups["meridiem"].Success
                ? $"{match.Groups["hour"].Value}:{match.Groups["minute"].Value} {match.Groups["meridiem"].Value}m"
                : $"{match.Groups["hour"].Value}:{match.Groups["minute"].Value}";
            if (match.Groups["separator"].Value == "." && !match.Groups["meridiem"].Success)
            {
                // 12.50 on a receipt is a price; a dot counts as a time separator only with am or pm.
                continue;
            }
            // A time-shaped token is never also read as numbers, even when it is no valid time (25:00).
            Array.Fill(taken, true, match.Index, match.Length);
            if (TimeInput.TryParse(typed, out var time, out _))
            {
                // Offered as the photo showed it (2:22, not 02:22); the reading normalises it.
                var shown = time.TwelveHourClock ? time.Normalized : typed;
                found.Add((match.Index, new ReadingCandidate(shown, ReadingKind.Time, time.ToSubject(), PlaceOf(page, text, match))));
            }
        }

        foreach (Match match in AmountPattern().Matches(text))
        {
            if (IsTaken(taken, match))
            {
                continue;
            }
            Array.Fill(taken, true, match.Index, match.Length);
            var place = PlaceOf(page, text, match);
            foreach (var digits in AmountReadings(match.Groups["whole"].Value.Replace(",", "", StringComparison.Ordinal), match.Groups["cents"].Value))
            {
                AddNumber(found, match.Index, digits, place);
            }
        }

        foreach (Match match in DigitRun().Matches(text))
        {
            if (!IsTaken(taken, match))
            {
                AddNumber(found, match.Index, match.Value, PlaceOf(page, text, match));
            }
        }

        // Times first (clocks are what people photograph most), then in reading order; each once.
        return found
            .OrderBy(f => f.Candidate.Kind == ReadingKind.Time ? 0 : 1)
            .ThenBy(f => f.Position)
            .Select(f => f.Candidate)
            .DistinctBy(c => c.Text)
            .ToList();
    }

    /// <summary>
    /// What a person reads in an amount: its whole part when that has two digits or more (444.18 is
    /// 444; 4.99 is no number anyone keeps seeing), and all its digits as well when the cents repeat
    /// them (55.55 may be 55 or 5555, 4.44 is 444, 12.12 may be 1212): the person chooses.
    /// </summary>
    public static IEnumerable<string> AmountReadings(string whole, string cents)
    {
        if (whole.Length >= 2)
        {
            yield return whole;
        }
        var all = whole + cents;
        if (whole.TrimStart('0').Length > 0 && (whole == cents || all.All(digit => digit == all[0])))
        {
            yield return all;
        }
    }

    private static bool IsTaken(bool[] taken, Match match) =>
        taken.AsSpan(match.Index, match.Length).Contains(true);

    private static void AddNumber(List<(int Position, ReadingCandidate Candidate)> found, int position, string digits, CandidatePlace? place)
    {
        if (digits.Length <= NumberInput.MaxDigits && NumberInput.TryParse(digits, out var number, out _))
        {
            found.Add((position, new ReadingCandidate(number.Digits, ReadingKind.Number, number.ToSubject(), place)));
        }
    }

    /// <summary>The box around the match's glyphs and the median height of its digits; null when the page has no boxes for them.</summary>
    private static CandidatePlace? PlaceOf(RecognizedPage page, string text, Match match)
    {
        PixelBox? around = null;
        var digitHeights = new List<int>();
        for (var i = match.Index; i < match.Index + match.Length; i++)
        {
            if (page.CharacterBoxes[i] is not { } box)
            {
                continue;
            }
            around = around is { } sofar ? sofar.Union(box) : box;
            if (char.IsAsciiDigit(text[i]))
            {
                digitHeights.Add(box.Height);
            }
        }
        if (around is not { } found || digitHeights.Count == 0)
        {
            return null;
        }
        digitHeights.Sort();
        var middle = digitHeights.Count / 2;
        var median = digitHeights.Count % 2 == 1 ? digitHeights[middle] : (digitHeights[middle - 1] + digitHeights[middle]) / 2.0;
        var confidence = page.Words
            .Where(word => word.Text.Any(char.IsAsciiDigit) && word.Box.Overlaps(found))
            .Select(word => word.Confidence)
            .DefaultIfEmpty(100)
            .Min();
        return new CandidatePlace(found, median, confidence);
    }

    /// <summary>Replaces look-alike letters with digits where they stand between two digits (1O1, 1OO1, 4l4).</summary>
    public static string CorrectLookAlikes(string text)
    {
        var corrected = new StringBuilder(text);
        for (var i = 1; i < text.Length - 1; i++)
        {
            if (!LookAlikes.ContainsKey(text[i]) || !char.IsAsciiDigit(text[i - 1]))
            {
                continue;
            }
            var end = i;
            while (end < text.Length && LookAlikes.ContainsKey(text[end]))
            {
                end++;
            }
            if (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                for (var j = i; j < end; j++)
                {
                    corrected[j] = LookAlikes[text[j]];
                }
            }
            i = end;
        }
        return corrected.ToString();
    }

    [GeneratedRegex(@"(?<![\d.,:])(?<hour>\d{1,2})\s?(?<separator>[:.])\s?(?<minute>\d{2})(?![\d:])(\s?(?<meridiem>[AaPp])\.?\s?[Mm]\b\.?)?",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex TimePattern();

    /// <summary>An amount with cents: 444.18, 1,234.50, 12,50; thousands separated by commas only when cents follow a dot.</summary>
    [GeneratedRegex(@"(?<![\d.,:])(?<whole>\d{1,3}(?:,\d{3})+(?=\.)|\d+)[.,](?<cents>\d{2})(?![\d]|[.,:]\d)",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"(?<![\d.,])\d{2,}(?![\d]|[.,]\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex DigitRun();
}
