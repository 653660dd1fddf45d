using Vybe.Web.Readings;

namespace Vybe.Web.Ocr;

/// <summary>
/// Weighs Tesseract's candidates against a seven-segment display found in the same photo. Tesseract
/// reads ordinary type well and segment faces badly (it splits segments into letters, or reads
/// another time); the seven-segment recogniser reads only segment faces, and prefers no answer to a
/// wrong one. So the recogniser is consulted on every photo, and its reading counts when:
/// <list type="bullet">
/// <item>Tesseract found nothing;</item>
/// <item>Tesseract's answer is implausible for the picture: a display was found and none of
/// Tesseract's candidates stands inside it (the centre of its box within the display's box,
/// grown by a quarter of a digit on each side), so Tesseract read something else than the
/// display: a brand name's digits, specks;</item>
/// <item>Tesseract read something inside the display, but not what the recogniser read: both
/// are offered, and the person, who saw the clock, chooses.</item>
/// </list>
/// Where a Tesseract candidate inside the display is the recogniser's reading, Tesseract's
/// candidates stand as they are.
/// </summary>
public static class DisplayCheck
{
    /// <summary>How far around the display's box, in digit heights, a candidate still counts as inside it.</summary>
    public const double Margin = 0.25;

    /// <summary>The candidates to rank: Tesseract's, the display's, or both.</summary>
    public static IReadOnlyList<ReadingCandidate> Combine(IReadOnlyList<ReadingCandidate> fromTesseract, string? displayText, PixelBox displayBox, double digitHeight)
    {
        var place = new CandidatePlace(displayBox, digitHeight);
        var fromDisplay = CandidateExtractor.Extract(displayText).Select(c => c with { Place = place }).ToList();
        if (fromDisplay.Count == 0)
        {
            return fromTesseract;
        }
        var inside = fromTesseract.Where(c => c.Place is { } at && IsInside(at.Box, displayBox, digitHeight)).ToList();
        if (inside.Any(c => fromDisplay.Any(d => SameReading(c, d))))
        {
            return fromTesseract;
        }
        return [.. fromDisplay, .. fromTesseract];
    }

    private static bool IsInside(PixelBox candidate, PixelBox display, double digitHeight)
    {
        var margin = (int)Math.Round(digitHeight * Margin);
        var grown = new PixelBox(display.Left - margin, display.Top - margin, display.Width + (2 * margin), display.Height + (2 * margin));
        return grown.HoldsCentreOf(candidate);
    }

    /// <summary>The same text, or the same time (09:55 read as 9:55), or a time's digits read as a number (1111 for 11:11).</summary>
    private static bool SameReading(ReadingCandidate tesseract, ReadingCandidate display) =>
        tesseract.Text == display.Text
        || (tesseract.Kind == ReadingKind.Time && tesseract.Subject.Clock == display.Subject.Clock)
        || tesseract.Subject.Digits.TrimStart('0') == display.Subject.Digits.TrimStart('0');
}
