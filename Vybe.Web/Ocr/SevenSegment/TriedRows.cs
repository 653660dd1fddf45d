namespace Vybe.Web.Ocr.SevenSegment;

/// <summary>
/// The first-pass rows that could not be read, over all binarisations of one picture. The second
/// pass depends only on a row's place and polarity, so the same row found again by another
/// binarisation is not read again; and a later, coarser binarisation that reads fewer digits in the
/// same place has lost some (a faint leading 1), so its "3:43" for 13:43 is refused.
/// </summary>
internal sealed class TriedRows(int maximumFailures)
{
    private readonly List<RowBox> failed = [];

    /// <summary>
    /// Whether so many rows failed that the picture is given up: a display is among the first few;
    /// texture and noise offer rows without end.
    /// </summary>
    public bool AreExhausted => failed.Count >= maximumFailures;

    public bool HasFailed(RowBox box) => failed.Any(tried => tried.IsSameRowAs(box));

    public void Fail(RowBox box) => failed.Add(box);

    /// <summary>Whether a row that failed in the same place had more cells than this reading has digits.</summary>
    public bool LostDigits(RowBox box, RowReading reading) =>
        failed.Any(unread => unread.Overlaps(box) && unread.CellCount > reading.DigitCount);
}

/// <summary>Where a first-pass row lies in the working image, in which polarity, and how many cells it had.</summary>
internal readonly record struct RowBox(int Left, int Top, int Right, int Bottom, int CellCount, int Polarity)
{
    /// <summary>Share of the taller row's height two boxes of the same row may differ by at each side.</summary>
    private const double SameRowTolerance = 0.1;

    /// <summary>Share of the lower row's height two overlapping rows share at least.</summary>
    private const double MinimumSharedHeight = 0.5;

    public static RowBox Around(IReadOnlyList<Cell> row, int polarity) =>
        new(row.Min(cell => cell.Left), row.Min(cell => cell.Top), row.Max(cell => cell.Right), row.Max(cell => cell.Bottom), row.Count, polarity);

    /// <summary>Same polarity, same cells, nearly the same box: the second pass would see the same.</summary>
    public bool IsSameRowAs(RowBox other)
    {
        var tolerance = SameRowTolerance * Math.Max(Bottom - Top, other.Bottom - other.Top);
        return Polarity == other.Polarity && CellCount == other.CellCount
            && Math.Abs(Left - other.Left) <= tolerance && Math.Abs(Right - other.Right) <= tolerance
            && Math.Abs(Top - other.Top) <= tolerance && Math.Abs(Bottom - other.Bottom) <= tolerance;
    }

    public bool Overlaps(RowBox other)
    {
        var sharedWidth = Math.Min(Right, other.Right) - Math.Max(Left, other.Left);
        var sharedHeight = Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top);
        return sharedWidth > 0 && sharedHeight > MinimumSharedHeight * Math.Min(Bottom - Top, other.Bottom - other.Top);
    }
}
