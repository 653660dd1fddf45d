namespace Vybe.Web.Ocr;

/// <summary>
/// Pure pre-processing on <see cref="GrayImage"/>: thresholds, polarity, contrast, scaling, blur,
/// cropping and resampling. Every function returns a new image and leaves its input untouched.
/// Binarised images hold only <see cref="Ink"/> (0, black) and <see cref="Paper"/> (255, white).
/// </summary>
public static class ImageFilters
{
    public const byte Ink = 0;
    public const byte Paper = 255;

    /// <summary>
    /// Otsu's threshold: the grey level that best separates the histogram into a dark and a light
    /// class. Pixels at or below it are the dark class. On a flat optimum (two clean levels) the
    /// middle of the optimal range is returned, so the threshold sits between the two levels.
    /// </summary>
    public static byte OtsuThreshold(GrayImage image)
    {
        var histogram = Histogram(image);
        return OtsuThreshold(histogram, image.Pixels.Length);
    }

    /// <summary>
    /// Otsu's threshold among the pixels from <paramref name="lowest"/> to <paramref name="highest"/>
    /// only: splits one class of a picture with three levels (dark digits on a grey face inside a
    /// white wall) that a single threshold lumps together.
    /// </summary>
    public static byte OtsuThreshold(GrayImage image, byte lowest, byte highest)
    {
        if (lowest > highest)
        {
            throw new ArgumentException($"The range {lowest}–{highest} is empty.", nameof(lowest));
        }
        var histogram = Histogram(image);
        long total = 0;
        for (var level = 0; level < 256; level++)
        {
            if (level < lowest || level > highest)
            {
                histogram[level] = 0;
            }
            total += histogram[level];
        }
        return total == 0 ? lowest : OtsuThreshold(histogram, total);
    }

    /// <summary>Dark pixels (at or below <paramref name="threshold"/>) become ink, the rest paper.</summary>
    public static GrayImage Binarize(GrayImage image, byte threshold)
    {
        var lookup = new byte[256];
        for (var level = 0; level < 256; level++)
        {
            lookup[level] = level <= threshold ? Ink : Paper;
        }
        return MapLevels(image, lookup);
    }

    /// <summary>
    /// Ink where a pixel is darker than the mean of its (2r+1)² neighbourhood by more than
    /// <paramref name="offset"/>: survives uneven lighting that defeats one global threshold.
    /// </summary>
    public static GrayImage BinarizeAdaptive(GrayImage image, int radius, int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var localMean = BoxBlur(image, radius);
        var result = new byte[image.Pixels.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = image.Pixels[i] < localMean.Pixels[i] - offset ? Ink : Paper;
        }
        return new GrayImage(image.Width, image.Height, result);
    }

    /// <summary>
    /// Subtracts the local mean over a (2r+1)² square and re-centres on mid-grey: glare or a shadow
    /// wider than the radius disappears, while strokes narrower than it keep their contrast.
    /// </summary>
    public static GrayImage FlattenBackground(GrayImage image, int radius)
    {
        var localMean = BoxBlur(image, radius);
        var result = new byte[image.Pixels.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (byte)Math.Clamp(image.Pixels[i] - localMean.Pixels[i] + 128, 0, 255);
        }
        return new GrayImage(image.Width, image.Height, result);
    }

    public static GrayImage Invert(GrayImage image)
    {
        var result = new byte[image.Pixels.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (byte)(255 - image.Pixels[i]);
        }
        return new GrayImage(image.Width, image.Height, result);
    }

