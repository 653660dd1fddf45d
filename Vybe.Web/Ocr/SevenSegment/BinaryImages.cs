namespace Vybe.Web.Ocr.SevenSegment;

internal static class BinaryImages
{
    /// <summary>Whether the pixel of a binarised image is ink (below 128, as <see cref="ImageFilters.Binarize"/> and <see cref="InkBlobs"/> read it).</summary>
    public static bool IsInk(this GrayImage binary, int x, int y) => binary[x, y] < 128;
}
