namespace Vybe.Web.Ocr;

/// <summary>
/// An 8-bit grayscale image, row by row, 0 black and 255 white: what pre-processing works on and
/// what the recognisers read. Plain data, so the image code needs no native library to be tested.
/// </summary>
public sealed class GrayImage
{
    public GrayImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != width * height)
        {
            throw new ArgumentException($"A {width}×{height} image has {width * height} pixels, not {pixels.Length}.", nameof(pixels));
        }
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    public byte this[int x, int y]
    {
        get => Pixels[(y * Width) + x];
        set => Pixels[(y * Width) + x] = value;
    }

    public static GrayImage Blank(int width, int height, byte value = 255)
    {
        var pixels = new byte[width * height];
        Array.Fill(pixels, value);
        return new GrayImage(width, height, pixels);
    }

    public GrayImage Clone() => new(Width, Height, (byte[])Pixels.Clone());
}
