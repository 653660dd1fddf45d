using System.Text;

namespace Vybe.Web.Ocr;

/// <summary>
/// Reads a seven-segment display (alarm clock, oven, microwave) without Tesseract, which splits
/// segments and misreads light-on-dark faces. Two passes:
/// <list type="number">
/// <item>Find the display: binarise the whole picture (several ways, both polarities, until one
/// reads), join each digit's separate segments into a cell by their nearness relative to the
/// stroke, and look for a row of cells of about the same height.</item>
/// <item>Read it: cut the row out at a fixed digit height, turned upright (tilt from the segment
/// edges) and unslanted (italic clocks), binarise that region on its own, and decode each cell by
/// probing its seven segment zones; a narrow bar is a 1, two stacked dots between cells a colon.</item>
/// </list>
/// It prefers no answer to a wrong one: a row with an undecodable cell, ink of digit size loose
/// beside it, half a colon at an end, or an impossible time ("1:7") is not read.
/// Pure and deterministic: no I/O, no clock, no native code.
/// </summary>
public static class SevenSegmentReader
{
    /// <summary>Larger pictures are shrunk first: enough for a display that fills a fraction of a photo, and bounded cost.</summary>
    private const int MaximumWorkingSide = 1280;

    /// <summary>The digit height the second pass resamples every display to, so its thresholds are in known pixels.</summary>
    private const double RegionDigitHeight = 80;

    private const int MinimumDigitHeight = 10;

    /// <summary>How many candidate rows of the first pass get a careful read.</summary>
    private const int RowsToRead = 4;

    /// <summary>
    /// How many rows, over all binarisations, may fail the careful read before the picture is
    /// given up: a display is among the first few; texture and noise offer rows without end.
    /// </summary>
    private const int MaximumFailedRows = 12;

    /// <summary>Beyond this many specks the picture is texture or noise, not a display.</summary>
    private const int MaximumBlobCount = 30_000;

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

    /// <summary>
    /// The text on the display, digits with ':' where a colon was seen ("11:11", "9:55", "0000"),
    /// or null when no row of at least two confidently decoded digits is found.
    /// </summary>
    public static string? Read(GrayImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var working = Prepare(image);
        var inverted = ImageFilters.Invert(working);
        GrayImage[] darkInkCandidates = ImageFilters.IsLightOnDark(working) ? [inverted, working] : [working, inverted];

        var triedRows = new List<RowBox>();
        foreach (var binary in Binarizations(darkInkCandidates))
        {
            var reading = ReadDarkInk(binary.DarkInk, binary.Ink, binary.Polarity, triedRows);
            if (reading is not null)
            {
                return reading.Text;
            }
            if (triedRows.Count >= MaximumFailedRows)
            {
                break;
            }
        }
        return null;
    }

    /// <summary>
    /// Ways to separate the digits from everything else, cheapest and likeliest first, each in the
    /// likelier polarity first (a lit LED face and a dark LCD need opposite handling): one global
    /// Otsu threshold for a clean face; Otsu within its light or dark class for a face inside a
    /// picture of another brightness (three grey levels); a local threshold for uneven lighting.
    /// </summary>
    private static IEnumerable<(GrayImage DarkInk, GrayImage Ink, int Polarity)> Binarizations(GrayImage[] darkInkCandidates)
    {
        var globalThresholds = darkInkCandidates.Select(ImageFilters.OtsuThreshold).ToArray();
        for (var i = 0; i < darkInkCandidates.Length; i++)
        {
            yield return (darkInkCandidates[i], ImageFilters.Binarize(darkInkCandidates[i], globalThresholds[i]), i);
        }
        for (var i = 0; i < darkInkCandidates.Length; i++)
        {
            var darkInk = darkInkCandidates[i];
            var threshold = globalThresholds[i];
            if (threshold < 254)
            {
                yield return (darkInk, ImageFilters.Binarize(darkInk, ImageFilters.OtsuThreshold(darkInk, (byte)(threshold + 1), 255)), i);
            }
            if (threshold > 0)
            {
                yield return (darkInk, ImageFilters.Binarize(darkInk, ImageFilters.OtsuThreshold(darkInk, 0, threshold)), i);
            }
        }
        for (var i = 0; i < darkInkCandidates.Length; i++)
        {
            var darkInk = darkInkCandidates[i];
            var radius = Math.Max(8, Math.Max(darkInk.Width, darkInk.Height) / 20);
            yield return (darkInk, ImageFilters.BinarizeAdaptive(darkInk, radius, 12), i);
        }
    }

