using System.Globalization;
using SkiaSharp;

namespace Vybe.TestSupport.Photos;

/// <summary>How a clock draws its 1.</summary>
public enum OneStyle
{
    /// <summary>Segments b and c at the right of a full-width digit cell.</summary>
    RightOfFullCell,

    /// <summary>Two stacked bars in a cell no wider than a stroke, as many alarm clocks draw the leading 1.</summary>
    NarrowCell,
}

public enum SegmentShape
{
    /// <summary>Bars with pointed ends, the classic LED and LCD look.</summary>
    Hexagon,

    /// <summary>Bars with rounded ends, as on many cheap LCDs.</summary>
    RoundedBar,
}

/// <summary>
/// A seven-segment clock face to draw: the text ("11:11", "4:44", "0000"), the geometry in pixels,
/// the colours, and the photographic damage (rotation, blur, sensor noise, JPEG).
/// </summary>
public sealed record ClockFace(string Text)
{
    public int DigitHeight { get; init; } = 100;

    /// <summary>Segment thickness in pixels; 13 % of the digit height when not given.</summary>
    public float? Thickness { get; init; }

    /// <summary>The cut between neighbouring segments in pixels; 2.5 % of the digit height when not given.</summary>
    public float? SegmentGap { get; init; }

    public SKColor Foreground { get; init; } = ClockColours.RedLed;

    public SKColor Background { get; init; } = ClockColours.Black;

    /// <summary>The faint colour of unlit segments, visible on many LCDs and LED faces; none when null.</summary>
    public SKColor? UnlitSegments { get; init; }

    public SegmentShape Shape { get; init; } = SegmentShape.Hexagon;

    public OneStyle Ones { get; init; } = OneStyle.RightOfFullCell;

    public float RotationDegrees { get; init; }

    /// <summary>Italic lean of the digits (tops to the right), as on many alarm clocks.</summary>
    public float SlantDegrees { get; init; }

    /// <summary>Uneven light: up to this share of white glare over one corner, fading across the picture.</summary>
    public float Glare { get; init; }

    public float BlurSigma { get; init; }

    /// <summary>Uniform noise of up to ± this many levels per channel, from a fixed seed.</summary>
    public int NoiseAmplitude { get; init; }

    /// <summary>Re-encode as JPEG at this quality (block artefacts, chroma bleeding); none when null.</summary>
    public int? JpegQuality { get; init; }

    /// <summary>Margin around the rotated face, in pixels; half the digit height when not given.</summary>
    public int? Padding { get; init; }

    public int Seed { get; init; } = 7;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"\"{Text}\" h={DigitHeight} t={Thickness?.ToString("0.#", CultureInfo.InvariantCulture) ?? "auto"} {ClockColours.Name(Foreground)} on {ClockColours.Name(Background)} {Shape} {Ones} rot={RotationDegrees}° slant={SlantDegrees}° glare={Glare} blur={BlurSigma} noise={NoiseAmplitude} jpeg={JpegQuality?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
}

public static class ClockColours
{
    public static readonly SKColor Black = new(8, 8, 10);
    public static readonly SKColor DarkGrey = new(48, 50, 54);
    public static readonly SKColor RedLed = new(255, 40, 30);
    public static readonly SKColor GreenLed = new(60, 255, 90);
    public static readonly SKColor BlueLed = new(40, 130, 255);
    public static readonly SKColor WhiteLed = new(235, 235, 230);
    public static readonly SKColor LcdSegment = new(28, 34, 30);
    public static readonly SKColor LcdFace = new(150, 168, 138);
    public static readonly SKColor LcdGhost = new(136, 154, 126);
    public static readonly SKColor DimRed = new(60, 12, 10);

    public static string Name(SKColor colour) =>
        colour == Black ? "black"
        : colour == DarkGrey ? "dark grey"
        : colour == RedLed ? "red"
        : colour == GreenLed ? "green"
        : colour == BlueLed ? "blue"
        : colour == WhiteLed ? "white"
        : colour == LcdSegment ? "LCD black"
        : colour == LcdFace ? "grey-green"
        : colour.ToString();
}

