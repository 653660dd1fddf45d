namespace Vybe.Web.Ocr.SevenSegment;

/// <summary>Colons between the digits of a row: two similar dots stacked in the middle band.</summary>
internal static class Colons
{
    private static readonly DecodeGeometry Geometry = DecodeGeometry.Standard;

    /// <summary>Centres (x) of colons: two similar dots stacked in the middle band of the digit row.</summary>
    public static List<double> Find(IReadOnlyList<Cell> cells, double rowTop, double digitHeight)
    {
        var dots = cells
            .Where(cell => cell.IsDot && IsColonDotSized(cell, digitHeight))
            .Where(cell => cell.CentreY > rowTop && cell.CentreY < rowTop + digitHeight)
            .ToList();
        var colons = new List<double>();
        foreach (var upper in dots)
        {
            foreach (var lower in dots)
            {
                var separation = lower.CentreY - upper.CentreY;
                var upperSize = Math.Max(upper.Width, upper.Height);
                var lowerSize = Math.Max(lower.Width, lower.Height);
                var middle = (upper.CentreY + lower.CentreY) / 2;
                if (separation >= Geometry.ColonMinimumSeparation * digitHeight && separation <= Geometry.ColonMaximumSeparation * digitHeight
                    && Math.Abs(upper.CentreX - lower.CentreX) <= (Geometry.ColonAlignmentPerDotSize * Math.Max(upperSize, lowerSize)) + Geometry.ColonAlignmentSlack
                    && Math.Max(upperSize, lowerSize) <= Geometry.ColonDotSizeRatio * Math.Min(upperSize, lowerSize)
                    && Math.Abs(middle - (rowTop + (digitHeight / 2))) <= Geometry.ColonMaximumCentreOffset * digitHeight)
                {
                    colons.Add((upper.CentreX + lower.CentreX) / 2);
                }
            }
        }
        return colons;
    }

    /// <summary>
    /// Whether a dot the size of a colon's lies at colon height just beyond either end of the row:
    /// the surviving half of a colon whose digits on that side went unread.
    /// </summary>
    public static bool HasDotBeyondEnds(IReadOnlyList<Cell> cells, int rowLeft, int rowRight, double rowTop, double digitHeight) =>
        cells.Any(cell =>
            cell.IsDot
            && IsColonDotSized(cell, digitHeight)
            && cell.CentreY > rowTop + (Geometry.LoneColonDotFrom * digitHeight) && cell.CentreY < rowTop + (Geometry.LoneColonDotTo * digitHeight)
            && (cell.Right < rowLeft ? rowLeft - cell.Right : cell.Left - rowRight) is var distance
            && distance > 0 && distance < Geometry.LoneColonDotReach * digitHeight);

    private static bool IsColonDotSized(Cell cell, double digitHeight) =>
        Math.Max(cell.Width, cell.Height) is var size
        && size >= Geometry.ColonDotMinimumSize * digitHeight && size <= Geometry.ColonDotMaximumSize * digitHeight;
}
