using Vybe.TestSupport.Photos;
using Vybe.Web.Ocr;

namespace Vybe.Web.Tests.Ocr;

/// <summary>Drawn clock faces set into larger pictures, as a clock's window sits in its body or on a shelf.</summary>
public static class SevenSegmentPictures
{
    /// <summary>
    /// <paramref name="face"/> drawn and pasted at (<paramref name="left"/>, <paramref name="top"/>)
    /// into a <paramref name="width"/>×<paramref name="height"/> picture of grey <paramref name="surround"/>.
    /// </summary>
    public static GrayImage Embed(ClockFace face, int width, int height, byte surround, int left, int top)
    {
        var drawn = GrayPictures.DrawGray(face);
        if (left + drawn.Width > width || top + drawn.Height > height)
        {
            throw new ArgumentException($"A {drawn.Width}×{drawn.Height} face does not fit at ({left}, {top}) into {width}×{height}.");
        }
        var picture = GrayImage.Blank(width, height, surround);
        for (var y = 0; y < drawn.Height; y++)
        {
            Array.Copy(drawn.Pixels, y * drawn.Width, picture.Pixels, ((y + top) * width) + left, drawn.Width);
        }
        return picture;
    }
}
