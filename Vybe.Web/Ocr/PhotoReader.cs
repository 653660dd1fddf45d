using Vybe.Web.Ocr.Tesseract;

namespace Vybe.Web.Ocr;

/// <summary>What was found in a photo: the candidates, most prominent first, and the text the passes read (for diagnostics and tests).</summary>
public sealed record PhotoFindings(IReadOnlyList<ReadingCandidate> Candidates, string RecognizedText)
{
    /// <summary>The candidate read without asking (<see cref="CandidateRanking.AutomaticChoice"/>), or null when the person chooses among <see cref="Candidates"/>.</summary>
    public ReadingCandidate? AutomaticChoice => CandidateRanking.AutomaticChoice(Candidates);
}

/// <summary>
/// Reads the times and numbers in an uploaded photo: checks the upload's header first (format,
/// size, pixel count), decodes it small and upright, then runs Tesseract on a pooled engine over a
/// pre-processed image (polarity, contrast, upscaling of small text) and, for the clock faces
/// Tesseract misreads, the seven-segment recogniser; the candidates of all passes are merged and
/// ranked by how prominent they stand in the photo (<see cref="CandidateRanking"/>).
/// </summary>
public sealed class PhotoReader(TesseractEnginePool engines, ILogger<PhotoReader> logger)
{
    /// <summary>Characters a time or number can be made of (and the letters OCR confuses with them).</summary>
    private const string DigitsAndTimeMarks = "0123456789:.apmAPM ";

    public bool IsAvailable => engines.IsAvailable;

    public string? Problem => engines.Problem;

    /// <summary>Refuses an upload that is not a PNG, JPEG or WebP within the limits, before any decoding.</summary>
    public static bool TryAccept(ReadOnlySpan<byte> data, out ImageHeader header, out string error) =>
        ImageUploadRules.TryRead(data, out header, out error);

    public async Task<PhotoFindings> ReadAsync(byte[] data, CancellationToken cancellationToken)
    {
        var photo = PhotoDecoder.Decode(data);
        var prepared = Prepare(photo);
        // Boxes read on the enlarged picture are brought back to the photo's pixels, so every pass ranks alike.
        var toPhoto = photo.Width / (double)prepared.Width;

        var (free, line) = await engines.UseAsync(engine =>
        {
            // The free reading finds numbers among other text (receipts, signs). The second reads the
            // picture as one line of digits: Tesseract reads 11:11 in many fonts as "Li:1l", and a
            // plate's "777 Z" as "7772", until told that only digits are possible.
            var free = Reading.Of(engine.Recognize(prepared, TesseractNative.PageSegMode.SparseText).Scaled(toPhoto));
            var line = Reading.Of(engine.Recognize(photo, TesseractNative.PageSegMode.SingleLine, DigitsAndTimeMarks));
            if (line.Candidates.Count == 0)
            {
                line = Reading.Of(engine.Recognize(prepared, TesseractNative.PageSegMode.SingleLine, DigitsAndTimeMarks).Scaled(toPhoto));
            }
            if (free.Candidates.Count == 0 && line.Candidates.Count == 0)
            {
                // Enlarging also enlarges specks and grain; the photo as it came sometimes reads better.
                free = Reading.Of(engine.Recognize(photo, TesseractNative.PageSegMode.SparseText));
            }
            return (free, line);
        }, cancellationToken);

        // A digit-only reading of a busy picture (a receipt) is noise; it counts when it found exactly
        // one thing, or when the free reading found nothing at all. The free reading comes first: its
        // boxes follow the page's lines, where a one-line reading of several lines draws tall boxes.
        var fromTesseract = free.Candidates
            .Concat(line.Candidates.Count == 1 || free.Candidates.Count == 0 ? line.Candidates : [])
            .ToList();
        // The seven-segment recogniser is for the clock faces Tesseract cannot read; where Tesseract
        // read something, the recogniser's guess at ordinary type would only add a wrong choice.
        var segments = fromTesseract.Count > 0 ? null : SevenSegmentReader.Read(photo);
        var candidates = CandidateRanking.Rank(segments is null ? fromTesseract : CandidateExtractor.Extract(segments));
        var recognized = string.Join('\n', new[] { free.Text, line.Text, segments ?? "" }.Where(t => !string.IsNullOrWhiteSpace(t)));
        logger.LogDebug("Photo read: {Candidates} candidate(s) from {Text}", candidates.Count, recognized);
        return new PhotoFindings(candidates, recognized);
    }

    /// <summary>One pass's text and the candidates in it, extracted once.</summary>
    private sealed record Reading(string Text, IReadOnlyList<ReadingCandidate> Candidates)
    {
        public static Reading Of(RecognizedPage page) => new(page.Text, CandidateExtractor.Extract(page));
    }

    /// <summary>Dark text on light, contrast stretched, and small pictures enlarged so characters are tall enough for Tesseract.</summary>
    public static GrayImage Prepare(GrayImage photo)
    {
        var image = ImageFilters.IsLightOnDark(photo) ? ImageFilters.Invert(photo) : photo;
        image = ImageFilters.StretchContrast(image);
        var longest = Math.Max(image.Width, image.Height);
        if (longest < 1200)
        {
            image = ImageFilters.Scale(image, Math.Min(4.0, 1200.0 / longest));
        }
        return image;
    }
}
