namespace Vybe.Web.Ocr.SevenSegment;

/// <summary>
/// What one row reads as: the text, how many digits, whether a colon, and where it stood in the
/// picture the row was cut from (the box of its digit cells, colon included) and how tall its
/// digits stood there.
/// </summary>
internal sealed record RowReading(string Text, int DigitCount, bool HasColon, PixelBox Box, double DigitHeight)
{
    public bool IsBetterThan(RowReading other) =>
        (DigitCount, HasColon, DigitHeight).CompareTo((other.DigitCount, other.HasColon, other.DigitHeight)) > 0;
}
