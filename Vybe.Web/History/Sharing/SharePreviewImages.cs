using SkiaSharp;

namespace Vybe.Web.History.Sharing;

/// <summary>
/// Draws a shared reading's card as a PNG (1200 × 630, the size Open Graph and Twitter cards use).
/// The fonts come from files shipped with the app (Assets/Fonts, DejaVu Sans): SkiaSharp on a server
/// without fontconfig finds no font by family name. Singleton: the typefaces load once.
/// </summary>
public sealed class SharePreviewImages : IDisposable
{
    private static readonly string FontFolder = Path.Combine(AppContext.BaseDirectory, "Assets", "Fonts");

    private static readonly SKColor Night = SKColor.Parse("#1c1638");
    private static readonly SKColor Violet = SKColor.Parse("#5b3fd1");
    private static readonly SKColor Lavender = SKColor.Parse("#ece8fb");
    private static readonly SKColor Soft = SKColor.Parse("#b3adc6");

    private const float Margin = 80;

    private readonly SKTypeface regular = Load("DejaVuSans.ttf");
    private readonly SKTypeface bold = Load("DejaVuSans-Bold.ttf");

    private static SKTypeface Load(string file)
    {
        var path = Path.Combine(FontFolder, file);
        return SKTypeface.FromFile(path) ?? throw new InvalidOperationException($"The share preview's font {path} is missing from the app's files.");
    }

    public byte[] RenderPng(SharePreview preview)
    {
        var info = new SKImageInfo(SharePreview.Width, SharePreview.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        DrawBackground(canvas);

        using var paint = new SKPaint { IsAntialias = true, Color = Lavender };
        using (var brand = new SKFont(bold, 44))
        {
            canvas.DrawText("✶ Vybe", Margin, Margin + 30, SKTextAlign.Left, brand, paint);
        }

        paint.Color = SKColors.White;
        DrawFitted(canvas, preview.Number, 360, bold, 220, 72, paint);
        paint.Color = Lavender;
        DrawFitted(canvas, preview.Headline, 455, bold, 52, 28, paint);
        paint.Color = Soft;
        DrawFitted(canvas, preview.Detail, 520, regular, 36, 22, paint);

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void DrawBackground(SKCanvas canvas)
    {
        using var shader = SKShader.CreateLinearGradient(
            new SKPoint(0, 0), new SKPoint(SharePreview.Width, SharePreview.Height), [Night, Violet], SKShaderTileMode.Clamp);
        using var background = new SKPaint { Shader = shader };
        canvas.DrawRect(0, 0, SharePreview.Width, SharePreview.Height, background);
        using var rule = new SKPaint { Color = Lavender.WithAlpha(90), StrokeWidth = 4, IsAntialias = true };
        canvas.DrawLine(Margin, 395, Margin + 160, 395, rule);
    }

    // Draws the text at the largest size that fits the width, no smaller than the smallest; text too
    // long even then is cut and ends with an ellipsis.
    private static void DrawFitted(SKCanvas canvas, string text, float y, SKTypeface typeface, float largest, float smallest, SKPaint paint)
    {
        var width = SharePreview.Width - (2 * Margin);
        using var font = new SKFont(typeface, largest);
        var measured = font.MeasureText(text);
        if (measured > width)
        {
            font.Size = Math.Max(smallest, largest * width / measured);
            while (text.Length > 1 && font.MeasureText(text) > width)
            {
                text = text[..^2] + "…";
            }
        }
        canvas.DrawText(text, Margin, y, SKTextAlign.Left, font, paint);
    }

    public void Dispose()
    {
        regular.Dispose();
        bold.Dispose();
    }
}
