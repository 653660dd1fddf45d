using System.Text;

namespace Vybe.Web.Ocr.SevenSegment;

/// <summary>
/// The third step: reads a rectified row as text. It prefers no answer to a wrong one: ink of digit
/// size loose beside the row, a cell that is no digit, half a colon at an end, or an impossible time
/// ("1:7") make the row unreadable.
/// </summary>
internal static class RowDecoder
{
    private static readonly DecodeGeometry Geometry = DecodeGeometry.Standard;

    /// <summary>
    /// Decodes every cell of the row (cutting apart digits that ran together) and places the
    /// colons; null unless every cell is a digit and the whole reads as a display.
    /// </summary>
    public static RowReading? Decode(RectifiedRow rectified)
    {
        if (HasLooseNeighbour(rectified.AllCells, rectified.Row, rectified.Binary))
        {
            return null;
        }
        var (binary, row, cellsAround) = (rectified.Binary, rectified.Row, rectified.Cells);

        // 1, 4 and 7 lack a or d and stand shorter: the digit frame comes from the tallest cells.
        var tallest = row.Max(cell => cell.Height);
        var fullHeightCells = row.Where(cell => cell.Height >= Geometry.FullHeightShare * tallest).ToList();
        var rowTop = Statistics.Median(fullHeightCells.Select(cell => (double)cell.Top));
        var rowBottom = Statistics.Median(fullHeightCells.Select(cell => (double)cell.Bottom + 1));
        var digitHeight = rowBottom - rowTop;
        var stroke = Statistics.Median(row.Select(cell => cell.Stroke));
        var digitWidth = DigitWidth(row, digitHeight);
        var cells = row.SelectMany(cell => SplitMerged(binary, cell, digitWidth)).OrderBy(cell => cell.CentreX).ToList();
        var frame = new DigitFrame(binary, rowTop, digitHeight, DigitWidth(cells, digitHeight), stroke);

        var digits = new List<(Cell Cell, char Digit)>();
        foreach (var cell in cells)
        {
            var digit = DigitDecoder.Decode(frame, cell);
            if (digit is null)
            {
                return null;
            }
            digits.Add((cell, digit.Value));
        }
        if (digits.Count < 2)
        {
            return null;
        }
        var onlyOnes = digits.All(digit => digit.Digit == '1');

        var colonPositions = Colons.Find(cellsAround, rowTop, digitHeight);
        if (colonPositions.Any(x => x < digits[0].Cell.Left || x > digits[^1].Cell.Right)
            || Colons.HasDotBeyondEnds(cellsAround, digits[0].Cell.Left, digits[^1].Cell.Right, rowTop, digitHeight))
        {
            // A colon, or half of one, at either end means digits beyond it went unread (glare, a
            // shadow): a part of a time is worse than none.
            return null;
        }
        var text = new StringBuilder();
        var hasColon = false;
        for (var i = 0; i < digits.Count; i++)
        {
            text.Append(digits[i].Digit);
            if (i + 1 < digits.Count)
            {
                var gapStart = digits[i].Cell.Right;
                var gapEnd = digits[i + 1].Cell.Left;
                if (colonPositions.Any(x => x > gapStart && x < gapEnd))
                {
                    text.Append(':');
                    hasColon = true;
                }
            }
        }
        if (!hasColon && LooksLikeAnUnseenColon(digits, frame.DigitWidth))
        {
            // "0955" read from 09:55 with its colon lost in blur is a different number.
            return null;
        }
        if (onlyOnes && !hasColon)
        {
            // A row of bare bars is as likely "ill" or "Il" in print, or a fence; only the colon
            // makes it a clock's 11:11.
            return null;
        }
        if (hasColon && !IsPlausibleTime(text.ToString()))
        {
            return null;
        }
        var placement = rectified.Placement;
        var box = placement.ToPicture(
            digits[0].Cell.Left, Math.Min(rowTop, digits.Min(digit => digit.Cell.Top)),
            digits[^1].Cell.Right + 1, Math.Max(rowBottom, digits.Max(digit => digit.Cell.Bottom + 1)));
        // Without a digit that lights a (or d), the row's top (or bottom) is where the bars of 1, 4
        // or 7 stop: about half a stroke short of the digit's edge.
        var reachesTop = digits.Any(digit => digit.Digit is not ('1' or '4'));
        var reachesBottom = digits.Any(digit => digit.Digit is not ('1' or '4' or '7'));
        var fullDigitHeight = digitHeight + ((reachesTop ? 0 : stroke / 2) + (reachesBottom ? 0 : stroke / 2));
        return new RowReading(text.ToString(), digits.Count, hasColon, box, fullDigitHeight / placement.Scale);
    }

    /// <summary>
    /// Whether a piece of ink of digit scale that is not part of the row lies right next to it
    /// (beside, above or below): a digit that fell apart, so reading the rest would drop it ("558" for
    /// 0558), or a row made of the lower halves of digits whose upper halves sit above it. A sliver
    /// along the region's border is not one: it is the edge of what lies beyond, such as the body
    /// around a tilted display's window, cut by the region's corner.
    /// </summary>
    private static bool HasLooseNeighbour(IReadOnlyList<Cell> cells, IReadOnlyList<Cell> row, GrayImage region)
    {
        var digitHeight = row.Max(cell => cell.Height);
        var rowLeft = row.Min(cell => cell.Left);
        var rowRight = row.Max(cell => cell.Right);
        var rowTop = row.Min(cell => cell.Top);
        var rowBottom = row.Max(cell => cell.Bottom);
        var reach = Geometry.LooseNeighbourReach * digitHeight;
        return cells.Any(cell =>
            !row.Contains(cell)
            && !cell.IsDot
            && Math.Max(cell.Height, cell.Width) is var size
            && size >= Geometry.LooseNeighbourMinimumSize * digitHeight
            && size <= Geometry.LooseNeighbourMaximumSize * digitHeight
            && cell.Fill >= Geometry.LooseNeighbourMinimumFill
            && cell.Left - rowRight < reach && rowLeft - cell.Right < reach
            && cell.Top - rowBottom < reach && rowTop - cell.Bottom < reach
            && !IsBorderSliver(cell, region, Geometry.LooseNeighbourMinimumDepth * digitHeight));
    }

