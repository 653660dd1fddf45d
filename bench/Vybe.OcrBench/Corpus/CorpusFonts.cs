using SkiaSharp;

namespace Vybe.OcrBench.Corpus;

/// <summary>
/// The font files the corpus draws with, by the Debian package that brings each (scripts/bench-ocr.sh
/// installs them). Deliberately other faces than the tests' DejaVu, so the corpus does not measure
/// what the tests were tuned on: seven-segment faces, Liberation, Noto, and the thin and light
/// weights of Roboto and Lato that phone lock screens use.
/// </summary>
public sealed class CorpusFonts : IDisposable
{
    private const string Root = "/usr/share/fonts/truetype/";

    private static readonly Dictionary<string, string> PackageOfFolder = new()
    {
        ["dseg/"] = "fonts-dseg",
        ["liberation2/"] = "fonts-liberation2",
        ["noto/"] = "fonts-noto-core",
        ["roboto/unhinted/RobotoTTF/"] = "fonts-roboto-unhinted",
        ["lato/"] = "fonts-lato",
        ["dejavu/"] = "fonts-dejavu-core and fonts-dejavu-extra",
    };

    private readonly Dictionary<string, SKTypeface> loaded = [];

    // Seven-segment and fourteen-segment faces (fonts-dseg).
    public static readonly string[] SevenSegment =
    [
        "dseg/DSEG7Classic-Regular.ttf", "dseg/DSEG7Classic-Bold.ttf", "dseg/DSEG7Classic-Light.ttf",
        "dseg/DSEG7Classic-Italic.ttf", "dseg/DSEG7Classic-BoldItalic.ttf",
        "dseg/DSEG7Modern-Regular.ttf", "dseg/DSEG7Modern-Bold.ttf", "dseg/DSEG7Modern-Light.ttf",
        "dseg/DSEG7Modern-Italic.ttf", "dseg/DSEG7Modern-BoldItalic.ttf",
    ];

    public static readonly string[] FourteenSegment =
    [
        "dseg/DSEG14Classic-Regular.ttf", "dseg/DSEG14Classic-Bold.ttf", "dseg/DSEG14Modern-Regular.ttf",
    ];

    /// <summary>The big time of a lock screen: thin and light weights.</summary>
    public static readonly string[] Thin =
    [
        "roboto/unhinted/RobotoTTF/Roboto-Thin.ttf", "roboto/unhinted/RobotoTTF/Roboto-Light.ttf",
        "lato/Lato-Hairline.ttf", "lato/Lato-Thin.ttf", "lato/Lato-Light.ttf",
        "dejavu/DejaVuSans-ExtraLight.ttf", "noto/NotoSansDisplay-Regular.ttf",
    ];

    public static readonly string[] Regular =
    [
        "liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSerif-Regular.ttf",
        "noto/NotoSans-Regular.ttf", "noto/NotoSerif-Regular.ttf", "noto/NotoSansDisplay-Regular.ttf",
        "roboto/unhinted/RobotoTTF/Roboto-Regular.ttf", "lato/Lato-Regular.ttf", "lato/Lato-Medium.ttf",
        "dejavu/DejaVuSansCondensed.ttf",
    ];

    public static readonly string[] Bold =
    [
        "liberation2/LiberationSans-Bold.ttf", "liberation2/LiberationSerif-Bold.ttf", "noto/NotoSans-Bold.ttf",
        "noto/NotoSansDisplay-Bold.ttf", "roboto/unhinted/RobotoTTF/Roboto-Bold.ttf",
        "roboto/unhinted/RobotoTTF/Roboto-Black.ttf", "lato/Lato-Bold.ttf", "lato/Lato-Black.ttf",
        "dejavu/DejaVuSansCondensed-Bold.ttf",
    ];

    /// <summary>Till-roll faces: receipts are printed in monospace or a plain sans.</summary>
    public static readonly string[] Receipt =
    [
        "liberation2/LiberationMono-Regular.ttf", "dejavu/DejaVuSansMono.ttf", "liberation2/LiberationSans-Regular.ttf",
        "noto/NotoSans-Regular.ttf", "roboto/unhinted/RobotoTTF/Roboto-Regular.ttf",
    ];

    /// <summary>The bold partner of each receipt face (same index).</summary>
    public static readonly string[] ReceiptBold =
    [
        "liberation2/LiberationMono-Bold.ttf", "dejavu/DejaVuSansMono-Bold.ttf", "liberation2/LiberationSans-Bold.ttf",
        "noto/NotoSans-Bold.ttf", "roboto/unhinted/RobotoTTF/Roboto-Bold.ttf",
    ];

    public static IEnumerable<string> All =>
        SevenSegment.Concat(FourteenSegment).Concat(Thin).Concat(Regular).Concat(Bold).Concat(Receipt).Concat(ReceiptBold).Distinct();

    /// <summary>The files that are not there, each with the package that brings it.</summary>
    public static IReadOnlyList<string> Missing() =>
        [.. All.Where(file => !File.Exists(Root + file)).Select(file => $"{Root}{file} ({PackageFor(file)})")];

    public SKTypeface this[string file]
    {
        get
        {
            if (!loaded.TryGetValue(file, out var typeface))
            {
                typeface = SKTypeface.FromFile(Root + file)
                    ?? throw new InvalidOperationException($"Font {Root}{file} is missing: install {PackageFor(file)}.");
                loaded[file] = typeface;
            }
            return typeface;
        }
    }

    /// <summary>A short name for the manifest's description: "Roboto-Thin".</summary>
    public static string NameOf(string file) => Path.GetFileNameWithoutExtension(file);

    private static string PackageFor(string file) =>
        PackageOfFolder.First(p => file.StartsWith(p.Key, StringComparison.Ordinal)).Value;

    public void Dispose()
    {
        foreach (var typeface in loaded.Values)
        {
            typeface.Dispose();
        }
        loaded.Clear();
    }
}
