using System.ComponentModel.DataAnnotations;

namespace Vybe.Web.Ocr;

/// <summary>Photo reading (section <c>Vybe:Ocr</c>).</summary>
public sealed class OcrOptions
{
    public const string Section = "Vybe:Ocr";

    /// <summary>The Tesseract 5 library to load.</summary>
    [Required]
    public string LibraryName { get; set; } = "libtesseract.so.5";

    /// <summary>The libheif library (with its HEVC decoder, libde265) that reads HEIC photos; without it HEIC uploads are refused.</summary>
    [Required]
    public string HeifLibraryName { get; set; } = "libheif.so.1";

    /// <summary>The folder holding eng.traineddata; empty lets Tesseract use its own default (TESSDATA_PREFIX or the packaged path).</summary>
    public string? TessdataPath { get; set; }

    [Required]
    public string Language { get; set; } = "eng";

    /// <summary>Engines kept ready (each is single-threaded and holds its model in memory); 0 means one per core.</summary>
    [Range(0, 64)]
    public int PoolSize { get; set; }

    public int EffectivePoolSize => PoolSize > 0 ? PoolSize : Math.Max(1, Environment.ProcessorCount);
}
