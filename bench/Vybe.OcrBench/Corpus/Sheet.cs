using SkiaSharp;

namespace Vybe.OcrBench.Corpus;

public enum Align
{
    Left,
    Center,
    Right,
}

/// <summary>
/// A flat scene being drawn (a receipt, a screen, a clock face) before the camera: text placed by
/// its baseline, boxes and gradients. Disposing it frees the surface; <see cref="Snapshot"/> keeps the picture.
/// </summary>
public sealed class Sheet : IDisposable
{
    private readonly SKSurface surface;
    private readonly CorpusFonts fonts;

    public Sheet(CorpusFonts fonts, int width, int height, SKColor paper)
    {
        this.fonts = fonts;
        Width = width;
        Height = height;
        surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"No {width}×{height} surface.");
        Canvas.Clear(paper);
    }

    public int Width { get; }

    public int Height { get; }

    public SKCanvas Canvas => surface.Canvas;

    public float Measure(string text, string font, float size)
    {
        using var skFont = new SKFont(fonts[font], size);
        return skFont.MeasureText(text);
    }

    /// <summary>Draws text with its baseline at y; returns its width.</summary>
    public float Text(string text, string font, float size, SKColor color, float x, float y, Align align = Align.Left,
        float blur = 0, float skewX = 0)
    {
        using var skFont = new SKFont(fonts[font], size) { Subpixel = true, Edging = SKFontEdging.Antialias, SkewX = skewX };
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        if (blur > 0)
        {
            paint.ImageFilter = SKImageFilter.CreateBlur(blur, blur);
        }
        var width = skFont.MeasureText(text);
        var left = align switch
        {
            Align.Center => x - (width / 2),
            Align.Right => x - width,
            _ => x,
        };
        Canvas.DrawText(text, left, y, SKTextAlign.Left, skFont, paint);
        return width;
    }

    /// <summary>Text with a soft halo of its own colour under it, as a lit LED segment glows.</summary>
    public float GlowingText(string text, string font, float size, SKColor color, float x, float y, Align align, float glow)
    {
        Text(text, font, size, color.WithAlpha(150), x, y, align, blur: glow);
        return Text(text, font, size, color, x, y, align);
    }

    public void Box(float left, float top, float width, float height, SKColor color, float radius = 0)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        Canvas.DrawRoundRect(SKRect.Create(left, top, width, height), radius, radius, paint);
    }

    public void Outline(float left, float top, float width, float height, SKColor color, float stroke, float radius = 0)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = stroke };
        Canvas.DrawRoundRect(SKRect.Create(left, top, width, height), radius, radius, paint);
    }

    public void Circle(float x, float y, float radius, SKColor color)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        Canvas.DrawCircle(x, y, radius, paint);
    }

    public void Line(float x0, float y0, float x1, float y1, SKColor color, float stroke)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true, StrokeWidth = stroke };
        Canvas.DrawLine(x0, y0, x1, y1, paint);
    }

    /// <summary>A top-to-bottom gradient over the whole sheet (wallpapers, screens).</summary>
    public void VerticalGradient(SKColor top, SKColor bottom)
    {
        using var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, Height), [top, bottom], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { Shader = shader };
        Canvas.DrawRect(0, 0, Width, Height, paint);
    }

    /// <summary>A blurred blob of colour, as wallpapers have.</summary>
    public void SoftBlob(float x, float y, float radius, SKColor color)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true, ImageFilter = SKImageFilter.CreateBlur(radius / 2, radius / 2) };
        Canvas.DrawCircle(x, y, radius, paint);
    }

    public SKImage Snapshot() => surface.Snapshot();

    public void Dispose() => surface.Dispose();
}
