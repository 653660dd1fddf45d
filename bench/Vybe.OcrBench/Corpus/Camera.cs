using System.Globalization;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace Vybe.OcrBench.Corpus;

/// <summary>
/// How a scene was captured. A screenshot is the screen's pixels as they are (perhaps recompressed
/// by a messenger); a photo puts the scene on some surroundings, tilted, with a drop shadow, uneven
/// light, focus blur, sensor grain and the camera's JPEG (or WebP) compression.
/// </summary>
public sealed record Shot(
    float Rotation,
    float Blur,
    float Grain,
    float Vignette,
    float Scale,
    float Margin,
    SKColor Surroundings,
    SKEncodedImageFormat Format,
    int Quality)
{
    public static readonly SKColor[] Tables =
    [
        new(120, 84, 52), new(160, 128, 92), new(70, 70, 75), new(200, 200, 196), new(40, 44, 52), new(98, 110, 82),
        new(226, 218, 204), new(30, 30, 30),
    ];

    public static Shot Screenshot(Dice dice) => new(0, 0, 0, 0, 1, 0, SKColors.Black,
        dice.Chance(0.25) ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png, dice.Between(70, 90));

    /// <summary>A hand-held photo: up to ±8° off, some blur and grain, JPEG from 35 to 92 (now and then WebP).</summary>
    public static Shot Photo(Dice dice, float maxRotation = 8, float maxBlur = 2.2f) => new(
        Rotation: dice.Between(-maxRotation, maxRotation),
        Blur: dice.Chance(0.6) ? dice.Between(0.3f, maxBlur) : 0,
        Grain: dice.Chance(0.7) ? dice.Between(2f, 14f) : 0,
        Vignette: dice.Between(0f, 0.45f),
        Scale: dice.Between(0.7f, 1.15f),
        Margin: dice.Between(0.04f, 0.25f),
        Surroundings: dice.Near(dice.Pick(Tables), 12),
        Format: dice.Chance(0.1) ? SKEncodedImageFormat.Webp : SKEncodedImageFormat.Jpeg,
        Quality: dice.Between(35, 92));

    public string Extension => Format switch
    {
        SKEncodedImageFormat.Png => "png",
        SKEncodedImageFormat.Webp => "webp",
        _ => "jpg",
    };

    public string Describe() => Rotation == 0 && Blur == 0 && Grain == 0
        ? string.Create(CultureInfo.InvariantCulture, $"screenshot {Extension}{(Format == SKEncodedImageFormat.Png ? "" : $" q{Quality}")}")
        : string.Create(CultureInfo.InvariantCulture,
            $"photo {Rotation:+0.0;-0.0}° blur {Blur:0.0} grain {Grain:0} {Extension} q{Quality}");

    /// <summary>Captures the scene; the dice give the grain, so the same dice give the same bytes.</summary>
    public byte[] Capture(SKImage scene, Dice dice)
    {
        if (Rotation == 0 && Blur == 0 && Grain == 0 && Margin == 0)
        {
            using var flat = scene.Encode(Format, Quality);
            return flat.ToArray();
        }

        var sceneWidth = scene.Width * Scale;
        var sceneHeight = scene.Height * Scale;
        var margin = Margin * Math.Max(sceneWidth, sceneHeight);
        var width = (int)Math.Round(sceneWidth + (2 * margin));
        var height = (int)Math.Round(sceneHeight + (2 * margin));

        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            DrawSurroundings(canvas, width, height);
            canvas.Save();
            canvas.Translate(width / 2f, height / 2f);
            canvas.RotateDegrees(Rotation);
            using (var shadow = new SKPaint { ImageFilter = SKImageFilter.CreateDropShadowOnly(6, 8, 10, 10, SKColors.Black.WithAlpha(110)) })
            {
                canvas.DrawImage(scene, SKRect.Create(-sceneWidth / 2, -sceneHeight / 2, sceneWidth, sceneHeight),
                    new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), shadow);
            }
            using (var focus = new SKPaint { ImageFilter = Blur > 0 ? SKImageFilter.CreateBlur(Blur, Blur) : null })
            {
                canvas.DrawImage(scene, SKRect.Create(-sceneWidth / 2, -sceneHeight / 2, sceneWidth, sceneHeight),
                    new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), focus);
            }
            canvas.Restore();
            DrawUnevenLight(canvas, width, height);
        }
        AddGrain(bitmap, dice);

        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(Format, Quality);
        return encoded.ToArray();
    }

    private void DrawSurroundings(SKCanvas canvas, int width, int height)
    {
        var darker = new SKColor((byte)(Surroundings.Red * 0.8), (byte)(Surroundings.Green * 0.8), (byte)(Surroundings.Blue * 0.8));
        using var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [Surroundings, darker], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { Shader = shader };
        canvas.DrawRect(0, 0, width, height, paint);
    }

    /// <summary>Light falls off towards the corners, more in some photos than in others.</summary>
    private void DrawUnevenLight(SKCanvas canvas, int width, int height)
    {
        if (Vignette <= 0)
        {
            return;
        }
        using var shader = SKShader.CreateRadialGradient(new SKPoint(width * 0.45f, height * 0.4f), Math.Max(width, height) * 0.75f,
            [SKColors.Transparent, SKColors.Black.WithAlpha((byte)(255 * Vignette))], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { Shader = shader };
        canvas.DrawRect(0, 0, width, height, paint);
    }

    private void AddGrain(SKBitmap bitmap, Dice dice)
    {
        if (Grain <= 0)
        {
            return;
        }
        var pixels = bitmap.Bytes;
        for (var i = 0; i < pixels.Length; i += 4)
        {
            // Mostly brightness noise, a little colour noise, as a phone sensor gives.
            var luma = dice.Gaussian() * Grain;
            for (var channel = 0; channel < 3; channel++)
            {
                var value = pixels[i + channel] + luma + (dice.Gaussian() * Grain * 0.3);
                pixels[i + channel] = (byte)Math.Clamp(Math.Round(value), 0, 255);
            }
        }
        Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
    }
}