    private static GrayImage Prepare(GrayImage image)
    {
        var longestSide = Math.Max(image.Width, image.Height);
        var scaled = longestSide > MaximumWorkingSide ? ImageFilters.Scale(image, (double)MaximumWorkingSide / longestSide) : image;
        return ImageFilters.GaussianBlur3x3(ImageFilters.StretchContrast(scaled));
    }

    /// <summary>
    /// The best reading among the likeliest rows of one binarisation. Rows that could not be read
    /// are remembered: the second pass depends only on a row's place and polarity, so the same row
    /// found again by another binarisation is not read again; and a later, coarser binarisation
    /// that reads fewer digits in the same place has lost some (a faint leading 1), so its "3:43"
    /// for 13:43 is refused.
    /// </summary>
    private static RowReading? ReadDarkInk(GrayImage darkInk, GrayImage binary, int polarity, List<RowBox> triedRows)
    {
        var blobs = InkBlobs.Find(binary, minimumArea: 4, MaximumBlobCount);
        if (blobs is null)
        {
            return null;
        }
        var cells = GroupIntoCells(blobs);
        RowReading? best = null;
        foreach (var row in FindRows(cells, MinimumDigitHeight).Take(RowsToRead))
        {
            var box = RowBox.Around(row, polarity);
            if (triedRows.Count >= MaximumFailedRows)
            {
                break;
            }
            if (triedRows.Any(tried => tried.IsSameRowAs(box)))
            {
                continue;
            }
            var reading = ReadRow(darkInk, row);
            if (reading is null)
            {
                triedRows.Add(box);
                continue;
            }
            if (triedRows.Any(unread => unread.Overlaps(box) && unread.CellCount > reading.DigitCount))
            {
                continue;
            }
            if (best is null || reading.IsBetterThan(best))
            {
                best = reading;
            }
        }
        return best;
    }

    /// <summary>
    /// Second pass: resample the row upright at <see cref="RegionDigitHeight"/>, re-binarise it on
    /// its own histogram, find the row again and decode it.
    /// </summary>
    private static RowReading? ReadRow(GrayImage darkInk, IReadOnlyList<Cell> firstPassRow) =>
        ReadRow(darkInk, firstPassRow, flattenBackground: false) ?? ReadRow(darkInk, firstPassRow, flattenBackground: true);

    /// <summary>
    /// One careful read of a row; with <paramref name="flattenBackground"/>, glare across the face
    /// (wider than a digit) is subtracted first. Flattening leaves halos at large dark areas, so it
    /// is the second try, not the first.
    /// </summary>
    private static RowReading? ReadRow(GrayImage darkInk, IReadOnlyList<Cell> firstPassRow, bool flattenBackground)
    {
        var height = Median(firstPassRow.Select(cell => (double)cell.Height));
        var angle = EstimateAngleDegrees(firstPassRow);
        var left = firstPassRow.Min(cell => cell.Left);
        var right = firstPassRow.Max(cell => cell.Right) + 1;
        var top = firstPassRow.Min(cell => cell.Top);
        var bottom = firstPassRow.Max(cell => cell.Bottom) + 1;
        var centreX = (left + right) / 2.0;
        var centreY = (top + bottom) / 2.0;
        var length = (right - left) / Math.Cos(angle * Math.PI / 180);
        var scale = Math.Clamp(RegionDigitHeight / height, 0.25, 8);

        // A digit height of margin on either side shows whatever lies next to the row.
        var regionWidth = (int)Math.Ceiling((length + (2.0 * height)) * scale);
        var regionHeight = (int)Math.Ceiling(2.2 * height * scale);
        var coreWidth = Math.Min(regionWidth, (int)Math.Ceiling((length + (0.2 * height)) * scale));
        var coreHeight = Math.Min(regionHeight, (int)Math.Ceiling(1.2 * height * scale));
        var slant = 0.0;
        var angleRefined = false;
        var slantMeasured = false;
        while (true)
        {
            var region = ImageFilters.ExtractRegion(darkInk, centreX, centreY, angle, regionWidth, regionHeight, scale);
            if (slant != 0)
            {
                region = ImageFilters.ShearHorizontal(region, -slant);
            }
            if (flattenBackground)
            {
                region = ImageFilters.FlattenBackground(region, (int)RegionDigitHeight);
            }
            // The threshold comes from the row itself: the margins may show the wall around the face.
            var core = ImageFilters.Crop(region, (int)((regionWidth - coreWidth) / 2), (int)((regionHeight - coreHeight) / 2), coreWidth, coreHeight);
            var binary = ImageFilters.Binarize(region, ImageFilters.OtsuThreshold(core));
            var blobs = InkBlobs.Find(binary, minimumArea: 6, MaximumBlobCount);
            if (blobs is null)
            {
                return null;
            }
            var allCells = GroupIntoCells(blobs);
            var cells = allCells
                .Where(cell => cell.Left > 0 && cell.Top > 0 && cell.Right < regionWidth - 1 && cell.Bottom < regionHeight - 1)
                .ToList();
            var row = FindRows(cells, 0.45 * RegionDigitHeight)
                .Where(candidate => Math.Abs(Median(candidate.Select(cell => cell.CentreY)) - (regionHeight / 2.0)) < 0.3 * RegionDigitHeight)
                .OrderByDescending(candidate => candidate.Count)
                .FirstOrDefault();
            if (row is null)
            {
                return null;
            }

            // The first-pass slope (of cell centres) is rough: a 7 sits high, a 1 short. Once
            // nearly upright, the remaining tilt is measured on the horizontal segments.
            if (!angleRefined)
            {
                angleRefined = true;
                var residualAngle = EstimateTiltDegrees(binary, row);
                if (Math.Abs(residualAngle) >= 1)
                {
                    angle += residualAngle;
                    continue;
                }
            }

            // Many clocks lean their digits like italics; the probes expect upright bars.
            if (!slantMeasured)
            {
                slantMeasured = true;
                var measuredSlant = EstimateSlantDegrees(binary, row);
                if (Math.Abs(measuredSlant) >= 3)
                {
                    slant = measuredSlant;
                    continue;
                }
            }
            if (HasLooseNeighbour(allCells, row))
            {
                return null;
            }
            return DecodeRow(binary, row, cells);
        }
    }

