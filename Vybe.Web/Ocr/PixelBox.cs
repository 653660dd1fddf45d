namespace Vybe.Web.Ocr;

/// <summary>A rectangle in a photo's pixels, as decoded and turned upright (<see cref="PhotoDecoder"/>).</summary>
public readonly record struct PixelBox(int Left, int Top, int Width, int Height)
{
    public int Right => Left + Width;

    public int Bottom => Top + Height;

    public double CentreX => Left + (Width / 2.0);

    public double CentreY => Top + (Height / 2.0);

    /// <summary>Whether the centre of <paramref name="other"/> lies within this box.</summary>
    public bool HoldsCentreOf(PixelBox other) =>
        other.CentreX >= Left && other.CentreX <= Right && other.CentreY >= Top && other.CentreY <= Bottom;

    /// <summary>Whether the two boxes share any pixels.</summary>
    public bool Overlaps(PixelBox other) =>
        Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

    /// <summary>The smallest box holding both.</summary>
    public PixelBox Union(PixelBox other)
    {
        var left = Math.Min(Left, other.Left);
        var top = Math.Min(Top, other.Top);
        return new PixelBox(left, top, Math.Max(Right, other.Right) - left, Math.Max(Bottom, other.Bottom) - top);
    }

    /// <summary>This box in the coordinates of a picture <paramref name="factor"/> times as large.</summary>
    public PixelBox Scaled(double factor) => new(
        (int)Math.Round(Left * factor), (int)Math.Round(Top * factor),
        (int)Math.Round(Width * factor), (int)Math.Round(Height * factor));
}
