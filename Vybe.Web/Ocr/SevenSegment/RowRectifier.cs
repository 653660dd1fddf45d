namespace Vybe.Web.Ocr.SevenSegment;

/// <summary>
/// A row cut out of the picture upright and unslanted at <see cref="RectifyGeometry.DigitHeight"/>,
/// binarised on its own histogram, and found again in it: <see cref="Row"/> its cells, <see cref="Cells"/>
/// every cell inside the region's border, <see cref="AllCells"/> every cell at all; <see cref="Placement"/>
/// where the region lies in the picture it was cut from.
/// </summary>
internal sealed record RectifiedRow(GrayImage Binary, List<Cell> Row, List<Cell> Cells, List<Cell> AllCells, RegionPlacement Placement);

/// <summary>
/// Where a rectified region lies in the picture it was cut from: its centre there, the angle of its
/// x axis, how much it is magnified, and the italic lean sheared away. Maps the region's points back
/// (in continuous coordinates, pixel i spanning [i, i + 1]).
/// </summary>
internal sealed record RegionPlacement(double CentreX, double CentreY, double AngleDegrees, double Scale, int Width, int Height, double SlantDegrees)
{
    /// <summary>The point of the picture shown at (<paramref name="x"/>, <paramref name="y"/>) of the region.</summary>
    public (double X, double Y) ToPicture(double x, double y)
    {
        // Undo the shear (which moved each row by its height above the middle), then the rotation and magnification.
        var unsheared = x + (Math.Tan(SlantDegrees * Math.PI / 180) * ((Height / 2.0) - y));
        var offsetX = unsheared - (Width / 2.0);
        var offsetY = y - (Height / 2.0);
        var radians = AngleDegrees * Math.PI / 180;
        var (sin, cos) = Math.SinCos(radians);
        return (CentreX + (((offsetX * cos) - (offsetY * sin)) / Scale), CentreY + (((offsetX * sin) + (offsetY * cos)) / Scale));
    }

    /// <summary>The picture's pixels holding the region's rectangle from (left, top) to (right, bottom): the box around its four corners.</summary>
    public PixelBox ToPicture(double left, double top, double right, double bottom)
    {
        (double X, double Y)[] corners = [ToPicture(left, top), ToPicture(right, top), ToPicture(left, bottom), ToPicture(right, bottom)];
        var pictureLeft = (int)Math.Floor(corners.Min(corner => corner.X));
        var pictureTop = (int)Math.Floor(corners.Min(corner => corner.Y));
        var pictureRight = (int)Math.Ceiling(corners.Max(corner => corner.X));
        var pictureBottom = (int)Math.Ceiling(corners.Max(corner => corner.Y));
        return new PixelBox(pictureLeft, pictureTop, pictureRight - pictureLeft, pictureBottom - pictureTop);
    }
}

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
            var allCells = Cells.Group(blobs, cutOutOf: binary);
            var cells = allCells
                .Where(cell => cell.Left > 0 && cell.Top > 0 && cell.Right < RegionWidth - 1 && cell.Bottom < RegionHeight - 1)
                .ToList();
            var row = RowFinder.FindRows(cells, Geometry.MinimumRowHeight * Geometry.DigitHeight)
                .Where(candidate => Math.Abs(Statistics.Median(candidate.Select(cell => cell.CentreY)) - (RegionHeight / 2.0)) < Geometry.MaximumRowOffset * Geometry.DigitHeight)
                .OrderByDescending(candidate => candidate.Count)
                .FirstOrDefault();
            return row is null ? null : new RectifiedRow(binary, row, cells, allCells, new RegionPlacement(CentreX, CentreY, angle, Scale, RegionWidth, RegionHeight, slant));
        }
    }
}