    /// <summary>Whether the cell touches a border of the region and reaches less than <paramref name="depth"/> into it from there.</summary>
    private static bool IsBorderSliver(Cell cell, GrayImage region, double depth) =>
        ((cell.Left == 0 || cell.Right == region.Width - 1) && cell.Width < depth)
        || ((cell.Top == 0 || cell.Bottom == region.Height - 1) && cell.Height < depth);

    /// <summary>
    /// Whether four digits read without a colon stand with a gap in the middle much wider than the
    /// others, where a clock's colon goes. A 1 is measured as if it filled a digit's width, since
    /// many clocks draw it at the right of a full cell.
    /// </summary>
    private static bool LooksLikeAnUnseenColon(List<(Cell Cell, char Digit)> digits, double digitWidth)
    {
        if (digits.Count != 4)
        {
            return false;
        }
        double LeftEdge(int index) => digits[index].Digit == '1' ? Math.Min(digits[index].Cell.Left, digits[index].Cell.Right + 1 - digitWidth) : digits[index].Cell.Left;
        double Gap(int index) => LeftEdge(index + 1) - digits[index].Cell.Right - 1;
        return Gap(1) > Geometry.UnseenColonGapRatio * Math.Max(Math.Max(Gap(0), Gap(2)), Geometry.MinimumGapShare * digitWidth);
    }

    /// <summary>
    /// A reading with a colon is a time or a timer: one or two digits, then minutes or seconds in
    /// two digits below 60. "1:7" or "111:1" is a time with digits lost, not a reading.
    /// </summary>
    private static bool IsPlausibleTime(string text)
    {
        var parts = text.Split(':');
        return parts[0].Length is 1 or 2
            && parts.Skip(1).All(part => part.Length == 2 && part[0] <= '5');
    }

    /// <summary>
    /// The widest plausible cell gives the digit width, since 3 and 7 are narrower than the others;
    /// without one, the usual proportion of a seven-segment digit.
    /// </summary>
    private static double DigitWidth(IReadOnlyList<Cell> cells, double digitHeight)
    {
        var plausible = cells
            .Where(cell => cell.Width >= Geometry.DigitMinimumWidth * digitHeight && cell.Width <= Geometry.DigitMaximumWidth * digitHeight)
            .ToList();
        return plausible.Count > 0 ? plausible.Max(cell => cell.Width) : Geometry.UsualDigitWidth * digitHeight;
    }

    /// <summary>
    /// Small, blurred digits can run into each other. A cell much wider than a digit is cut at the
    /// emptiest column of its middle, where two digits touch, as long as there is such a neck.
    /// </summary>
    private static IEnumerable<Cell> SplitMerged(GrayImage binary, Cell cell, double digitWidth)
    {
        if (cell.Width <= Geometry.MergedCellWidth * digitWidth)
        {
            return [cell];
        }
        var inkPerColumn = new int[cell.Width];
        for (var y = cell.Top; y <= cell.Bottom; y++)
        {
            for (var x = cell.Left; x <= cell.Right; x++)
            {
                if (binary.IsInk(x, y))
                {
                    inkPerColumn[x - cell.Left]++;
                }
            }
        }
        var cut = -1;
        for (var column = (int)(Geometry.NeckSearchFrom * cell.Width); column <= (int)(Geometry.NeckSearchTo * cell.Width); column++)
        {
            if (cut < 0 || inkPerColumn[column] < inkPerColumn[cut]
                || (inkPerColumn[column] == inkPerColumn[cut] && Math.Abs(column - (cell.Width / 2.0)) < Math.Abs(cut - (cell.Width / 2.0))))
            {
                cut = column;
            }
        }
        if (cut < 0 || inkPerColumn[cut] > Geometry.NeckMaximumInk * inkPerColumn.Max())
        {
            return [cell];
        }
        var left = InkBounds(binary, cell, cell.Left, cell.Left + cut - 1);
        var right = InkBounds(binary, cell, cell.Left + cut + 1, cell.Right);
        if (left is null || right is null)
        {
            return [cell];
        }
        return SplitMerged(binary, left, digitWidth).Concat(SplitMerged(binary, right, digitWidth));
    }

    /// <summary>The part of a cell between two columns, shrunk to its ink.</summary>
    private static Cell? InkBounds(GrayImage binary, Cell cell, int fromX, int toX)
    {
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1, area = 0;
        for (var y = cell.Top; y <= cell.Bottom; y++)
        {
            for (var x = fromX; x <= toX; x++)
            {
                if (binary.IsInk(x, y))
                {
                    area++;
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                    top = Math.Min(top, y);
                    bottom = y;
                }
            }
        }
        return area == 0 ? null : new Cell(left, top, right, bottom, area, cell.Stroke, IsDot: false);
    }
}