    /// <summary>
    /// The tilt of the row in degrees (clockwise positive): the angle under which the profile of
    /// the ink's upper and lower edges is most sharply peaked, because the edges of the a, g and d
    /// segments of all digits then lie in the same few rows. Edges rather than ink, so that the
    /// vertical bars, which any tilt merely shifts, do not drown the signal.
    /// </summary>
    private static double EstimateTiltDegrees(GrayImage binary, IReadOnlyList<Cell> row)
    {
        var left = row.Min(cell => cell.Left);
        var right = row.Max(cell => cell.Right);
        var top = row.Min(cell => cell.Top);
        var bottom = row.Max(cell => cell.Bottom);
        var centre = (left + right) / 2.0;
        var margin = (int)Math.Ceiling((right - left) * 0.1) + 1;
        var upperEdges = new int[bottom - top + 1 + (2 * margin)];
        var lowerEdges = new int[upperEdges.Length];
        return SharpestAngle(maximumDegrees: 5, stepDegrees: 0.5, slope =>
        {
            Array.Clear(upperEdges);
            Array.Clear(lowerEdges);
            for (var x = left; x <= right; x++)
            {
                // Undoing a tilt moves a column up by its distance right of the centre times the slope.
                var rowOffset = margin - top - (int)Math.Round(slope * (x - centre));
                for (var y = Math.Max(top, 1); y <= Math.Min(bottom, binary.Height - 2); y++)
                {
                    if (binary[x, y] < 128)
                    {
                        if (binary[x, y - 1] >= 128)
                        {
                            upperEdges[y + rowOffset]++;
                        }
                        if (binary[x, y + 1] >= 128)
                        {
                            lowerEdges[y + rowOffset]++;
                        }
                    }
                }
            }
            return SumOfSquares(upperEdges) + SumOfSquares(lowerEdges);
        });
    }

    /// <summary>
    /// The lean of the row's vertical bars in degrees (tops to the right positive): the shear under
    /// which the profile of the ink's left and right edges is most sharply peaked, because each
    /// bar's edges then stand in single columns. Edges rather than ink, so that the b of a 2 and
    /// its e, one up right and one down left, do not pass for a leaning bar.
    /// </summary>
    private static double EstimateSlantDegrees(GrayImage binary, IReadOnlyList<Cell> row)
    {
        var left = row.Min(cell => cell.Left);
        var right = row.Max(cell => cell.Right);
        var top = row.Min(cell => cell.Top);
        var bottom = row.Max(cell => cell.Bottom);
        var middle = (top + bottom) / 2.0;
        var margin = (int)Math.Ceiling((bottom - top) * 0.5);
        var leftEdges = new int[right - left + 1 + (2 * margin)];
        var rightEdges = new int[leftEdges.Length];
        return SharpestAngle(maximumDegrees: 16, stepDegrees: 2, slope =>
        {
            Array.Clear(leftEdges);
            Array.Clear(rightEdges);
            for (var y = top; y <= bottom; y++)
            {
                // Undoing a lean moves a row left by its height above the middle times the slope.
                var columnOffset = margin - left - (int)Math.Round(slope * (middle - y));
                for (var x = Math.Max(left, 1); x <= Math.Min(right, binary.Width - 2); x++)
                {
                    if (binary[x, y] < 128)
                    {
                        if (binary[x - 1, y] >= 128)
                        {
                            leftEdges[x + columnOffset]++;
                        }
                        if (binary[x + 1, y] >= 128)
                        {
                            rightEdges[x + columnOffset]++;
                        }
                    }
                }
            }
            return SumOfSquares(leftEdges) + SumOfSquares(rightEdges);
        });
    }

