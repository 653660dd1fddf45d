namespace Vybe.Web.Ocr.SevenSegment;

/// <summary>
/// How far a row still leans, measured on a binarised region: its tilt (the row's slope) and its
/// slant (italic digits). Each is the correction under which an edge profile is most sharply peaked.
/// </summary>
internal static class Skew
{
    private static readonly RectifyGeometry Geometry = RectifyGeometry.Standard;

    /// <summary>
    /// The tilt of the row in degrees (clockwise positive): the angle under which the profile of
    /// the ink's upper and lower edges is most sharply peaked, because the edges of the a, g and d
    /// segments of all digits then lie in the same few rows. Edges rather than ink, so that the
    /// vertical bars, which any tilt merely shifts, do not drown the signal.
    /// </summary>
    public static double TiltDegrees(GrayImage binary, IReadOnlyList<Cell> row)
    {
        var left = row.Min(cell => cell.Left);
        var right = row.Max(cell => cell.Right);
        var top = row.Min(cell => cell.Top);
        var bottom = row.Max(cell => cell.Bottom);
        var centre = (left + right) / 2.0;
        var margin = (int)Math.Ceiling((right - left) * Geometry.TiltProfileMargin) + 1;
        var upperEdges = new int[bottom - top + 1 + (2 * margin)];
        var lowerEdges = new int[upperEdges.Length];
        return SharpestAngle(Geometry.MaximumTilt, Geometry.TiltStep, slope =>
        {
            Array.Clear(upperEdges);
            Array.Clear(lowerEdges);
            for (var x = left; x <= right; x++)
            {
                // Undoing a tilt moves a column up by its distance right of the centre times the slope.
                var rowOffset = margin - top - (int)Math.Round(slope * (x - centre));
                for (var y = Math.Max(top, 1); y <= Math.Min(bottom, binary.Height - 2); y++)
                {
                    if (binary.IsInk(x, y))
                    {
                        if (!binary.IsInk(x, y - 1))
                        {
                            upperEdges[y + rowOffset]++;
                        }
                        if (!binary.IsInk(x, y + 1))
                        {
                            lowerEdges[y + rowOffset]++;
                        }
                    }
                }
            }
            return Statistics.SumOfSquares(upperEdges) + Statistics.SumOfSquares(lowerEdges);
        });
    }

    /// <summary>
    /// The lean of the row's vertical bars in degrees (tops to the right positive): the shear under
    /// which the profile of the ink's left and right edges is most sharply peaked, because each
    /// bar's edges then stand in single columns. Edges rather than ink, so that the b of a 2 and
    /// its e, one up right and one down left, do not pass for a leaning bar.
    /// </summary>
    public static double SlantDegrees(GrayImage binary, IReadOnlyList<Cell> row)
    {
        var left = row.Min(cell => cell.Left);
        var right = row.Max(cell => cell.Right);
        var top = row.Min(cell => cell.Top);
        var bottom = row.Max(cell => cell.Bottom);
        var middle = (top + bottom) / 2.0;
        var margin = (int)Math.Ceiling((bottom - top) * Geometry.SlantProfileMargin);
        var leftEdges = new int[right - left + 1 + (2 * margin)];
        var rightEdges = new int[leftEdges.Length];
        return SharpestAngle(Geometry.MaximumSlant, Geometry.SlantStep, slope =>
        {
            Array.Clear(leftEdges);
            Array.Clear(rightEdges);
            for (var y = top; y <= bottom; y++)
            {
                // Undoing a lean moves a row left by its height above the middle times the slope.
                var columnOffset = margin - left - (int)Math.Round(slope * (middle - y));
                for (var x = Math.Max(left, 1); x <= Math.Min(right, binary.Width - 2); x++)
                {
                    if (binary.IsInk(x, y))
                    {
                        if (!binary.IsInk(x - 1, y))
                        {
                            leftEdges[x + columnOffset]++;
                        }
                        if (!binary.IsInk(x + 1, y))
                        {
                            rightEdges[x + columnOffset]++;
                        }
                    }
                }
            }
            return Statistics.SumOfSquares(leftEdges) + Statistics.SumOfSquares(rightEdges);
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
        var bestPeakiness = upright * Geometry.UprightPreference;
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
}
