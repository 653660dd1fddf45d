namespace Vybe.Web.Ocr.SevenSegment;

/// <summary>
/// Locates displays: rows of digit-shaped cells of about the same height, side by side. Used on the
/// whole picture (first pass) and again on the region cut out around one row (second pass).
/// </summary>
internal static class RowFinder
{
    private static readonly RowGeometry Geometry = RowGeometry.Standard;

    /// <summary>The rows among <paramref name="cells"/>, best first (more cells, then taller).</summary>
    public static List<List<Cell>> FindRows(IReadOnlyList<Cell> cells, double minimumHeight)
    {
        var candidates = cells
            .Where(cell => cell.Height >= minimumHeight && IsDigitShaped(cell))
            .OrderByDescending(cell => cell.Height)
            .Take(Geometry.MaximumCandidates)
            .OrderBy(cell => cell.Left)
            .ToList();
        var sets = new DisjointSets(candidates.Count);
        for (var a = 0; a < candidates.Count; a++)
        {
            var first = candidates[a];
            var reach = first.Right + (Geometry.SearchReachPerHeight * first.Height) + 1;
            for (var b = a + 1; b < candidates.Count && candidates[b].Left <= reach; b++)
            {
                var second = candidates[b];
                var (leftCell, rightCell) = first.CentreX <= second.CentreX ? (first, second) : (second, first);
                if (AreNeighbours(leftCell, rightCell))
                {
                    sets.Union(a, b);
                }
            }
        }
        return Enumerable.Range(0, candidates.Count)
            .GroupBy(sets.Find)
            .Select(group => group.Select(index => candidates[index]).OrderBy(cell => cell.CentreX).ToList())
            .Where(row => row.Count >= 2)
            .OrderByDescending(row => row.Count * Statistics.Median(row.Select(cell => (double)cell.Height)))
            .ToList();
    }

    /// <summary>The slope of the line through the cell centres, in degrees (clockwise positive, y down).</summary>
    public static double AngleDegrees(IReadOnlyList<Cell> row)
    {
        if (row.Count < 2)
        {
            return 0;
        }
        var meanX = row.Average(cell => cell.CentreX);
        var meanY = row.Average(cell => cell.CentreY);
        var covariance = row.Sum(cell => (cell.CentreX - meanX) * (cell.CentreY - meanY));
        var variance = row.Sum(cell => (cell.CentreX - meanX) * (cell.CentreX - meanX));
        if (variance <= 0)
        {
            return 0;
        }
        return Math.Clamp(Math.Atan(covariance / variance) * 180 / Math.PI, -Geometry.MaximumAngleDegrees, Geometry.MaximumAngleDegrees);
    }

    private static bool IsDigitShaped(Cell cell)
    {
        if (cell.IsDot)
        {
            return false;
        }
        var aspect = (double)cell.Width / cell.Height;
        if (aspect < Geometry.BarMaximumAspect)
        {
            // A 1: one bar or two stacked bars, solid across its width.
            return cell.Fill >= Geometry.BarMinimumFill && cell.Height >= Geometry.BarMinimumHeightPerStroke * cell.Stroke;
        }
        // Up to two digits wide: small blurred digits that ran together are cut apart when read.
        return aspect <= Geometry.DigitMaximumAspect && cell.Fill >= Geometry.DigitMinimumFill && cell.Fill <= Geometry.DigitMaximumFill;
    }

    private static bool AreNeighbours(Cell left, Cell right)
    {
        var (tall, small) = left.Height >= right.Height ? (left, right) : (right, left);
        var taller = tall.Height;
        if (small.Height * Geometry.SameHeightRatio >= taller)
        {
            if (Math.Abs(left.CentreY - right.CentreY) > Geometry.MaximumCentreOffset * taller)
            {
                return false;
            }
        }
        else
        {
            // A 1, 4 or 7 with thick segments: shorter, but within the band of the full digits.
            var nested = small.Top >= tall.Top - (Geometry.ShortDigitBandSlack * taller)
                && small.Bottom <= tall.Bottom + (Geometry.ShortDigitBandSlack * taller);
            if (small.Height < Geometry.ShortDigitMinimumHeight * taller || !nested)
            {
                return false;
            }
        }
        var gap = right.Left - left.Right - 1;
        return gap <= Geometry.MaximumGap * taller && gap >= -Geometry.MaximumOverlap * taller;
    }
}
