namespace Vybe.Web.Ocr;

/// <summary>
/// A connected patch of ink: its bounding box (inclusive), its pixel count, and its stroke: the
/// median length of its horizontal runs or of its vertical runs, whichever is shorter. The median
/// makes a whole digit's stroke its segment thickness, where a mean would be dragged up by the
/// long runs through a, g and d.
/// </summary>
internal readonly record struct InkBlob(int Left, int Top, int Right, int Bottom, int Area, double Stroke)
{
    public int Width => Right - Left + 1;

    public int Height => Bottom - Top + 1;

    public double CentreX => (Left + Right + 1) / 2.0;

    public double CentreY => (Top + Bottom + 1) / 2.0;

    /// <summary>Share of the bounding box that is ink.</summary>
    public double Fill => (double)Area / (Width * Height);

    /// <summary>A compact solid patch (colon or decimal dot, speck) rather than a bar or a digit.</summary>
    public bool IsDot
    {
        get
        {
            var aspect = (double)Width / Height;
            return aspect is >= 0.67 and <= 1.5 && Stroke >= 0.65 * Math.Max(Width, Height) && Fill >= 0.45;
        }
    }
}

/// <summary>8-connected component labelling of a binarised image (ink below 128).</summary>
internal static class InkBlobs
{
    /// <summary>
    /// The ink components with at least <paramref name="minimumArea"/> pixels, or null when there are
    /// more than <paramref name="maximumCount"/> of them (texture or noise, not a display).
    /// </summary>
    public static List<InkBlob>? Find(GrayImage binary, int minimumArea, int maximumCount)
    {
        int width = binary.Width, height = binary.Height;
        var pixels = binary.Pixels;
        var labels = new int[pixels.Length];
        var parents = new int[1024];
        var labelCount = 1;
        var inkCount = 0;

        // One scan with the usual decision tree: the pixel above touches the other three
        // neighbours already seen, so only when it is paper can two labels need joining.
        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            var above = row - width;
            for (var x = 0; x < width; x++)
            {
                if (pixels[row + x] >= 128)
                {
                    continue;
                }
                inkCount++;
                var upLeft = y > 0 && x > 0 ? labels[above + x - 1] : 0;
                var up = y > 0 ? labels[above + x] : 0;
                var upRight = y > 0 && x < width - 1 ? labels[above + x + 1] : 0;
                var before = x > 0 ? labels[row + x - 1] : 0;
                int label;
                if (up != 0)
                {
                    label = up;
                }
                else if (upRight != 0)
                {
                    label = upRight;
                    if (upLeft != 0)
                    {
                        Union(parents, upRight, upLeft);
                    }
                    else if (before != 0)
                    {
                        Union(parents, upRight, before);
                    }
                }
                else if (upLeft != 0)
                {
                    label = upLeft;
                }
                else if (before != 0)
                {
                    label = before;
                }
                else
                {
                    if (labelCount == parents.Length)
                    {
                        Array.Resize(ref parents, parents.Length * 2);
                    }
                    label = labelCount++;
                    parents[label] = label;
                }
                labels[row + x] = label;
            }
        }

        // Flatten the union-find forest into dense component numbers.
        var componentOf = new int[labelCount];
        var componentCount = 0;
        for (var label = 1; label < labelCount; label++)
        {
            var root = Root(parents, label);
            componentOf[label] = root == label ? ++componentCount : componentOf[root];
        }

        var left = new int[componentCount + 1];
        var top = new int[componentCount + 1];
        var right = new int[componentCount + 1];
        var bottom = new int[componentCount + 1];
        var area = new int[componentCount + 1];
        Array.Fill(left, int.MaxValue);
        Array.Fill(top, int.MaxValue);
        Array.Fill(right, -1);

        // Second scan: dense component numbers, boxes, areas, and every run with its component
        // (a row's runs end at paper; a column's runs are carried down in openRunLength).
        var horizontalRuns = new RunList(inkCount);
        var verticalRuns = new RunList(inkCount);
        var openRunLength = new int[width];
        for (var y = 0; y <= height; y++)
        {
            var row = y * width;
            var horizontalRun = 0;
            for (var x = 0; x < width; x++)
            {
                var component = y < height ? labels[row + x] : 0;
                if (component == 0)
                {
                    if (horizontalRun > 0)
                    {
                        horizontalRuns.Add(labels[row + x - 1], horizontalRun);
                        horizontalRun = 0;
                    }
                    if (openRunLength[x] > 0)
                    {
                        verticalRuns.Add(labels[row - width + x], openRunLength[x]);
                        openRunLength[x] = 0;
                    }
                    continue;
                }
                component = componentOf[component];
                labels[row + x] = component;
                area[component]++;
                if (x < left[component]) { left[component] = x; }
                if (x > right[component]) { right[component] = x; }
                if (y < top[component]) { top[component] = y; }
                bottom[component] = y;
                horizontalRun++;
                openRunLength[x]++;
            }
            if (horizontalRun > 0)
            {
                horizontalRuns.Add(labels[row + width - 1], horizontalRun);
            }
        }

        var kept = 0;
        for (var component = 1; component <= componentCount; component++)
        {
            if (area[component] >= minimumArea && ++kept > maximumCount)
            {
                return null;
            }
        }

        var horizontalMedians = horizontalRuns.MediansByComponent(componentCount);
        var verticalMedians = verticalRuns.MediansByComponent(componentCount);
        var blobs = new List<InkBlob>(kept);
        for (var component = 1; component <= componentCount; component++)
        {
            if (area[component] >= minimumArea)
            {
                var stroke = Math.Min(horizontalMedians[component], verticalMedians[component]);
                blobs.Add(new InkBlob(left[component], top[component], right[component], bottom[component], area[component], stroke));
            }
        }
        return blobs;
    }

    private static void Union(int[] parents, int first, int second)
    {
        var firstRoot = Root(parents, first);
        var secondRoot = Root(parents, second);
        if (firstRoot != secondRoot)
        {
            parents[Math.Max(firstRoot, secondRoot)] = Math.Min(firstRoot, secondRoot);
        }
    }

    private static int Root(int[] parents, int label)
    {
        while (parents[label] != label)
        {
            parents[label] = parents[parents[label]];
            label = parents[label];
        }
        return label;
    }

    /// <summary>Runs as (component, length) pairs, in the order met; at most one per ink pixel.</summary>
    private sealed class RunList(int capacity)
    {
        private readonly int[] components = new int[capacity];
        private readonly int[] lengths = new int[capacity];
        private int count;

        public void Add(int component, int length)
        {
            components[count] = component;
            lengths[count] = length;
            count++;
        }

        /// <summary>The median run length of every component, by a counting sort into per-component slices.</summary>
        public double[] MediansByComponent(int componentCount)
        {
            var start = new int[componentCount + 2];
            for (var i = 0; i < count; i++)
            {
                start[components[i] + 1]++;
            }
            for (var component = 1; component <= componentCount + 1; component++)
            {
                start[component] += start[component - 1];
            }
            var next = (int[])start.Clone();
            var grouped = new int[count];
            for (var i = 0; i < count; i++)
            {
                grouped[next[components[i]]++] = lengths[i];
            }
            var medians = new double[componentCount + 1];
            for (var component = 1; component <= componentCount; component++)
            {
                var from = start[component];
                var runs = start[component + 1] - from;
                if (runs == 0)
                {
                    continue;
                }
                Array.Sort(grouped, from, runs);
                var middle = from + (runs / 2);
                medians[component] = runs % 2 == 1 ? grouped[middle] : (grouped[middle - 1] + grouped[middle]) / 2.0;
            }
            return medians;
        }
    }
}
