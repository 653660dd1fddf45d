namespace Vybe.Web.Ocr.SevenSegment;

/// <summary>The frame of a row's digits in its binarised region: the top and height of the row, the width of a digit, the stroke.</summary>
internal sealed record DigitFrame(GrayImage Binary, double RowTop, double DigitHeight, double DigitWidth, double Stroke);

/// <summary>
/// Decodes one cell of a row: a narrow cell is a 1 when it is a bar (or two stacked bars) over most
/// of the digit height; any other cell by which of its seven segment zones hold ink.
/// </summary>
internal static class DigitDecoder
{
    private static readonly DecodeGeometry Geometry = DecodeGeometry.Standard;

    private static readonly Dictionary<int, char> DigitsBySegments = new()
    {
        [Segments("abcdef")] = '0',
        [Segments("bc")] = '1',
        [Segments("ef")] = '1',
        [Segments("abdeg")] = '2',
        [Segments("abcdg")] = '3',
        [Segments("bcfg")] = '4',
        [Segments("acdfg")] = '5',
        [Segments("acdefg")] = '6',
        [Segments("cdefg")] = '6',
        [Segments("abc")] = '7',
        [Segments("abcf")] = '7',
        [Segments("abcdefg")] = '8',
        [Segments("abcdfg")] = '9',
        [Segments("abcfg")] = '9',
    };

    public static char? Decode(DigitFrame frame, Cell cell)
    {
        var digitHeight = frame.DigitHeight;
        if (cell.Width < Geometry.OneMaximumWidth * digitHeight)
        {
            // The bars of a 1 stop short of where a and d would be, so it is shorter than its
            // neighbours, but centred on the row and solid over its own height.
            var centredOnRow = Math.Abs(cell.CentreY - (frame.RowTop + (digitHeight / 2))) <= Geometry.OneMaximumCentreOffset * digitHeight;
            return cell.Height >= Geometry.OneMinimumHeight * digitHeight && centredOnRow
                && VerticalCoverage(frame.Binary, cell) >= Geometry.OneMinimumCoverage ? '1' : null;
        }
        if (cell.Width > Geometry.MaximumCellWidth * digitHeight)
        {
            return null;
        }

        var minimumRun = Math.Max(Geometry.MinimumRun, Geometry.MinimumRunPerStroke * frame.Stroke);
        // A 7 or 3 has no left bars and thin tips on the left, so its ink is narrower than the
        // digit: measure it in a frame of the row's digit width, anchored on its complete right side.
        var frameWidth = Math.Max(cell.Width, frame.DigitWidth);
        var frameLeft = cell.Right + 1 - frameWidth;
        var probe = new SegmentProbe(frame.Binary, frameLeft, frameWidth, frame.RowTop, digitHeight, minimumRun);
        var acrossHorizontal = Geometry.AcrossHorizontalSegments;
        var acrossUpper = Geometry.AcrossUpperSegments;
        var acrossLower = Geometry.AcrossLowerSegments;
        Span<int> litLines =
        [
            probe.Vertical(acrossHorizontal, Geometry.TopZone),   // a
            probe.Horizontal(acrossUpper, Geometry.RightZone),    // b
            probe.Horizontal(acrossLower, Geometry.RightZone),    // c
            probe.Vertical(acrossHorizontal, Geometry.BottomZone), // d
            probe.Horizontal(acrossLower, Geometry.LeftZone),     // e
            probe.Horizontal(acrossUpper, Geometry.LeftZone),     // f
            probe.Vertical(acrossHorizontal, Geometry.MiddleZone), // g
        ];

        var segments = 0;
        var undecided = 0;
        for (var segment = 0; segment < 7; segment++)
        {
            if (litLines[segment] == SegmentProbe.Busy)
            {
                return null;
            }
            if (litLines[segment] >= Geometry.LitLines)
            {
                segments |= 1 << segment;
            }
            // Some of the segment's three lines crossed ink and some did not.
            if (litLines[segment] is 1 or 2)
            {
                undecided++;
            }
        }
        return undecided <= Geometry.MaximumUndecidedSegments && DigitsBySegments.TryGetValue(segments, out var digit) ? digit : null;
    }

    /// <summary>Share of the cell's rows that hold ink: near 1 for a bar, less for a bar with a missing half.</summary>
    private static double VerticalCoverage(GrayImage binary, Cell cell)
    {
        var covered = 0;
        for (var y = cell.Top; y <= cell.Bottom; y++)
        {
            for (var x = cell.Left; x <= cell.Right; x++)
            {
                if (binary.IsInk(x, y))
                {
                    covered++;
                    break;
                }
            }
        }
        return (double)covered / cell.Height;
    }

    private static int Segments(string names) => names.Aggregate(0, (bits, name) => bits | (1 << (name - 'a')));