    /// <summary>
    /// The angle in [-max, max] whose correction gives the most peaked profile. Zero stands unless
    /// another angle is clearly better, so noise does not tilt an upright row.
    /// </summary>
    private static double SharpestAngle(double maximumDegrees, double stepDegrees, Func<double, double> peakinessForSlope)
    {
        var steps = (int)Math.Round(maximumDegrees / stepDegrees);
        var upright = peakinessForSlope(0);
        var best = 0.0;
        var bestPeakiness = upright * 1.02;
        for (var step = -steps; step <= steps; step++)
        {
            if (step == 0)
            {
                continue;
            }
            var degrees = step * stepDegrees;
            var peakiness = peakinessForSlope(Math.Tan(degrees * Math.PI / 180));
            if (peakiness > bestPeakiness)
            {
                bestPeakiness = peakiness;
                best = degrees;
            }
        }
        return best;
    }

    private static double SumOfSquares(int[] counts)
    {
        var sum = 0.0;
        foreach (var count in counts)
        {
            sum += (double)count * count;
        }
        return sum;
    }

    /// <summary>
    /// Whether a piece of ink of digit scale that is not part of the row lies right next to it
    /// (beside, above or below): a digit that fell apart, so reading the rest would drop it ("558" for
    /// 0558), or a row made of the lower halves of digits whose upper halves sit above it.
    /// </summary>
    private static bool HasLooseNeighbour(IReadOnlyList<Cell> cells, IReadOnlyList<Cell> row)
    {
        var digitHeight = row.Max(cell => cell.Height);
        var rowLeft = row.Min(cell => cell.Left);
        var rowRight = row.Max(cell => cell.Right);
        var rowTop = row.Min(cell => cell.Top);
        var rowBottom = row.Max(cell => cell.Bottom);
        var reach = 0.6 * digitHeight;
        return cells.Any(cell =>
            !row.Contains(cell)
            && !cell.IsDot
            && Math.Max(cell.Height, cell.Width) is var size && size >= 0.4 * digitHeight && size <= 1.5 * digitHeight
            && cell.Fill >= 0.1
            && cell.Left - rowRight < reach && rowLeft - cell.Right < reach
            && cell.Top - rowBottom < reach && rowTop - cell.Bottom < reach);
    }

