namespace Vybe.Web.Ocr.SevenSegment;

/// <summary>
/// One way of separating the digits from everything else: the dark-ink picture, its binarisation,
/// which polarity it assumed, and how many of the given picture's pixels one of its pixels spans
/// (it may have been shrunk).
/// </summary>
internal sealed record Binarization(GrayImage DarkInk, GrayImage Ink, int Polarity, double PictureScale);

/// <summary>The first step: the picture shrunk and cleaned, and the ways of binarising it, in the order they are tried.</summary>
internal static class Binarizations
{
    /// <summary>Larger pictures are shrunk first: enough for a display that fills a fraction of a photo, and bounded cost.</summary>
    private const int MaximumWorkingSide = 1280;

    /// <summary>Working side over this is the radius of the local threshold's neighbourhood...</summary>
    private const int AdaptiveRadiusDivisor = 20;

    /// <summary>...but at least this many pixels.</summary>
    private const int MinimumAdaptiveRadius = 8;

    /// <summary>Grey levels a pixel must be darker than its neighbourhood to be ink under the local threshold.</summary>
    private const int AdaptiveOffset = 12;

    /// <summary>
    /// Ways to separate the digits from everything else, cheapest and likeliest first, each in the
    /// likelier polarity first (a lit LED face and a dark LCD need opposite handling): one global
    /// Otsu threshold for a clean face; Otsu within its light or dark class for a face inside a
    /// picture of another brightness (three grey levels); a local threshold for uneven lighting.
    /// </summary>
    public static IEnumerable<Binarization> Of(GrayImage image)
    {
        var working = Prepare(image);
        var pictureScale = (double)image.Width / working.Width;
        var lightOnDark = ImageFilters.IsLightOnDark(working);
        var inverted = ImageFilters.Invert(working);
        GrayImage[] darkInkCandidates = lightOnDark ? [inverted, working] : [working, inverted];
        var globalThresholds = darkInkCandidates.Select(ImageFilters.OtsuThreshold).ToArray();
        for (var i = 0; i < darkInkCandidates.Length; i++)
        {
            yield return new(darkInkCandidates[i], ImageFilters.Binarize(darkInkCandidates[i], globalThresholds[i]), i, pictureScale);
        }
        for (var i = 0; i < darkInkCandidates.Length; i++)
        {
            var darkInk = darkInkCandidates[i];
            var threshold = globalThresholds[i];
            if (threshold < 254)
            {
                yield return new(darkInk, ImageFilters.Binarize(darkInk, ImageFilters.OtsuThreshold(darkInk, (byte)(threshold + 1), 255)), i, pictureScale);
            }
            if (threshold > 0)
            {
                yield return new(darkInk, ImageFilters.Binarize(darkInk, ImageFilters.OtsuThreshold(darkInk, 0, threshold)), i, pictureScale);
            }
        }
        // The local threshold's offset is in grey levels, so it needs the contrast stretched; Otsu
        // does not, and stretching would clip a small lit display into its surround (the brightest
        // 1 % of a photo may be all its digits).
        var stretched = ImageFilters.StretchContrast(working);
        GrayImage[] stretchedDarkInk = lightOnDark ? [ImageFilters.Invert(stretched), stretched] : [stretched, ImageFilters.Invert(stretched)];
        for (var i = 0; i < stretchedDarkInk.Length; i++)
        {
            var darkInk = stretchedDarkInk[i];
            var radius = Math.Max(MinimumAdaptiveRadius, Math.Max(darkInk.Width, darkInk.Height) / AdaptiveRadiusDivisor);
            yield return new(darkInk, ImageFilters.BinarizeAdaptive(darkInk, radius, AdaptiveOffset), i, pictureScale);
        }
    }

    private static GrayImage Prepare(GrayImage image)
    {
        var longestSide = Math.Max(image.Width, image.Height);
        var scaled = longestSide > MaximumWorkingSide ? ImageFilters.Scale(image, (double)MaximumWorkingSide / longestSide) : image;
        return ImageFilters.GaussianBlur3x3(scaled);
    }
}