    /// <summary>
    /// Whether the content is light on a dark background (an LED face) rather than dark on light
    /// (print, an LCD). Two clues vote: text is the minority class after Otsu, and the border of a
    /// picture is usually background. When they disagree the clearer one wins.
    /// </summary>
    public static bool IsLightOnDark(GrayImage image)
    {
        var threshold = OtsuThreshold(image);
        long darkCount = 0;
        foreach (var pixel in image.Pixels)
        {
            if (pixel <= threshold)
            {
                darkCount++;
            }
        }
        var darkFraction = (double)darkCount / image.Pixels.Length;
        var lightIsMinority = darkFraction > 0.5;
        var borderIsDark = BorderMean(image) <= threshold;
        if (lightIsMinority == borderIsDark)
        {
            return lightIsMinority;
        }
        return Math.Abs(darkFraction - 0.5) > 0.15 ? lightIsMinority : borderIsDark;
    }

    /// <summary>
    /// Thickens dark strokes: each pixel becomes the darkest within <paramref name="radius"/> (a
    /// square minimum filter, done as a row pass and a column pass). A thin clock font's hairlines
    /// then read as strokes, and text a few pixels tall closes up into blots that read as nothing.
    /// </summary>
    public static GrayImage ThickenDark(GrayImage image, int radius)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var (width, height) = (image.Width, image.Height);
        var rows = new byte[image.Pixels.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var darkest = byte.MaxValue;
                for (var i = Math.Max(0, x - radius); i <= Math.Min(width - 1, x + radius); i++)
                {
                    darkest = Math.Min(darkest, image.Pixels[(y * width) + i]);
                }
                rows[(y * width) + x] = darkest;
            }
        }
        var result = new byte[rows.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var darkest = byte.MaxValue;
                for (var j = Math.Max(0, y - radius); j <= Math.Min(height - 1, y + radius); j++)
                {
                    darkest = Math.Min(darkest, rows[(j * width) + x]);
                }
                result[(y * width) + x] = darkest;
            }
        }
        return new GrayImage(width, height, result);
    }

    /// <summary>
    /// Bilinear resize by <paramref name="factor"/>. When shrinking by more than half the image is
    /// box-blurred first, so thin strokes fade instead of breaking into aliased dots.
    /// </summary>
    public static GrayImage Scale(GrayImage image, double factor)
    {
        if (!(factor > 0) || double.IsInfinity(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The scale factor must be a positive number.");
        }
        var width = Math.Max(1, (int)Math.Round(image.Width * factor));
        var height = Math.Max(1, (int)Math.Round(image.Height * factor));
        var source = factor < 0.5 ? BoxBlur(image, (int)Math.Floor(0.5 / factor)) : image;
        var scaleX = (double)image.Width / width;
        var scaleY = (double)image.Height / height;

        var columnLeft = new int[width];
        var columnWeight = new int[width];
        for (var x = 0; x < width; x++)
        {
            Sample((x + 0.5) * scaleX - 0.5, image.Width, out columnLeft[x], out columnWeight[x]);
        }

        var result = new byte[width * height];
        var pixels = source.Pixels;
        for (var y = 0; y < height; y++)
        {
            Sample((y + 0.5) * scaleY - 0.5, image.Height, out var top, out var rowWeight);
            var bottom = Math.Min(top + 1, image.Height - 1);
            var topRow = top * image.Width;
            var bottomRow = bottom * image.Width;
            for (var x = 0; x < width; x++)
            {
                var left = columnLeft[x];
                var right = Math.Min(left + 1, image.Width - 1);
                var weight = columnWeight[x];
                var upper = (pixels[topRow + left] * (256 - weight)) + (pixels[topRow + right] * weight);
                var lower = (pixels[bottomRow + left] * (256 - weight)) + (pixels[bottomRow + right] * weight);
                result[(y * width) + x] = (byte)(((upper * (256 - rowWeight)) + (lower * rowWeight) + 32768) >> 16);
            }
        }
        return new GrayImage(width, height, result);
    }

    /// <summary>
    /// Maps the <paramref name="lowPercentile"/> grey level to black and the
    /// <paramref name="highPercentile"/> level to white, so a dim photo uses the whole range and a
    /// few specular highlights do not decide the scale.
    /// </summary>
    public static GrayImage StretchContrast(GrayImage image, double lowPercentile = 0.01, double highPercentile = 0.99)
    {
        if (lowPercentile < 0 || highPercentile > 1 || lowPercentile >= highPercentile)
        {
            throw new ArgumentException("Percentiles must satisfy 0 ≤ low < high ≤ 1.");
        }
        var histogram = Histogram(image);
        var low = Percentile(histogram, image.Pixels.Length, lowPercentile);
        var high = Percentile(histogram, image.Pixels.Length, highPercentile);
        if (high <= low)
        {
            return image.Clone();
        }
        var lookup = new byte[256];
        for (var level = 0; level < 256; level++)
        {
            var stretched = (level - low) * 255.0 / (high - low);
            lookup[level] = (byte)Math.Clamp((int)Math.Round(stretched), 0, 255);
        }
        return MapLevels(image, lookup);
    }

    /// <summary>The 3×3 binomial kernel (1 2 1)²/16, edges clamped: takes the edge off sensor and JPEG noise.</summary>
    public static GrayImage GaussianBlur3x3(GrayImage image)
    {
        int width = image.Width, height = image.Height;
        var pixels = image.Pixels;
        var horizontal = new ushort[pixels.Length];
        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            for (var x = 0; x < width; x++)
            {
                var left = pixels[row + Math.Max(x - 1, 0)];
                var right = pixels[row + Math.Min(x + 1, width - 1)];
                horizontal[row + x] = (ushort)(left + (2 * pixels[row + x]) + right);
            }
        }
        var result = new byte[pixels.Length];
        for (var y = 0; y < height; y++)
        {
            var above = Math.Max(y - 1, 0) * width;
            var row = y * width;
            var below = Math.Min(y + 1, height - 1) * width;
            for (var x = 0; x < width; x++)
            {
                result[row + x] = (byte)((horizontal[above + x] + (2 * horizontal[row + x]) + horizontal[below + x] + 8) >> 4);
            }
        }
        return new GrayImage(width, height, result);
    }

    /// <summary>The mean over a (2r+1)² square, by running sums, so the cost does not grow with the radius. Edges are clamped.</summary>
    public static GrayImage BoxBlur(GrayImage image, int radius)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        if (radius == 0)
        {
            return image.Clone();
        }
        int width = image.Width, height = image.Height;
        var pixels = image.Pixels;
        var span = (2 * radius) + 1;
        var horizontal = new int[pixels.Length];
        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            var sum = 0;
            for (var k = -radius; k <= radius; k++)
            {
                sum += pixels[row + Math.Clamp(k, 0, width - 1)];
            }
            for (var x = 0; x < width; x++)
            {
                horizontal[row + x] = sum;
                sum += pixels[row + Math.Min(x + radius + 1, width - 1)] - pixels[row + Math.Max(x - radius, 0)];
            }
        }
        var result = new byte[pixels.Length];
        var columnSums = new int[width];
        for (var k = -radius; k <= radius; k++)
        {
            var row = Math.Clamp(k, 0, height - 1) * width;
            for (var x = 0; x < width; x++)
            {
                columnSums[x] += horizontal[row + x];
            }
        }
        var area = span * span;
        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            var entering = Math.Min(y + radius + 1, height - 1) * width;
            var leaving = Math.Max(y - radius, 0) * width;
            for (var x = 0; x < width; x++)
            {
                result[row + x] = (byte)((columnSums[x] + (area / 2)) / area);
                columnSums[x] += horizontal[entering + x] - horizontal[leaving + x];
            }
        }
        return new GrayImage(width, height, result);
    }

    /// <summary>A copy of the rectangle at (x, y); parts outside the image are <paramref name="fill"/>.</summary>
    public static GrayImage Crop(GrayImage image, int x, int y, int width, int height, byte fill = Paper)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var result = new byte[width * height];
        Array.Fill(result, fill);
        var fromX = Math.Max(x, 0);
        var toX = Math.Min(x + width, image.Width);
        if (toX > fromX)
        {
            for (var row = Math.Max(y, 0); row < Math.Min(y + height, image.Height); row++)
            {
                Array.Copy(image.Pixels, (row * image.Width) + fromX, result, ((row - y) * width) + (fromX - x), toX - fromX);
            }
        }
        return new GrayImage(width, height, result);
    }

    /// <summary>
    /// Shifts each row sideways by tan(<paramref name="degrees"/>) times its height above the
    /// middle row (bilinear): positive leans upright content to the right like italics, negative
    /// stands italic content upright.
    /// </summary>
    public static GrayImage ShearHorizontal(GrayImage image, double degrees, byte fill = Paper)
    {
        var shift = Math.Tan(degrees * Math.PI / 180);
        var middle = (image.Height - 1) / 2.0;
        var result = new byte[image.Pixels.Length];
        for (var y = 0; y < image.Height; y++)
        {
            var offset = shift * (middle - y);
            var whole = (int)Math.Floor(offset);
            var weight = offset - whole;
            var row = y * image.Width;
            for (var x = 0; x < image.Width; x++)
            {
                // Output x shows input x - offset, between the two pixels either side of it.
                var sourceLeft = x - whole - 1;
                var leftValue = (uint)sourceLeft < (uint)image.Width ? image.Pixels[row + sourceLeft] : fill;
                var rightValue = (uint)(sourceLeft + 1) < (uint)image.Width ? image.Pixels[row + sourceLeft + 1] : fill;
                result[row + x] = (byte)Math.Round((leftValue * weight) + (rightValue * (1 - weight)));
            }
        }
        return new GrayImage(image.Width, image.Height, result);
    }

    /// <summary>
    /// Resamples (bilinear) a <paramref name="width"/>×<paramref name="height"/> image whose centre is
    /// (<paramref name="centreX"/>, <paramref name="centreY"/>) in the source, whose x axis runs at
    /// <paramref name="angleDegrees"/> to the source's (clockwise on screen), and which shows the source
    /// magnified by <paramref name="scale"/>: crop, deskew and resize in one pass.
    /// </summary>
    public static GrayImage ExtractRegion(
        GrayImage source, double centreX, double centreY, double angleDegrees, int width, int height, double scale, byte fill = Paper)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (!(scale > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be positive.");
        }
        var radians = angleDegrees * Math.PI / 180;
        var stepX = Math.Cos(radians) / scale;
        var stepY = Math.Sin(radians) / scale;
        var result = new byte[width * height];
        var pixels = source.Pixels;
        int sourceWidth = source.Width, sourceHeight = source.Height;
        for (var y = 0; y < height; y++)
        {
            var offsetY = y + 0.5 - (height / 2.0);
            var offsetX = 0.5 - (width / 2.0);
            var sourceX = centreX + (offsetX * stepX) - (offsetY * stepY) - 0.5;
            var sourceY = centreY + (offsetX * stepY) + (offsetY * stepX) - 0.5;
            for (var x = 0; x < width; x++, sourceX += stepX, sourceY += stepY)
            {
                var left = (int)Math.Floor(sourceX);
                var top = (int)Math.Floor(sourceY);
                if (left < -1 || top < -1 || left >= sourceWidth || top >= sourceHeight)
                {
                    result[(y * width) + x] = fill;
                    continue;
                }
                var weightX = sourceX - left;
                var weightY = sourceY - top;
                var topLeft = PixelOr(pixels, sourceWidth, sourceHeight, left, top, fill);
                var topRight = PixelOr(pixels, sourceWidth, sourceHeight, left + 1, top, fill);
                var bottomLeft = PixelOr(pixels, sourceWidth, sourceHeight, left, top + 1, fill);
                var bottomRight = PixelOr(pixels, sourceWidth, sourceHeight, left + 1, top + 1, fill);
                var upper = topLeft + ((topRight - topLeft) * weightX);
                var lower = bottomLeft + ((bottomRight - bottomLeft) * weightX);
                result[(y * width) + x] = (byte)Math.Clamp((int)Math.Round(upper + ((lower - upper) * weightY)), 0, 255);
            }
        }
        return new GrayImage(width, height, result);
    }

    private static int PixelOr(byte[] pixels, int width, int height, int x, int y, byte fill) =>
        (uint)x < (uint)width && (uint)y < (uint)height ? pixels[(y * width) + x] : fill;

    private static int[] Histogram(GrayImage image)
    {
        var histogram = new int[256];
        foreach (var pixel in image.Pixels)
        {
            histogram[pixel]++;
        }
        return histogram;
    }

    private static byte OtsuThreshold(int[] histogram, long total)
    {
        double weightedSum = 0;
        for (var level = 0; level < 256; level++)
        {
            weightedSum += (double)level * histogram[level];
        }
        long darkCount = 0;
        double darkSum = 0;
        var bestVariance = -1.0;
        int firstBest = 0, lastBest = 0;
        for (var level = 0; level < 255; level++)
        {
            darkCount += histogram[level];
            darkSum += (double)level * histogram[level];
            var lightCount = total - darkCount;
            if (darkCount == 0 || lightCount == 0)
            {
                continue;
            }
            var difference = (darkSum / darkCount) - ((weightedSum - darkSum) / lightCount);
            var betweenClassVariance = (double)darkCount * lightCount * difference * difference;
            if (betweenClassVariance > bestVariance * (1 + 1e-12))
            {
                bestVariance = betweenClassVariance;
                firstBest = lastBest = level;
            }
            else if (betweenClassVariance >= bestVariance * (1 - 1e-12))
            {
                lastBest = level;
            }
        }
        if (bestVariance < 0)
        {
            // One grey level only: nothing is darker than anything else, so nothing is dark.
            var onlyLevel = Array.FindIndex(histogram, count => count > 0);
            return (byte)Math.Max(0, onlyLevel - 1);
        }
        return (byte)((firstBest + lastBest) / 2);
    }

    private static int Percentile(int[] histogram, long total, double fraction)
    {
        var target = (long)Math.Ceiling(fraction * total);
        long seen = 0;
        for (var level = 0; level < 256; level++)
        {
            seen += histogram[level];
            if (seen >= Math.Max(target, 1))
            {
                return level;
            }
        }
        return 255;
    }

    private static double BorderMean(GrayImage image)
    {
        var band = Math.Max(1, Math.Min(image.Width, image.Height) / 50);
        long sum = 0;
        long count = 0;
        for (var y = 0; y < image.Height; y++)
        {
            var inVerticalBand = y < band || y >= image.Height - band;
            var row = y * image.Width;
            for (var x = 0; x < image.Width; x++)
            {
                if (inVerticalBand || x < band || x >= image.Width - band)
                {
                    sum += image.Pixels[row + x];
                    count++;
                }
                else
                {
                    x = image.Width - band - 1;
                }
            }
        }
        return (double)sum / count;
    }

    private static GrayImage MapLevels(GrayImage image, byte[] lookup)
    {
        var result = new byte[image.Pixels.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = lookup[image.Pixels[i]];
        }
        return new GrayImage(image.Width, image.Height, result);
    }

    /// <summary>Integer position and 8-bit fractional weight for bilinear sampling, clamped to the image.</summary>
    private static void Sample(double position, int size, out int index, out int weight)
    {
        if (position <= 0)
        {
            index = 0;
            weight = 0;
            return;
        }
        if (position >= size - 1)
        {
            index = size - 1;
            weight = 0;
            return;
        }
        index = (int)position;
        weight = (int)Math.Round((position - index) * 256);
        if (weight == 256)
        {
            index++;
            weight = 0;
        }
    }
}