    /// <summary>
    /// Decodes every cell of the row (cutting apart digits that ran together) and places the
    /// colons; null unless every cell is a digit and the whole reads as a display.
    /// </summary>
    private static RowReading? DecodeRow(GrayImage binary, IReadOnlyList<Cell> row, IReadOnlyList<Cell> cellsAround)
    {
        // 1, 4 and 7 lack a or d and stand shorter: the digit frame comes from the tallest cells.
        var tallest = row.Max(cell => cell.Height);
        var fullHeightCells = row.Where(cell => cell.Height >= 0.9 * tallest).ToList();
        var rowTop = Median(fullHeightCells.Select(cell => (double)cell.Top));
        var rowBottom = Median(fullHeightCells.Select(cell => (double)cell.Bottom + 1));
        var digitHeight = rowBottom - rowTop;
        var stroke = Median(row.Select(cell => cell.Stroke));
        var digitWidth = DigitWidth(row, digitHeight);
        var cells = row.SelectMany(cell => SplitMerged(binary, cell, digitWidth)).OrderBy(cell => cell.CentreX).ToList();
        digitWidth = DigitWidth(cells, digitHeight);

        var digits = new List<(Cell Cell, char Digit)>();
        foreach (var cell in cells)
        {
            var digit = DecodeCell(binary, cell, rowTop, digitHeight, digitWidth, stroke);
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

        var colonPositions = FindColons(cellsAround, rowTop, digitHeight);
        if (colonPositions.Any(x => x < digits[0].Cell.Left || x > digits[^1].Cell.Right)
            || HasColonDotBeyondEnds(cellsAround, digits[0].Cell.Left, digits[^1].Cell.Right, rowTop, digitHeight))
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
        return new RowReading(text.ToString(), digits.Count, hasColon, digitHeight);
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
    /// Whether a dot the size of a colon's lies at colon height just beyond either end of the row:
    /// the surviving half of a colon whose digits on that side went unread.
    /// </summary>
    private static bool HasColonDotBeyondEnds(IReadOnlyList<Cell> cells, int rowLeft, int rowRight, double rowTop, double digitHeight) =>
        cells.Any(cell =>
            cell.IsDot
            && Math.Max(cell.Width, cell.Height) is var size && size >= 0.04 * digitHeight && size <= 0.35 * digitHeight
            && cell.CentreY > rowTop + (0.15 * digitHeight) && cell.CentreY < rowTop + (0.85 * digitHeight)
            && (cell.Right < rowLeft ? rowLeft - cell.Right : cell.Left - rowRight) is var distance
            && distance > 0 && distance < 0.6 * digitHeight);

    /// <summary>
    /// The widest plausible cell gives the digit width, since 3 and 7 are narrower than the others;
    /// without one, the usual proportion of a seven-segment digit.
    /// </summary>
    private static double DigitWidth(IReadOnlyList<Cell> cells, double digitHeight)
    {
        var plausible = cells.Where(cell => cell.Width >= 0.35 * digitHeight && cell.Width <= 0.8 * digitHeight).ToList();
        return plausible.Count > 0 ? plausible.Max(cell => cell.Width) : 0.55 * digitHeight;
    }

    /// <summary>
    /// Small, blurred digits can run into each other. A cell much wider than a digit is cut at the
    /// emptiest column of its middle, where two digits touch, as long as there is such a neck.
    /// </summary>
    private static IEnumerable<Cell> SplitMerged(GrayImage binary, Cell cell, double digitWidth)
    {
        if (cell.Width <= 1.5 * digitWidth)
        {
            return [cell];
        }
        var inkPerColumn = new int[cell.Width];
        for (var y = cell.Top; y <= cell.Bottom; y++)
        {
            for (var x = cell.Left; x <= cell.Right; x++)
            {
                if (binary[x, y] < 128)
                {
                    inkPerColumn[x - cell.Left]++;
                }
            }
        }
        var cut = -1;
        for (var column = (int)(0.2 * cell.Width); column <= (int)(0.8 * cell.Width); column++)
        {
            if (cut < 0 || inkPerColumn[column] < inkPerColumn[cut]
                || (inkPerColumn[column] == inkPerColumn[cut] && Math.Abs(column - (cell.Width / 2.0)) < Math.Abs(cut - (cell.Width / 2.0))))
            {
                cut = column;
            }
        }
        if (cut < 0 || inkPerColumn[cut] > 0.5 * inkPerColumn.Max())
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
                if (binary[x, y] < 128)
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

    /// <summary>
    /// A narrow cell is a 1 when it is a bar (or two stacked bars) over most of the digit height; any
    /// other cell is decoded by which of its seven segment zones hold ink.
    /// </summary>
    private static char? DecodeCell(GrayImage binary, Cell cell, double rowTop, double digitHeight, double digitWidth, double stroke)
    {
        if (cell.Width < 0.35 * digitHeight)
        {
            // The bars of a 1 stop short of where a and d would be, so it is shorter than its
            // neighbours, but centred on the row and solid over its own height.
            var centredOnRow = Math.Abs(cell.CentreY - (rowTop + (digitHeight / 2))) <= 0.15 * digitHeight;
            return cell.Height >= 0.55 * digitHeight && centredOnRow && VerticalCoverage(binary, cell) >= 0.7 ? '1' : null;
        }
        if (cell.Width > 1.1 * digitHeight)
        {
            return null;
        }

        var minimumRun = Math.Max(2, 0.35 * stroke);
        // A 7 or 3 has no left bars and thin tips on the left, so its ink is narrower than the
        // digit: measure it in a frame of the row's digit width, anchored on its complete right side.
        var frameWidth = Math.Max(cell.Width, digitWidth);
        var frameLeft = cell.Right + 1 - frameWidth;
        var probe = new SegmentProbe(binary, frameLeft, frameWidth, rowTop, digitHeight, minimumRun);
        ReadOnlySpan<double> acrossHorizontal = [0.4, 0.5, 0.6];
        ReadOnlySpan<double> acrossUpper = [0.26, 0.3, 0.34];
        ReadOnlySpan<double> acrossLower = [0.66, 0.7, 0.74];
        Span<int> litLines =
        [
            probe.Vertical(acrossHorizontal, -0.08, 0.3),  // a
            probe.Horizontal(acrossUpper, 0.5, 1.08),      // b
            probe.Horizontal(acrossLower, 0.5, 1.08),      // c
            probe.Vertical(acrossHorizontal, 0.7, 1.08),   // d
            probe.Horizontal(acrossLower, -0.08, 0.5),     // e
            probe.Horizontal(acrossUpper, -0.08, 0.5),     // f
            probe.Vertical(acrossHorizontal, 0.3, 0.7),    // g
        ];

        var segments = 0;
        var undecided = 0;
        for (var segment = 0; segment < 7; segment++)
        {
            if (litLines[segment] >= 2)
            {
                segments |= 1 << segment;
            }
            if (litLines[segment] is 1 or 2)
            {
                undecided++;
            }
        }
        return undecided <= 1 && DigitsBySegments.TryGetValue(segments, out var digit) ? digit : null;
    }

    /// <summary>Share of the cell's rows that hold ink: near 1 for a bar, less for a bar with a missing half.</summary>
    private static double VerticalCoverage(GrayImage binary, Cell cell)
    {
        var covered = 0;
        for (var y = cell.Top; y <= cell.Bottom; y++)
        {
            for (var x = cell.Left; x <= cell.Right; x++)
            {
                if (binary[x, y] < 128)
                {
                    covered++;
                    break;
                }
            }
        }
        return (double)covered / cell.Height;
    }

    /// <summary>Centres (x) of colons: two similar dots stacked in the middle band of the digit row.</summary>
    private static List<double> FindColons(IReadOnlyList<Cell> cells, double rowTop, double digitHeight)
    {
        var dots = cells
            .Where(cell => cell.IsDot)
            .Where(cell => Math.Max(cell.Width, cell.Height) is var size && size >= 0.04 * digitHeight && size <= 0.35 * digitHeight)
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
                if (separation >= 0.2 * digitHeight && separation <= 0.75 * digitHeight
                    && Math.Abs(upper.CentreX - lower.CentreX) <= (0.6 * Math.Max(upperSize, lowerSize)) + 2
                    && Math.Max(upperSize, lowerSize) <= 2 * Math.Min(upperSize, lowerSize)
                    && Math.Abs(middle - (rowTop + (digitHeight / 2))) <= 0.2 * digitHeight)
                {
                    colons.Add((upper.CentreX + lower.CentreX) / 2);
                }
            }
        }
        return colons;
    }

    /// <summary>
    /// Joins blobs into cells: the segments of one digit are separate blobs a hairline apart, the
    /// digits themselves a wider gap apart, and both scale with the stroke. Dots stay alone (a colon
    /// must not stick to its neighbour), and frames (a display's outline) join nothing.
    /// </summary>
    private static List<Cell> GroupIntoCells(List<InkBlob> blobs)
    {
        var count = blobs.Count;
        var order = Enumerable.Range(0, count).OrderBy(index => blobs[index].Left).ToArray();
        var parents = Enumerable.Range(0, count).ToArray();
        for (var a = 0; a < count; a++)
        {
            var first = blobs[order[a]];
            var reach = first.Right + Math.Max(1.5, 0.5 * first.Stroke) + 1;
            for (var b = a + 1; b < count && blobs[order[b]].Left <= reach; b++)
            {
                if (BelongTogether(first, blobs[order[b]]))
                {
                    Union(parents, order[a], order[b]);
                }
            }
        }

        var cellOfRoot = new int[count];
        Array.Fill(cellOfRoot, -1);
        var cells = new List<CellBuilder>();
        for (var index = 0; index < count; index++)
        {
            var root = Find(parents, index);
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
        if (IsFrame(first) || IsFrame(second) || Math.Max(firstSize, secondSize) > 4 * Math.Min(firstSize, secondSize))
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
            var touching = Math.Max(1, 0.25 * Math.Min(first.Stroke, second.Stroke));
            var stackedClose = sharedColumns >= 0.5 * Math.Min(first.Width, second.Width)
                && gapY <= 0.6 * Math.Min(first.Height, second.Height);
            return (gapX <= touching && gapY <= touching) || stackedClose;
        }
        var nearness = Math.Max(1.5, 0.5 * Math.Min(first.Stroke, second.Stroke));
        if (gapX <= nearness && gapY <= nearness)
        {
            return true;
        }

        // The two bars of a 1, or f above e: one above the other, cut apart where g would join them.
        // A quarter of shared width is enough for bars leaning up to about 20° (italics plus tilt).
        return sharedColumns >= 0.25 * Math.Min(first.Width, second.Width)
            && gapY <= Math.Max(1.5, 1.5 * Math.Max(first.Stroke, second.Stroke));
    }

    private static bool IsFrame(InkBlob blob) =>
        blob.Fill < 0.1 && blob.Width > 8 * blob.Stroke && blob.Height > 8 * blob.Stroke;

    /// <summary>
    /// Rows of digit-shaped cells of about the same height, side by side, best first (more cells,
    /// then taller).
    /// </summary>
    private static List<List<Cell>> FindRows(IReadOnlyList<Cell> cells, double minimumHeight)
    {
        var candidates = cells
            .Where(cell => cell.Height >= minimumHeight && IsDigitShaped(cell))
            .OrderByDescending(cell => cell.Height)
            .Take(2000)
            .OrderBy(cell => cell.Left)
            .ToList();
        var parents = Enumerable.Range(0, candidates.Count).ToArray();
        for (var a = 0; a < candidates.Count; a++)
        {
            var first = candidates[a];
            // Neighbours are at most 1.8 digit heights apart and at most 1/0.55 times as tall.
            var reach = first.Right + (3.3 * first.Height) + 1;
            for (var b = a + 1; b < candidates.Count && candidates[b].Left <= reach; b++)
            {
                var second = candidates[b];
                var (leftCell, rightCell) = first.CentreX <= second.CentreX ? (first, second) : (second, first);
                if (AreNeighbours(leftCell, rightCell))
                {
                    Union(parents, a, b);
                }
            }
        }
        return Enumerable.Range(0, candidates.Count)
            .GroupBy(index => Find(parents, index))
            .Select(group => group.Select(index => candidates[index]).OrderBy(cell => cell.CentreX).ToList())
            .Where(row => row.Count >= 2)
            .OrderByDescending(row => row.Count * Median(row.Select(cell => (double)cell.Height)))
            .ToList();
    }

    private static bool IsDigitShaped(Cell cell)
    {
        if (cell.IsDot)
        {
            return false;
        }
        var aspect = (double)cell.Width / cell.Height;
        if (aspect < 0.35)
        {
            // A 1: one bar or two stacked bars, solid across its width.
            return cell.Fill >= 0.35 && cell.Height >= 3 * cell.Stroke;
        }
        // Up to two digits wide: small blurred digits that ran together are cut apart when read.
        return aspect <= 2.4 && cell.Fill is >= 0.12 and <= 0.85;
    }

    private static bool AreNeighbours(Cell left, Cell right)
    {
        var (tall, small) = left.Height >= right.Height ? (left, right) : (right, left);
        var taller = tall.Height;
        if (small.Height * 1.3 >= taller)
        {
            if (Math.Abs(left.CentreY - right.CentreY) > 0.3 * taller)
            {
                return false;
            }
        }
        else
        {
            // A 1, 4 or 7 with thick segments: shorter, but within the band of the full digits.
            var nested = small.Top >= tall.Top - (0.1 * taller) && small.Bottom <= tall.Bottom + (0.1 * taller);
            if (small.Height < 0.55 * taller || !nested)
            {
                return false;
            }
        }
        var gap = right.Left - left.Right - 1;
        return gap <= 1.8 * taller && gap >= -0.15 * taller;
    }

    /// <summary>The slope of the line through the cell centres, in degrees (clockwise positive, y down).</summary>
    private static double EstimateAngleDegrees(IReadOnlyList<Cell> row)
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
        return Math.Clamp(Math.Atan(covariance / variance) * 180 / Math.PI, -15, 15);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static int Segments(string names) => names.Aggregate(0, (bits, name) => bits | (1 << (name - 'a')));

    private static int Find(int[] parents, int index)
    {
        while (parents[index] != index)
        {
            parents[index] = parents[parents[index]];
            index = parents[index];
        }
        return index;
    }

    private static void Union(int[] parents, int first, int second)
    {
        var firstRoot = Find(parents, first);
        var secondRoot = Find(parents, second);
        if (firstRoot != secondRoot)
        {
            parents[Math.Max(firstRoot, secondRoot)] = Math.Min(firstRoot, secondRoot);
        }
    }

    /// <summary>A group of blobs taken as one character position.</summary>
    private sealed record Cell(int Left, int Top, int Right, int Bottom, int Area, double Stroke, bool IsDot)
    {
        public int Width => Right - Left + 1;

        public int Height => Bottom - Top + 1;

        public double CentreX => (Left + Right + 1) / 2.0;

        public double CentreY => (Top + Bottom + 1) / 2.0;

        public double Fill => (double)Area / (Width * Height);

    }

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

    /// <summary>Where a first-pass row lies in the working image, in which polarity, and how many cells it had.</summary>
    private readonly record struct RowBox(int Left, int Top, int Right, int Bottom, int CellCount, int Polarity)
    {
        public static RowBox Around(IReadOnlyList<Cell> row, int polarity) =>
            new(row.Min(cell => cell.Left), row.Min(cell => cell.Top), row.Max(cell => cell.Right), row.Max(cell => cell.Bottom), row.Count, polarity);

        /// <summary>Same polarity, same cells, nearly the same box: the second pass would see the same.</summary>
        public bool IsSameRowAs(RowBox other)
        {
            var tolerance = 0.1 * Math.Max(Bottom - Top, other.Bottom - other.Top);
            return Polarity == other.Polarity && CellCount == other.CellCount
                && Math.Abs(Left - other.Left) <= tolerance && Math.Abs(Right - other.Right) <= tolerance
                && Math.Abs(Top - other.Top) <= tolerance && Math.Abs(Bottom - other.Bottom) <= tolerance;
        }

        public bool Overlaps(RowBox other)
        {
            var sharedWidth = Math.Min(Right, other.Right) - Math.Max(Left, other.Left);
            var sharedHeight = Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top);
            return sharedWidth > 0 && sharedHeight > 0.5 * Math.Min(Bottom - Top, other.Bottom - other.Top);
        }
    }

