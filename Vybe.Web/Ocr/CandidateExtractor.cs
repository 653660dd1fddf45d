using System.Text;
using System.Text.RegularExpressions;
using Vybe.Web.Readings;

namespace Vybe.Web.Ocr;

/// <summary>A time or number found in a photo, ready to be read.</summary>
public sealed record ReadingCandidate(string Text, ReadingKind Kind, ReadingSubject Subject);

/// <summary>
/// Finds the times and numbers in recognised text: times like 11:11 and 9:55 pm, and runs of 2 to 12
/// digits. OCR confuses some letters with digits (O and 0, l and 1); those are corrected only between
/// two digits, where a letter cannot be meant. Prices (4.99) and dates are not mistaken for times.
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

    public static IReadOnlyList<ReadingCandidate> Extract(string? recognizedText)
    {
        if (string.IsNullOrWhiteSpace(recognizedText))
        {
            return [];
        }

        var text = CorrectLookAlikes(recognizedText);
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
                found.Add((match.Index, new ReadingCandidate(shown, ReadingKind.Time, time.ToSubject())));
            }
        }

        foreach (Match match in DigitRun().Matches(text))
        {
            if (taken[match.Index] || taken[match.Index + match.Length - 1] || match.Value.Length > NumberInput.MaxDigits)
            {
                continue;
            }
            if (NumberInput.TryParse(match.Value, out var number, out _))
            {
                found.Add((match.Index, new ReadingCandidate(number.Digits, ReadingKind.Number, number.ToSubject())));
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

    [GeneratedRegex(@"(?<![\d.,])\d{2,}(?![\d]|[.,]\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex DigitRun();
}
