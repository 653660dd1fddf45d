namespace Vybe.Web.Ocr.SevenSegment;

/// <summary>What one row reads as: the text, how many digits, whether a colon, and how tall its digits stood.</summary>
internal sealed record RowReading(string Text, int DigitCount, bool HasColon, double DigitHeight)
{
    public bool IsBetterThan(RowReading other) =>
        (DigitCount, HasColon, DigitHeight).CompareTo((other.DigitCount, other.HasColon, other.DigitHeight)) > 0;
}