/// <summary>Draws <see cref="ClockFace"/>s and other test pictures with SkiaSharp.</summary>
public static class SevenSegmentDrawing
{
    private static readonly Dictionary<char, string> SegmentsByDigit = new()
    {
        ['0'] = "abcdef",
        ['1'] = "bc",
        ['2'] = "abdeg",
        ['3'] = "abcdg",
        ['4'] = "bcfg",
        ['5'] = "acdfg",
        ['6'] = "acdefg",
        ['7'] = "abc",
        ['8'] = "abcdefg",
        ['9'] = "abcdfg",
    };

    /// <summary>
    /// Where <see cref="Draw"/> puts the digits of <paramref name="face"/>: the upright box around
    /// the lit segments and the colon, as rotated and slanted, in the picture's pixels (before blur).
    /// </summary>
    public static SKRect DigitBounds(ClockFace face)
    {
        var layout = Layout.Of(face);
        var transform = layout.Transform();
        var bounds = SKRect.Empty;
        foreach (var (outline, isLit) in layout.Shapes())
        {
            using (outline)
            {
                if (isLit)
                {
                    using var placed = new SKPath(outline);
                    placed.Transform(transform);
                    bounds = bounds.IsEmpty ? placed.TightBounds : SKRect.Union(bounds, placed.TightBounds);
                }
            }
        }
        return bounds;
    }

    public static SKBitmap Draw(ClockFace face)
    {
        var layout = Layout.Of(face);
        var (canvasWidth, canvasHeight) = (layout.CanvasWidth, layout.CanvasHeight);

        var sharp = new SKBitmap(new SKImageInfo(canvasWidth, canvasHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(sharp))
        {
            canvas.Clear(face.Background);
            canvas.SetMatrix(layout.Transform());
            using var lit = new SKPaint { Color = face.Foreground, IsAntialias = true, Style = SKPaintStyle.Fill };
            using var unlit = face.UnlitSegments is { } ghost ? new SKPaint { Color = ghost, IsAntialias = true, Style = SKPaintStyle.Fill } : null;
            foreach (var (outline, isLit) in layout.Shapes())
            {
                using (outline)
                {
                    var paint = isLit ? lit : unlit;
                    if (paint is not null)
                    {
                        canvas.DrawPath(outline, paint);
                    }
                }
            }
        }

        if (face.Glare > 0)
        {
            using var canvas = new SKCanvas(sharp);
            using var shader = SKShader.CreateRadialGradient(
                new SKPoint(0, 0), MathF.Max(canvasWidth, canvasHeight),
                [new SKColor(255, 255, 255, (byte)(face.Glare * 255)), SKColors.Transparent], SKShaderTileMode.Clamp);
            using var glare = new SKPaint { Shader = shader };
            canvas.DrawRect(0, 0, canvasWidth, canvasHeight, glare);
        }

        var picture = sharp;
        if (face.BlurSigma > 0)
        {
            picture = new SKBitmap(sharp.Info);
            using var canvas = new SKCanvas(picture);
            using var blur = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(face.BlurSigma, face.BlurSigma, SKShaderTileMode.Clamp) };
            canvas.DrawBitmap(sharp, 0, 0, SKSamplingOptions.Default, blur);
            sharp.Dispose();
        }
        if (face.NoiseAmplitude > 0)
        {
            AddNoise(picture, face.NoiseAmplitude, face.Seed);
        }
        if (face.JpegQuality is { } quality)
        {
            using var data = picture.Encode(SKEncodedImageFormat.Jpeg, quality);
            picture.Dispose();
            picture = SKBitmap.Decode(data);
        }
        return picture;
    }

