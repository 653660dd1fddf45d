using SkiaSharp;
using Vybe.TestSupport.Photos;
using Vybe.Web.Ocr;

namespace Vybe.Web.Tests.Ocr;

/// <summary>The drawn test pictures (<see cref="SevenSegmentDrawing"/>) as the app's <see cref="GrayImage"/>s.</summary>
public static class GrayPictures
{
    public static GrayImage DrawGray(ClockFace face)
    {
        using var bitmap = SevenSegmentDrawing.Draw(face);
        return ToGray(bitmap);
    }

    /// <inheritdoc cref="SevenSegmentDrawing.DrawText"/>
    public static GrayImage DrawText(string text, float size)
    {
        using var bitmap = SevenSegmentDrawing.DrawText(text, size);
        return ToGray(bitmap);
    }

    /// <summary>Grey levels by luminance, 0.299 R + 0.587 G + 0.114 B.</summary>
    public static GrayImage ToGray(SKBitmap bitmap)
    {
        using var rgba = bitmap.ColorType == SKColorType.Rgba8888 ? bitmap.Copy() : bitmap.Copy(SKColorType.Rgba8888);
        var bytes = rgba.GetPixelSpan();
        var pixels = new byte[rgba.Width * rgba.Height];
        for (var y = 0; y < rgba.Height; y++)
        {
            var row = y * rgba.RowBytes;
            for (var x = 0; x < rgba.Width; x++)
            {
                var offset = row + (x * 4);
                var luminance = (0.299 * bytes[offset]) + (0.587 * bytes[offset + 1]) + (0.114 * bytes[offset + 2]);
                pixels[(y * rgba.Width) + x] = (byte)Math.Clamp((int)Math.Round(luminance), 0, 255);
            }
        }
        return new GrayImage(rgba.Width, rgba.Height, pixels);
    }
}
