using Vybe.Web.Ocr.Tesseract;

namespace Vybe.Web.Ocr;

/// <summary>
/// What was found in a photo: the candidates, most prominent first, the text the passes read (for
/// diagnostics and tests), and the glyph height of the tallest legible text in it (0 when unknown).
/// </summary>
public sealed record PhotoFindings(IReadOnlyList<ReadingCandidate> Candidates, string RecognizedText, double TallestTextHeight = 0)
{
    /// <summary>The candidate read without asking (<see cref="CandidateRanking.AutomaticChoice"/>), or null when the person chooses among <see cref="Candidates"/>.</summary>
    public ReadingCandidate? AutomaticChoice => CandidateRanking.AutomaticChoice(Candidates, TallestTextHeight);
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

    /// <summary>Refuses an upload that is not a PNG, JPEG, WebP or HEIC within the limits, before any decoding.</summary>
    public static bool TryAccept(ReadOnlySpan<byte> data, out ImageHeader header, out string error) =>
        ImageUploadRules.TryRead(data, out header, out error);

    public async Task<PhotoFindings> ReadAsync(byte[] data, CancellationToken cancellationToken)
    {
        var photo = PhotoDecoder.Decode(data);
        var prepared = Prepare(photo);
        // Boxes read on the enlarged picture are brought back to the photo's pixels, so every pass ranks alike.
        var toPhoto = photo.Width / (double)prepared.Width;

        var overviews = Overviews(photo);
        // The seven-segment locator runs beside Tesseract on every photo (DisplayCheck says when its reading counts).
        var locating = Task.Run(() => SevenSegmentReader.Locate(photo), cancellationToken);
        var (free, large, line) = await engines.UseAsync(engine =>
        {
            // The free reading finds numbers among other text (receipts, signs).
            var free = Reading.Of(engine.Recognize(prepared, TesseractNative.PageSegMode.SparseText).Scaled(toPhoto));
            // Tesseract reads glyphs of 20 to 60 pixels best: a lock screen's 150-pixel clock in a
            // thin weight comes apart into strokes, and reads once the picture is made small.
            var large = overviews.Count == 0 ? null : Reading.Of(overviews
                .Select(overview => engine.Recognize(overview, TesseractNative.PageSegMode.SparseText).Scaled(photo.Width / (double)overview.Width))
                .ToArray());
            // A confident candidate from the free readings makes the one-line readings, the slowest
            // passes on a large photo, worth nothing more than a second opinion they rarely give.
            if (free.Candidates.Concat(large?.Candidates ?? []).Any(c => c.Place is { Confidence: >= CandidateRanking.ConfidentAbove }))
            {
                return (free, large, Reading.None);
            }
            // The picture read as one line of digits: Tesseract reads 11:11 in many fonts as "Li:1l",
            // and a plate's "777 Z" as "7772", until told that only digits are possible.
            var line = Reading.WithoutConfidence(engine.Recognize(photo, TesseractNative.PageSegMode.SingleLine, DigitsAndTimeMarks));
            if (line.Candidates.Count == 0)
            {
                line = Reading.WithoutConfidence(engine.Recognize(prepared, TesseractNative.PageSegMode.SingleLine, DigitsAndTimeMarks).Scaled(toPhoto));
            }
            if (free.Candidates.Count == 0 && line.Candidates.Count == 0)
            {
                // Enlarging also enlarges specks and grain; the photo as it came sometimes reads better.
                free = Reading.Of(engine.Recognize(photo, TesseractNative.PageSegMode.SparseText));
            }
            return (free, large, line);
        }, cancellationToken);

        // A digit-only reading of a busy picture (a receipt) is noise; it counts when it found exactly
        // one thing, or when the free reading found nothing at all. The free reading comes first: its
        // boxes follow the page's lines, where a one-line reading of several lines draws tall boxes.
        var fromTesseract = free.Candidates
            .Concat(large?.Candidates ?? [])
            .Concat(line.Candidates.Count == 1 || free.Candidates.Count == 0 ? line.Candidates : [])
            .ToList();
        var display = await locating;
        var candidates = CandidateRanking.Rank(display is null
            ? fromTesseract
            : DisplayCheck.Combine(fromTesseract, display.Text, display.Box, display.DigitHeight));
        var recognized = string.Join('\n', new[] { free.Text, large?.Text ?? "", line.Text, display?.Text ?? "" }.Where(t => !string.IsNullOrWhiteSpace(t)));
        // The free readings see the layout; the one-line reading draws its boxes across lines.
        var tallest = free.Words.Concat(large?.Words ?? []).Where(w => w.IsLegible).Select(w => w.GlyphHeight).DefaultIfEmpty(0).Max();
        logger.LogDebug("Photo read: {Candidates} candidate(s) from {Text}", candidates.Count, recognized);
        return new PhotoFindings(candidates, recognized, tallest);
    }

    /// <summary>One pass's text and the candidates in it, extracted once.</summary>
    private sealed record Reading(string Text, IReadOnlyList<ReadingCandidate> Candidates, IReadOnlyList<RecognizedWord> Words)
    {
        public static Reading None { get; } = new("", [], []);

        public static Reading Of(RecognizedPage page) => new(page.Text, CandidateExtractor.Extract(page), page.Words);

        /// <summary>
        /// A reading limited to digits: the whitelist forces every glyph into a digit, so Tesseract's
        /// confidence in it says nothing (it is 0 for a clean 11:11); its candidates count as confident.
        /// </summary>
        public static Reading WithoutConfidence(RecognizedPage page) => new(page.Text,
            CandidateExtractor.Extract(page).Select(c => c.Place is { } place ? c with { Place = place with { Confidence = 100 } } : c).ToList(),
            page.Words);

        /// <summary>Several pages read as one: their texts and candidates in order.</summary>
        public static Reading Of(IReadOnlyList<RecognizedPage> pages)
        {
            var readings = pages.Select(Of).ToList();
            return new(string.Join('\n', readings.Select(r => r.Text).Where(t => t.Length > 0)),
                readings.SelectMany(r => r.Candidates).ToList(), readings.SelectMany(r => r.Words).ToList());
        }
    }

    /// <summary>Longest side of the small copy in which large text is read.</summary>
    public const int OverviewSide = 480;

    /// <summary>
    /// The photo made small and contrast stretched, for its large text, with dark strokes thickened
    /// (<see cref="ImageFilters.ThickenDark"/>): once as it is and once inverted, because the
    /// polarity of a whole photo says little about its clock (a light screen in a dark phone
    /// frame). Thickening the wrong polarity erodes the text away, so that copy reads as nothing.
    /// None when the photo is small already.
    /// </summary>
    public static IReadOnlyList<GrayImage> Overviews(GrayImage photo)
    {
        var longest = Math.Max(photo.Width, photo.Height);
        if (longest < OverviewSide * 3 / 2)
        {
            return [];
        }
        var small = ImageFilters.StretchContrast(ImageFilters.Scale(photo, OverviewSide / (double)longest));
        return [ImageFilters.ThickenDark(small, 1), ImageFilters.ThickenDark(ImageFilters.Invert(small), 1)];
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