    /// <summary>
    /// Where a face's characters go: the sizes in pixels, each character's (left edge, width) along
    /// the row, and the canvas around the rotated row.
    /// </summary>
    private sealed record Layout(
        ClockFace Face, float Height, float Thickness, float Gap, float DigitWidth, float DotSize,
        IReadOnlyList<(char Character, float Left, float Width)> Characters, float ContentWidth, int CanvasWidth, int CanvasHeight)
    {
        public static Layout Of(ClockFace face)
        {
            float height = face.DigitHeight;
            var thickness = face.Thickness ?? height * 0.13f;
            var gap = face.SegmentGap ?? height * 0.025f;
            var digitWidth = height * 0.55f;
            var spacing = height * 0.22f;
            var dotSize = thickness * 1.1f;
            var padding = face.Padding ?? face.DigitHeight / 2;

            var characters = new List<(char Character, float Left, float Width)>();
            var cursor = 0f;
            foreach (var character in face.Text)
            {
                var width = character == ':' ? dotSize
                    : character == '1' && face.Ones == OneStyle.NarrowCell ? thickness
                    : digitWidth;
                characters.Add((character, cursor, width));
                cursor += width + spacing;
            }
            var contentWidth = cursor - spacing;

            var radians = face.RotationDegrees * MathF.PI / 180;
            var rotatedWidth = MathF.Abs(contentWidth * MathF.Cos(radians)) + MathF.Abs(height * MathF.Sin(radians));
            var rotatedHeight = MathF.Abs(contentWidth * MathF.Sin(radians)) + MathF.Abs(height * MathF.Cos(radians));
            return new(face, height, thickness, gap, digitWidth, dotSize, characters, contentWidth,
                (int)MathF.Ceiling(rotatedWidth) + (2 * padding), (int)MathF.Ceiling(rotatedHeight) + (2 * padding));
        }

        /// <summary>
        /// Every shape of the face in row coordinates, and whether it is lit: the colon's dots, the
        /// lit segments, and the unlit ones some faces show faintly (not for a narrow 1, which has none).
        /// </summary>
        public IEnumerable<(SKPath Outline, bool IsLit)> Shapes()
        {
            foreach (var (character, left, width) in Characters)
            {
                if (character == ':')
                {
                    var radius = Face.Shape == SegmentShape.RoundedBar ? DotSize / 2 : DotSize * 0.15f;
                    foreach (var middle in (float[])[0.3f, 0.7f])
                    {
                        using var dot = new SKPathBuilder();
                        dot.AddRoundRect(new SKRoundRect(SKRect.Create(left, (Height * middle) - (DotSize / 2), DotSize, DotSize), radius), SKPathDirection.Clockwise);
                        yield return (dot.Detach(), true);
                    }
                    continue;
                }
                if (!SegmentsByDigit.TryGetValue(character, out var litSegments))
                {
                    throw new ArgumentException($"A seven-segment face cannot show '{character}'.", nameof(Face));
                }
                var narrowOne = width < DigitWidth;
                foreach (var segment in "abcdefg")
                {
                    var isLit = litSegments.Contains(segment, StringComparison.Ordinal);
                    if (!isLit && narrowOne)
                    {
                        continue;
                    }
                    // A narrow 1 is only the right-hand bars, moved onto the narrow cell.
                    var cellLeft = narrowOne ? left - DigitWidth + Thickness : left;
                    yield return (SegmentOutline(Face.Shape, segment, cellLeft, DigitWidth, Height, Thickness, Gap), isLit);
                }
            }
        }

        /// <summary>From row coordinates (the digits from (0, 0) to (content width, height)) to the picture's: centred, rotated, slanted.</summary>
        public SKMatrix Transform()
        {
            var centre = SKMatrix.CreateTranslation(CanvasWidth / 2f, CanvasHeight / 2f);
            var rotation = SKMatrix.CreateRotationDegrees(Face.RotationDegrees);
            var slant = SKMatrix.CreateSkew(-MathF.Tan(Face.SlantDegrees * MathF.PI / 180), 0);
            var origin = SKMatrix.CreateTranslation(-ContentWidth / 2f, -Height / 2f);
            return centre.PreConcat(rotation).PreConcat(slant).PreConcat(origin);
        }
    }

