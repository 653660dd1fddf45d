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

    /// <summary>The text Tesseract reads in the image, optionally limited to the given characters.</summary>
    public string Recognize(GrayImage image, TesseractNative.PageSegMode mode, string? allowedCharacters = null)
    {
        TesseractNative.TessBaseAPISetPageSegMode(handle, mode);
        TesseractNative.TessBaseAPISetVariable(handle, "tessedit_char_whitelist", allowedCharacters ?? "");
        TesseractNative.TessBaseAPISetImage(handle, image.Pixels, image.Width, image.Height, 1, image.Width);
        // Photos carry no trustworthy resolution; saying 300 dpi keeps Tesseract's size heuristics sane.
        TesseractNative.TessBaseAPISetSourceResolution(handle, 300);
        try
        {
            using var text = TesseractNative.TessBaseAPIGetUTF8Text(handle);
            return text.Read();
        }
        finally
        {
            TesseractNative.TessBaseAPIClear(handle);
        }
    }

    public void Dispose() => handle.Dispose();
}

/// <summary>Photo reading is not possible on this machine (library or language data missing).</summary>
public sealed class OcrUnavailableException(string message) : Exception(message);