    /// <summary>
    /// Counts, for one segment, how many parallel probe lines across it meet a run of ink of about a
    /// stroke's length centred in the segment's zone. Each line spans the whole digit, so a run that
    /// is really a bar along the line (the probe grazing b or c of a narrow 7) shows its full length
    /// and is not taken for a crossing. Positions are fractions of the digit frame: u across its
    /// width, v down the digit height of the row.
    /// </summary>
    private readonly ref struct SegmentProbe(GrayImage binary, double frameLeft, double frameWidth, double rowTop, double digitHeight, double minimumRun)
    {
        /// <summary>What a probe answers for lines that cross ink too often for a digit: texture, a grid, hatching.</summary>
        public const int Busy = -1;

        /// <summary>
        /// Vertical lines at each u, meeting a run centred in the v <paramref name="zone"/>: probes a,
        /// g and d. <see cref="Busy"/> when a line crosses more runs than a digit has across it.
        /// </summary>
        public int Vertical(ReadOnlySpan<double> positionsU, Zone zone)
        {
            var lit = 0;
            var longestCrossing = Geometry.LongestVerticalCrossing * digitHeight;
            var lineStart = Math.Max(0, (int)Math.Round(rowTop - (Geometry.ProbeLineBefore * digitHeight)));
            var lineEnd = Math.Min(binary.Height, (int)Math.Round(rowTop + (Geometry.ProbeLineEnd * digitHeight)));
            var zoneStart = rowTop + (zone.From * digitHeight);
            var zoneEnd = rowTop + (zone.To * digitHeight);
            foreach (var u in positionsU)
            {
                var x = Math.Clamp((int)(frameLeft + (u * frameWidth)), 0, binary.Width - 1);
                var (crossed, runs) = Scan(x, alongColumn: true, lineStart, lineEnd, zoneStart, zoneEnd, longestCrossing);
                if (runs > Geometry.MaximumRunsAcrossHorizontalSegments)
                {
                    return Busy;
                }
                lit += crossed ? 1 : 0;
            }
            return lit;
        }

        /// <summary>
        /// Horizontal lines at each v, meeting a run centred in the u <paramref name="zone"/>: probes
        /// b, c, e and f. <see cref="Busy"/> when a line crosses more runs than a digit has across it.
        /// </summary>
        public int Horizontal(ReadOnlySpan<double> positionsV, Zone zone)
        {
            var lit = 0;
            var longestCrossing = Geometry.LongestHorizontalCrossing * frameWidth;
            var lineStart = Math.Max(0, (int)Math.Round(frameLeft - (Geometry.ProbeLineBefore * frameWidth)));
            var lineEnd = Math.Min(binary.Width, (int)Math.Round(frameLeft + (Geometry.ProbeLineEnd * frameWidth)));
            var zoneStart = frameLeft + (zone.From * frameWidth);
            var zoneEnd = frameLeft + (zone.To * frameWidth);
            foreach (var v in positionsV)
            {
                var y = Math.Clamp((int)(rowTop + (v * digitHeight)), 0, binary.Height - 1);
                var (crossed, runs) = Scan(y, alongColumn: false, lineStart, lineEnd, zoneStart, zoneEnd, longestCrossing);
                if (runs > Geometry.MaximumRunsAcrossVerticalSegments)
                {
                    return Busy;
                }
                lit += crossed ? 1 : 0;
            }
            return lit;
        }

        /// <summary>
        /// Along one line (column <paramref name="line"/>, or row): whether a run crosses the zone as
        /// a segment would, and how many runs of at least a minimum run's length it meets.
        /// </summary>
        private (bool Crossed, int Runs) Scan(int line, bool alongColumn, int lineStart, int lineEnd, double zoneStart, double zoneEnd, double longestCrossing)
        {
            var crossed = false;
            var runs = 0;
            var runStart = -1;
            for (var position = lineStart; position <= lineEnd; position++)
            {
                var isInk = position < lineEnd && (alongColumn ? binary.IsInk(line, position) : binary.IsInk(position, line));
                if (isInk && runStart < 0)
                {
                    runStart = position;
                }
                else if (!isInk && runStart >= 0)
                {
                    runs += position - runStart >= minimumRun ? 1 : 0;
                    crossed |= IsCrossing(runStart, position, zoneStart, zoneEnd, longestCrossing);
                    runStart = -1;
                }
            }
            return (crossed, runs);
        }

        private bool IsCrossing(int runStart, int runEnd, double zoneStart, double zoneEnd, double longestCrossing)
        {
            var length = runEnd - runStart;
            var centre = (runStart + runEnd) / 2.0;
            return length >= minimumRun && length <= longestCrossing && centre >= zoneStart && centre < zoneEnd;
        }
    }
}
