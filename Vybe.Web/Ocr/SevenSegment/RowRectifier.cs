namespace Vybe.Web.Ocr.SevenSegment;

/// <summary>
/// A row cut out of the picture upright and unslanted at <see cref="RectifyGeometry.DigitHeight"/>,
/// binarised on its own histogram, and found again in it: <see cref="Row"/> its cells, <see cref="Cells"/>
/// every cell inside the region's border, <see cref="AllCells"/> every cell at all.
/// </summary>
internal sealed record RectifiedRow(GrayImage Binary, List<Cell> Row, List<Cell> Cells, List<Cell> AllCells);

/// <summary>
/// The second step: cuts a first-pass row out of the dark-ink picture and stands it upright. The
/// first-pass slope (of cell centres) is rough: a 7 sits high, a 1 short. So the row is cut out at
/// that slope, the remaining tilt measured on the horizontal segments and, if it matters, the row
/// cut out again; then the italic lean is measured and, if it matters, sheared away.
/// </summary>
internal static class RowRectifier
{
    private const int MaximumBlobCount = SevenSegmentReader.MaximumBlobCount;

    /// <summary>Pixels: smaller blobs of the region are specks, not segments.</summary>
    private const int MinimumBlobArea = 6;

    private static readonly RectifyGeometry Geometry = RectifyGeometry.Standard;

    /// <summary>
    /// The row rectified; with <paramref name="flattenBackground"/>, glare across the face (wider
    /// than a digit) is subtracted first. Null when the region holds no row near its middle.
    /// </summary>
    public static RectifiedRow? Rectify(GrayImage darkInk, IReadOnlyList<Cell> firstPassRow, bool flattenBackground)
    {
        var cutout = Cutout.Around(firstPassRow, flattenBackground);
        var angle = cutout.FirstPassAngle;
        var rectified = cutout.Look(darkInk, angle, slant: 0);
        if (rectified is null)
        {
            return null;
        }

        // Once nearly upright, the remaining tilt is measured on the horizontal segments.
        var residualAngle = Skew.TiltDegrees(rectified.Binary, rectified.Row);
        if (Math.Abs(residualAngle) >= Geometry.MinimumTiltCorrection)
        {
            angle += residualAngle;
            rectified = cutout.Look(darkInk, angle, slant: 0);
            if (rectified is null)
            {
                return null;
            }
        }

        // Many clocks lean their digits like italics; the probes expect upright bars.
        var slant = Skew.SlantDegrees(rectified.Binary, rectified.Row);
        if (Math.Abs(slant) >= Geometry.MinimumSlantCorrection)
        {
            rectified = cutout.Look(darkInk, angle, slant);
        }
        return rectified;
    }

    /// <summary>Where and how large the region around a first-pass row is, in the picture and resampled.</summary>
    private sealed record Cutout(
        double FirstPassAngle, double CentreX, double CentreY, double Scale,
        int RegionWidth, int RegionHeight, int CoreWidth, int CoreHeight, bool FlattenBackground)
    {
        public static Cutout Around(IReadOnlyList<Cell> firstPassRow, bool flattenBackground)
        {
            var height = Statistics.Median(firstPassRow.Select(cell => (double)cell.Height));
            var angle = RowFinder.AngleDegrees(firstPassRow);
            var left = firstPassRow.Min(cell => cell.Left);
            var right = firstPassRow.Max(cell => cell.Right) + 1;
            var top = firstPassRow.Min(cell => cell.Top);
            var bottom = firstPassRow.Max(cell => cell.Bottom) + 1;
            var length = (right - left) / Math.Cos(angle * Math.PI / 180);
            var scale = Math.Clamp(Geometry.DigitHeight / height, Geometry.MinimumScale, Geometry.MaximumScale);
            var regionWidth = (int)Math.Ceiling((length + (Geometry.RegionMargin * height)) * scale);
            var regionHeight = (int)Math.Ceiling(Geometry.RegionHeight * height * scale);
            var coreWidth = Math.Min(regionWidth, (int)Math.Ceiling((length + (Geometry.CoreMargin * height)) * scale));
            var coreHeight = Math.Min(regionHeight, (int)Math.Ceiling(Geometry.CoreHeight * height * scale));
            return new(angle, (left + right) / 2.0, (top + bottom) / 2.0, scale, regionWidth, regionHeight, coreWidth, coreHeight, flattenBackground);
        }

        /// <summary>The region cut out at <paramref name="angle"/>, sheared by <paramref name="slant"/>, binarised, and the row found in it.</summary>
        public RectifiedRow? Look(GrayImage darkInk, double angle, double slant)
        {
            var region = ImageFilters.ExtractRegion(darkInk, CentreX, CentreY, angle, RegionWidth, RegionHeight, Scale);
            if (slant != 0)
            {
                region = ImageFilters.ShearHorizontal(region, -slant);
            }
            if (FlattenBackground)
            {
                region = ImageFilters.FlattenBackground(region, (int)Geometry.DigitHeight);
            }
            // The threshold comes from the row itself: the margins may show the wall around the face.
            var core = ImageFilters.Crop(region, (int)((RegionWidth - CoreWidth) / 2), (int)((RegionHeight - CoreHeight) / 2), CoreWidth, CoreHeight);
            var binary = ImageFilters.Binarize(region, ImageFilters.OtsuThreshold(core));
            var blobs = InkBlobs.Find(binary, MinimumBlobArea, MaximumBlobCount);
            if (blobs is null)
            {
                return null;
            }
            var allCells = Cells.Group(blobs);
            var cells = allCells
                .Where(cell => cell.Left > 0 && cell.Top > 0 && cell.Right < RegionWidth - 1 && cell.Bottom < RegionHeight - 1)
                .ToList();
            var row = RowFinder.FindRows(cells, Geometry.MinimumRowHeight * Geometry.DigitHeight)
                .Where(candidate => Math.Abs(Statistics.Median(candidate.Select(cell => cell.CentreY)) - (RegionHeight / 2.0)) < Geometry.MaximumRowOffset * Geometry.DigitHeight)
                .OrderByDescending(candidate => candidate.Count)
                .FirstOrDefault();
            return row is null ? null : new RectifiedRow(binary, row, cells, allCells);
        }
    }
}