    /// <summary>
    /// Fonts to draw ordinary text with, by file: the SkiaSharp build without fontconfig finds no
    /// font by family name. test.sh installs fonts-dejavu-core.
    /// </summary>
    private static readonly string[] TextFontFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
    ];

    /// <summary>Plain text in a proportional font, dark on a light background with a soft gradient, like a photographed page.</summary>
    public static SKBitmap DrawText(string text, float size)
    {
        var fontFile = TextFontFiles.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"No text font found (looked for {string.Join(", ", TextFontFiles)}); install fonts-dejavu-core.");
        using var typeface = SKTypeface.FromFile(fontFile);
        using var font = new SKFont(typeface, size);
        var width = (int)(font.MeasureText(text) + size);
        var height = (int)(size * 2);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            using var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [new SKColor(235, 230, 220), new SKColor(190, 185, 175)], SKShaderTileMode.Clamp);
            using var background = new SKPaint { Shader = shader };
            canvas.DrawRect(0, 0, width, height, background);
            using var ink = new SKPaint { Color = new SKColor(30, 30, 35), IsAntialias = true };
            canvas.DrawText(text, size / 2, size * 1.3f, SKTextAlign.Left, font, ink);
        }
        return bitmap;
    }

    /// <summary>Writes a picture as PNG, for looking at a drawing while developing.</summary>
    public static void SavePng(SKBitmap bitmap, string path)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    /// <summary>
    /// One segment in a W×H digit box whose outer edges are the box: horizontals centred at T/2,
    /// H/2 and H−T/2, verticals at T/2 and W−T/2, each shortened by the gap at both ends.
    /// </summary>
    private static SKPath SegmentOutline(SegmentShape shape, char segment, float left, float width, float height, float thickness, float gap)
    {
        var half = thickness / 2;
        var (startX, startY, endX, endY) = segment switch
        {
            'a' => (half, half, width - half, half),
            'g' => (half, height / 2, width - half, height / 2),
            'd' => (half, height - half, width - half, height - half),
            'f' => (half, half, half, height / 2),
            'e' => (half, height / 2, half, height - half),
            'b' => (width - half, half, width - half, height / 2),
            'c' => (width - half, height / 2, width - half, height - half),
            _ => throw new ArgumentOutOfRangeException(nameof(segment)),
        };
        startX += left;
        endX += left;
        var horizontal = startY == endY;
        using var path = new SKPathBuilder();
        if (horizontal)
        {
            var from = startX + gap;
            var to = endX - gap;
            if (shape == SegmentShape.Hexagon)
            {
                path.AddPoly(
                [
                    new(from, startY), new(from + half, startY - half), new(to - half, startY - half),
                    new(to, startY), new(to - half, startY + half), new(from + half, startY + half),
                ]);
            }
            else
            {
                path.AddRoundRect(new SKRoundRect(new SKRect(from + (half * 0.4f), startY - half, to - (half * 0.4f), startY + half), half * 0.8f), SKPathDirection.Clockwise);
            }
        }
        else
        {
            var from = startY + gap;
            var to = endY - gap;
            if (shape == SegmentShape.Hexagon)
            {
                path.AddPoly(
                [
                    new(startX, from), new(startX + half, from + half), new(startX + half, to - half),
                    new(startX, to), new(startX - half, to - half), new(startX - half, from + half),
                ]);
            }
            else
            {
                path.AddRoundRect(new SKRoundRect(new SKRect(startX - half, from + (half * 0.4f), startX + half, to - (half * 0.4f)), half * 0.8f), SKPathDirection.Clockwise);
            }
        }
        return path.Detach();
    }

    private static void AddNoise(SKBitmap bitmap, int amplitude, int seed)
    {
        var random = new Random(seed);
        var bytes = bitmap.GetPixelSpan();
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i % 4 == 3)
            {
                continue;
            }
            bytes[i] = (byte)Math.Clamp(bytes[i] + random.Next(-amplitude, amplitude + 1), 0, 255);
        }
        bitmap.NotifyPixelsChanged();
    }
}
