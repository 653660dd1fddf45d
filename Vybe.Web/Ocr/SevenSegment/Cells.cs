namespace Vybe.Web.Ocr.SevenSegment;

/// <summary>A group of blobs taken as one character position.</summary>
internal sealed record Cell(int Left, int Top, int Right, int Bottom, int Area, double Stroke, bool IsDot)
{
    public int Width => Right - Left + 1;

    public int Height => Bottom - Top + 1;

    public double CentreX => (Left + Right + 1) / 2.0;

    public double CentreY => (Top + Bottom + 1) / 2.0;

    public double Fill => (double)Area / (Width * Height);
}

/// <summary>
/// Joins blobs into cells: the segments of one digit are separate blobs a hairline apart, the
/// digits themselves a wider gap apart, and both scale with the stroke. Dots stay alone (a colon
/// must not stick to its neighbour), and frames (a display's outline) join nothing.
/// </summary>
internal static class Cells
{
    private static readonly CellGeometry Geometry = CellGeometry.Standard;

    /// <summary>
    /// The cells of <paramref name="blobs"/>. With <paramref name="cutOutOf"/>, the region they were
    /// found in, blobs touching its border join nothing either: they were cut by it, so their size
    /// says nothing, and the body around a display's window, cut down to a few digits' size, would
    /// otherwise swallow the digit next to it.
    /// </summary>
    public static List<Cell> Group(List<InkBlob> blobs, GrayImage? cutOutOf = null)
    {
        var count = blobs.Count;
        var order = Enumerable.Range(0, count).OrderBy(index => blobs[index].Left).ToArray();
        var sets = new DisjointSets(count);
        for (var a = 0; a < count; a++)
        {
            var first = blobs[order[a]];
            var reach = first.Right + Math.Max(Geometry.MinimumJoinGap, Geometry.JoinGapPerStroke * first.Stroke) + 1;
            for (var b = a + 1; b < count && blobs[order[b]].Left <= reach; b++)
            {
                if (BelongTogether(first, blobs[order[b]]) && !(cutOutOf is not null && (TouchesBorder(first, cutOutOf) || TouchesBorder(blobs[order[b]], cutOutOf))))
                {
                    sets.Union(order[a], order[b]);
                }
            }
        }

        var cellOfRoot = new int[count];
        Array.Fill(cellOfRoot, -1);
        var cells = new List<CellBuilder>();
        for (var index = 0; index < count; index++)
        {
            var root = sets.Find(index);
            if (cellOfRoot[root] < 0)
            {
                cellOfRoot[root] = cells.Count;
                cells.Add(new CellBuilder());
            }
            cells[cellOfRoot[root]].Add(blobs[index]);
        }
        return cells.ConvertAll(builder => builder.Build());
    }

    private static bool BelongTogether(InkBlob first, InkBlob second)
    {
        // The parts of a digit are of one scale: something far bigger (a clock body, the wall
        // around a display, holding the digits in its box) is not a part.
        var firstSize = Math.Max(first.Width, first.Height);
        var secondSize = Math.Max(second.Width, second.Height);
        if (IsFrame(first) || IsFrame(second) || Math.Max(firstSize, secondSize) > Geometry.MaximumPartSizeRatio * Math.Min(firstSize, secondSize))
        {
            return false;
        }
        var gapX = Math.Max(first.Left, second.Left) - Math.Min(first.Right, second.Right) - 1;
        var gapY = Math.Max(first.Top, second.Top) - Math.Min(first.Bottom, second.Bottom) - 1;
        var sharedColumns = -gapX;
        if (first.IsDot || second.IsDot)
        {
            // A colon dot keeps its distance from the digits, and from the other dot by about its
            // size; a dot-shaped segment (short and thick) all but touches its neighbours at the
            // corners, and the halves of a stubby 1 are closer to each other than they are tall.
            var touching = Math.Max(Geometry.MinimumDotTouchingGap, Geometry.DotTouchingGapPerStroke * Math.Min(first.Stroke, second.Stroke));
            var stackedClose = sharedColumns >= Geometry.StackedDotSharedWidth * Math.Min(first.Width, second.Width)
                && gapY <= Geometry.StackedDotGapPerHeight * Math.Min(first.Height, second.Height);
            return (gapX <= touching && gapY <= touching) || stackedClose;
        }
        var nearness = Math.Max(Geometry.MinimumJoinGap, Geometry.JoinGapPerStroke * Math.Min(first.Stroke, second.Stroke));
        if (gapX <= nearness && gapY <= nearness)
        {
            return true;
        }

        // The two bars of a 1, or f above e: one above the other, cut apart where g would join them.
        return sharedColumns >= Geometry.StackedBarSharedWidth * Math.Min(first.Width, second.Width)
            && gapY <= Math.Max(Geometry.MinimumJoinGap, Geometry.StackedBarGapPerStroke * Math.Max(first.Stroke, second.Stroke));
    }

    private static bool TouchesBorder(InkBlob blob, GrayImage region) =>
        blob.Left == 0 || blob.Top == 0 || blob.Right == region.Width - 1 || blob.Bottom == region.Height - 1;

    private static bool IsFrame(InkBlob blob) =>
        blob.Fill < Geometry.FrameMaximumFill
        && blob.Width > Geometry.FrameMinimumSidePerStroke * blob.Stroke
        && blob.Height > Geometry.FrameMinimumSidePerStroke * blob.Stroke;

    /// <summary>Accumulates the blobs of one cell: box, area, area-weighted stroke.</summary>
    private sealed class CellBuilder
    {
        private int left = int.MaxValue, top = int.MaxValue, right = int.MinValue, bottom = int.MinValue, area, count;
        private double strokeTimesArea;
        private bool firstIsDot;

        public void Add(InkBlob blob)
        {
            left = Math.Min(left, blob.Left);
            top = Math.Min(top, blob.Top);
            right = Math.Max(right, blob.Right);
            bottom = Math.Max(bottom, blob.Bottom);
            area += blob.Area;
            strokeTimesArea += blob.Stroke * blob.Area;
            firstIsDot = count == 0 && blob.IsDot;
            count++;
        }

        public Cell Build() => new(left, top, right, bottom, area, strokeTimesArea / area, count == 1 && firstIsDot);
    }
}

/// <summary>Union-find over indices: the lower root stays the root, paths are halved on the way up.</summary>
internal sealed class DisjointSets(int count)
{
    private readonly int[] parents = Enumerable.Range(0, count).ToArray();

    public int Find(int index)
    {
        while (parents[index] != index)
        {
            parents[index] = parents[parents[index]];
            index = parents[index];
        }
        return index;
    }

    public void Union(int first, int second)
    {
        var firstRoot = Find(first);
        var secondRoot = Find(second);
        if (firstRoot != secondRoot)
        {
            parents[Math.Max(firstRoot, secondRoot)] = Math.Min(firstRoot, secondRoot);
        }
    }
}
