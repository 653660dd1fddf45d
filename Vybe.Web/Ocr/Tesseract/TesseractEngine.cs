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
        var page = TesseractNative.TessResultIteratorGetPageIteratorConst(iterator);
        do
        {
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
        }
        while (TesseractNative.TessResultIteratorNext(iterator, TesseractNative.IteratorLevel.Symbol));
        return new RecognizedPage(text.ToString(), boxes);
    }

    public void Dispose() => handle.Dispose();
}

/// <summary>Photo reading is not possible on this machine (library or language data missing).</summary>
public sealed class OcrUnavailableException(string message) : Exception(message);
