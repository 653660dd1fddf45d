using System.Text;

namespace Vybe.Web.Ocr.Tesseract;

/// <summary>
/// One initialised Tesseract instance. Not thread-safe: <see cref="TesseractEnginePool"/> lends each
/// engine to one caller at a time. Initialising loads the language model, which is why engines are kept.
/// </summary>
internal sealed class TesseractEngine : IDisposable
{
    private readonly TesseractHandle handle;

    private TesseractEngine(TesseractHandle handle) => this.handle = handle;

    public static TesseractEngine Create(string? dataPath, string language)
    {
        var handle = TesseractNative.TessBaseAPICreate();
        if (handle.IsInvalid)
        {
            throw new OcrUnavailableException("Tesseract could not create an engine.");
        }
        if (TesseractNative.TessBaseAPIInit3(handle, string.IsNullOrWhiteSpace(dataPath) ? null : dataPath, language) != 0)
        {
            handle.Dispose();
            throw new OcrUnavailableException($"Tesseract has no '{language}' language data{(string.IsNullOrWhiteSpace(dataPath) ? "" : $" in {dataPath}")}.");
        }
        return new TesseractEngine(handle);
    }

    /// <summary>
    /// The text Tesseract reads in the image, optionally limited to the given characters, with the
    /// box of every glyph (walked symbol by symbol with the result iterator), in the image's pixels.
    /// </summary>
    public RecognizedPage Recognize(GrayImage image, TesseractNative.PageSegMode mode, string? allowedCharacters = null)
    {
        TesseractNative.TessBaseAPISetPageSegMode(handle, mode);
        TesseractNative.TessBaseAPISetVariable(handle, "tessedit_char_whitelist", allowedCharacters ?? "");
        TesseractNative.TessBaseAPISetImage(handle, image.Pixels, image.Width, image.Height, 1, image.Width);
        // Photos carry no trustworthy resolution; saying 300 dpi keeps Tesseract's size heuristics sane.
        TesseractNative.TessBaseAPISetSourceResolution(handle, 300);
        try
        {
            if (TesseractNative.TessBaseAPIRecognize(handle, IntPtr.Zero) != 0)
            {
                return RecognizedPage.Empty;
            }
            using var iterator = TesseractNative.TessBaseAPIGetIterator(handle);
            return iterator.IsInvalid ? RecognizedPage.Empty : ReadSymbols(iterator);
        }
        finally
        {
            TesseractNative.TessBaseAPIClear(handle);
        }
    }

    /// <summary>Every symbol with its box; a new line where Tesseract starts a line (or block), a space where it starts a word.</summary>
    private static RecognizedPage ReadSymbols(TesseractResultIterator iterator)
    {
        var text = new StringBuilder();
        var boxes = new List<PixelBox?>();
        var words = new List<RecognizedWord>();
        var word = new WordInProgress();
        var page = TesseractNative.TessResultIteratorGetPageIteratorConst(iterator);
        do
        {
            if (TesseractNative.TessPageIteratorIsAtBeginningOf(page, TesseractNative.IteratorLevel.Word))
            {
                word.FinishInto(words);
                word = new WordInProgress { Confidence = TesseractNative.TessResultIteratorConfidence(iterator, TesseractNative.IteratorLevel.Word) };
            }
            using var symbol = TesseractNative.TessResultIteratorGetUTF8Text(iterator, TesseractNative.IteratorLevel.Symbol);
            var glyph = symbol.Read();
            if (glyph.Length == 0
                || !TesseractNative.TessPageIteratorBoundingBox(page, TesseractNative.IteratorLevel.Symbol, out var left, out var top, out var right, out var bottom))
            {
                continue;
            }
            if (text.Length > 0)
            {
                var separator = TesseractNative.TessPageIteratorIsAtBeginningOf(page, TesseractNative.IteratorLevel.TextLine) ? '\n'
                    : TesseractNative.TessPageIteratorIsAtBeginningOf(page, TesseractNative.IteratorLevel.Word) ? ' '
                    : (char?)null;
                if (separator is { } between)
                {
                    text.Append(between);
                    boxes.Add(null);
                }
            }
            var box = new PixelBox(left, top, right - left, bottom - top);
            text.Append(glyph);
            boxes.AddRange(Enumerable.Repeat<PixelBox?>(box, glyph.Length));
            word.Add(glyph, box);
        }
        while (TesseractNative.TessResultIteratorNext(iterator, TesseractNative.IteratorLevel.Symbol));
        word.FinishInto(words);
        return new RecognizedPage(text.ToString(), boxes, words);
    }

    /// <summary>The symbols of the word being walked.</summary>
    private sealed class WordInProgress
    {
        private readonly StringBuilder text = new();
        private readonly List<int> glyphHeights = [];
        private PixelBox? box;

        public float Confidence { get; init; }

        public void Add(string glyph, PixelBox glyphBox)
        {
            text.Append(glyph);
            box = box is { } sofar ? sofar.Union(glyphBox) : glyphBox;
            if (glyph.Any(char.IsLetterOrDigit))
            {
                glyphHeights.Add(glyphBox.Height);
            }
        }

        public void FinishInto(List<RecognizedWord> words)
        {
            if (box is { } around && glyphHeights.Count > 0)
            {
                glyphHeights.Sort();
                words.Add(new RecognizedWord(text.ToString(), around, glyphHeights[glyphHeights.Count / 2], Confidence));
            }
        }
    }

    public void Dispose() => handle.Dispose();
}

/// <summary>Photo reading is not possible on this machine (library or language data missing).</summary>
public sealed class OcrUnavailableException(string message) : Exception(message);
