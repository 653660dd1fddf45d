using Vybe.Web.Ocr.SevenSegment;

namespace Vybe.Web.Ocr;

/// <summary>
/// Reads a seven-segment display (alarm clock, oven, microwave) without Tesseract, which splits
/// segments and misreads light-on-dark faces. Three steps, each in its own class under
/// <c>SevenSegment/</c>, with the ratios they use named in <c>SevenSegment/Geometry.cs</c>:
/// <list type="number">
/// <item>Locate (<see cref="Binarizations"/>, <see cref="Cells"/>, <see cref="RowFinder"/>):
/// binarise the whole picture (several ways, both polarities, until one reads), join each digit's
/// separate segments into a cell by their nearness relative to the stroke, and look for a row of
/// cells of about the same height.</item>
/// <item>Rectify (<see cref="RowRectifier"/>, <see cref="Skew"/>): cut the row out at a fixed digit
/// height, turned upright (tilt from the segment edges) and unslanted (italic clocks), binarise that
/// region on its own and find the row again.</item>
/// <item>Decode (<see cref="RowDecoder"/>, <see cref="DigitDecoder"/>, <see cref="Colons"/>): probe
/// each cell's seven segment zones; a narrow bar is a 1, two stacked dots between cells a colon.</item>
/// </list>
/// It prefers no answer to a wrong one: a row with an undecodable cell, ink of digit size loose
/// beside it, half a colon at an end, a colon's gap without its colon, probe lines crossing more ink
/// than a digit has (a grid, a brick wall), or an impossible time ("1:7") is not read.
/// <see cref="Locate"/> also says where the digits are, mapped back through the rectification.
/// Pure and deterministic: no I/O, no clock, no native code.
/// </summary>
public static class SevenSegmentReader
{
    /// <summary>Beyond this many specks the picture is texture or noise, not a display.</summary>
    internal const int MaximumBlobCount = 30_000;

    /// <summary>Pixels: first-pass blobs smaller than this are specks.</summary>
    private const int MinimumBlobArea = 4;

    /// <summary>Pixels: first-pass cells shorter than this are not digits.</summary>
    private const int MinimumDigitHeight = 10;

    /// <summary>How many candidate rows of the first pass get a careful read.</summary>
    private const int RowsToRead = 4;

    /// <summary>
    /// How many rows, over all binarisations, may fail the careful read before the picture is
    /// given up: a display is among the first few; texture and noise offer rows without end.
    /// </summary>
    private const int MaximumFailedRows = 12;

    /// <summary>
    /// The text on the display, digits with ':' where a colon was seen ("11:11", "9:55", "0000"),
    /// or null when no row of at least two confidently decoded digits is found.
    /// </summary>
    public static string? Read(GrayImage image) => Locate(image)?.Text;

    /// <summary>
    /// The display in the picture: its text (as <see cref="Read"/>), where its digits are and how
    /// tall, in the picture's pixels; null when no row of at least two confidently decoded digits is found.
    /// </summary>
    public static SevenSegmentDisplay? Locate(GrayImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var triedRows = new TriedRows(MaximumFailedRows);
        foreach (var binarization in Binarizations.Of(image))
        {
            if (ReadBestRow(binarization, triedRows) is { } reading)
            {
                // The reading is in the pixels of the working picture, which may have been shrunk.
                var scale = binarization.PictureScale;
                return new SevenSegmentDisplay(reading.Text, Within(image, reading.Box.Scaled(scale)), reading.DigitHeight * scale);
            }
            if (triedRows.AreExhausted)
            {
                break;
            }
        }
        return null;
    }

    /// <summary>The part of <paramref name="box"/> inside the picture: a row at an edge, turned upright, may reach past it.</summary>
    private static PixelBox Within(GrayImage image, PixelBox box)
    {
        var left = Math.Clamp(box.Left, 0, image.Width);
        var top = Math.Clamp(box.Top, 0, image.Height);
        return new PixelBox(left, top, Math.Clamp(box.Right, left, image.Width) - left, Math.Clamp(box.Bottom, top, image.Height) - top);
    }

    /// <summary>The best reading among the likeliest rows of one binarisation; failed rows are remembered in <paramref name="triedRows"/>.</summary>
    private static RowReading? ReadBestRow(Binarization binarization, TriedRows triedRows)
    {
        var blobs = InkBlobs.Find(binarization.Ink, MinimumBlobArea, MaximumBlobCount);
        if (blobs is null)
        {
            return null;
        }
        RowReading? best = null;
        foreach (var row in RowFinder.FindRows(Cells.Group(blobs), MinimumDigitHeight).Take(RowsToRead))
        {
            var box = RowBox.Around(row, binarization.Polarity);
            if (triedRows.AreExhausted)
            {
                break;
            }
            if (triedRows.HasFailed(box))
            {
                continue;
            }
            var reading = ReadRow(binarization.DarkInk, row);
            if (reading is null)
            {
                triedRows.Fail(box);
                continue;
            }
            if (triedRows.LostDigits(box, reading))
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
    /// The careful read of one row: rectified and decoded; if that fails, again with the background
    /// flattened (glare wider than a digit subtracted), which leaves halos at large dark areas and so
    /// is the second try, not the first.
    /// </summary>
    private static RowReading? ReadRow(GrayImage darkInk, IReadOnlyList<Cell> firstPassRow) =>
        ReadRow(darkInk, firstPassRow, flattenBackground: false) ?? ReadRow(darkInk, firstPassRow, flattenBackground: true);

    private static RowReading? ReadRow(GrayImage darkInk, IReadOnlyList<Cell> firstPassRow, bool flattenBackground) =>
        RowRectifier.Rectify(darkInk, firstPassRow, flattenBackground) is { } rectified ? RowDecoder.Decode(rectified) : null;
}