    private sealed record RowReading(string Text, int DigitCount, bool HasColon, double DigitHeight)
    {
        public bool IsBetterThan(RowReading other) =>
            (DigitCount, HasColon, DigitHeight).CompareTo((other.DigitCount, other.HasColon, other.DigitHeight)) > 0;
    }

    /// <summary>
    /// Counts, for one segment, how many parallel probe lines across it meet a run of ink of about a
    /// stroke's length centred in the segment's zone. Each line spans the whole digit, so a run that
    /// is really a bar along the line (the probe grazing b or c of a narrow 7) shows its full length
    /// and is not taken for a crossing. Positions are fractions of the digit frame: u across its
    /// width, v down the digit height of the row.
    /// </summary>
    private readonly ref struct SegmentProbe(GrayImage binary, double frameLeft, double frameWidth, double rowTop, double digitHeight, double minimumRun)
    {
        /// <summary>Vertical lines at each u, meeting a run centred between v = <paramref name="fromV"/> and <paramref name="toV"/>: probes a, g and d.</summary>
        public int Vertical(ReadOnlySpan<double> positionsU, double fromV, double toV)
        {
            var lit = 0;
            var longestCrossing = 0.3 * digitHeight;
            foreach (var u in positionsU)
            {
                var x = Math.Clamp((int)(frameLeft + (u * frameWidth)), 0, binary.Width - 1);
                var lineStart = Math.Max(0, (int)Math.Round(rowTop - (0.1 * digitHeight)));
                var lineEnd = Math.Min(binary.Height, (int)Math.Round(rowTop + (1.1 * digitHeight)));
                var zoneStart = rowTop + (fromV * digitHeight);
                var zoneEnd = rowTop + (toV * digitHeight);
                var runStart = -1;
                for (var y = lineStart; y <= lineEnd; y++)
                {
                    var isInk = y < lineEnd && binary[x, y] < 128;
                    if (isInk && runStart < 0)
                    {
                        runStart = y;
                    }
                    else if (!isInk && runStart >= 0)
                    {
                        if (IsCrossing(runStart, y, zoneStart, zoneEnd, longestCrossing))
                        {
                            lit++;
                            break;
                        }
                        runStart = -1;
                    }
                }
            }
            return lit;
        }

        /// <summary>Horizontal lines at each v, meeting a run centred between u = <paramref name="fromU"/> and <paramref name="toU"/>: probes b, c, e and f.</summary>
        public int Horizontal(ReadOnlySpan<double> positionsV, double fromU, double toU)
        {
            var lit = 0;
            var longestCrossing = 0.5 * frameWidth;
            foreach (var v in positionsV)
            {
                var y = Math.Clamp((int)(rowTop + (v * digitHeight)), 0, binary.Height - 1);
                var lineStart = Math.Max(0, (int)Math.Round(frameLeft - (0.1 * frameWidth)));
                var lineEnd = Math.Min(binary.Width, (int)Math.Round(frameLeft + (1.1 * frameWidth)));
                var zoneStart = frameLeft + (fromU * frameWidth);
                var zoneEnd = frameLeft + (toU * frameWidth);
                var runStart = -1;
                for (var x = lineStart; x <= lineEnd; x++)
                {
                    var isInk = x < lineEnd && binary[x, y] < 128;
                    if (isInk && runStart < 0)
                    {
                        runStart = x;
                    }
                    else if (!isInk && runStart >= 0)
                    {
                        if (IsCrossing(runStart, x, zoneStart, zoneEnd, longestCrossing))
                        {
                            lit++;
                            break;
                        }
                        runStart = -1;
                    }
                }
            }
            return lit;
        }

        private bool IsCrossing(int runStart, int runEnd, double zoneStart, double zoneEnd, double longestCrossing)
        {
            var length = runEnd - runStart;
            var centre = (runStart + runEnd) / 2.0;
            return length >= minimumRun && length <= longestCrossing && centre >= zoneStart && centre < zoneEnd;
        }
    }
}
