using Microsoft.Extensions.Options;

namespace Vybe.Web.Ocr.Heif;

/// <summary>
/// Whether this server reads HEIC photos: libheif, by the name in <see cref="OcrOptions.HeifLibraryName"/>,
/// is looked for once. Without it every other format is still read, and a HEIC upload is told what to install.
/// </summary>
public sealed class HeifSupport
{
    public const string InstallHint =
        "HEIC photos (the iPhone camera's format) need libheif on the server: install the Debian package libheif1 " +
        "(sudo apt install libheif1), then restart Vybe. PNG, JPEG and WebP photos can be read meanwhile.";

    private readonly Lazy<(bool Available, string? Version, string? Problem)> availability;

    public HeifSupport(IOptions<OcrOptions> options)
    {
        var libraryName = options.Value.HeifLibraryName;
        availability = new Lazy<(bool, string?, string?)>(
            () => HeifLibrary.TryLoad(libraryName, out var version, out var problem) ? (true, version, null) : (false, null, problem),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool IsAvailable => availability.Value.Available;

    public string? Version => availability.Value.Version;

    public string? Problem => availability.Value.Problem;
}
