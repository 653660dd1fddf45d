using System.Runtime.InteropServices;
using SkiaSharp;
using Vybe.Web.Ocr.Heif;

namespace Vybe.Web.Ocr;

/// <summary>
/// Decodes an upload (already checked by its header) into a grayscale image no larger than OCR needs,
/// turned upright by its EXIF orientation. Large photos are decoded at a reduced size where the codec
/// can (JPEG, WebP) or a scanline at a time (PNG), so a 25-megapixel upload never sits in memory in full colour.
/// HEIC goes through libheif (<see cref="HeifDecoder"/>), which decodes only the luma plane and turns it upright by the
/// file's own rotation (irot, imir).
/// </summary>
public static class PhotoDecoder
{
    /// <summary>Long enough a side for digits a photo shows; more only costs time.</summary>
    public const int MaxSide = 2000;

    public static GrayImage Decode(byte[] data, int maxSide = MaxSide)
    {
        if (HeifHeader.Classify(data) == IsoMediaKind.Heic)
        {
            return HeifDecoder.Decode(data, maxSide);
        }

        using var skData = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(skData) ?? throw new InvalidImageException("That picture could not be decoded: the file may be damaged.");
        var full = codec.Info;
        var step = (int)Math.Ceiling(Math.Max(full.Width, full.Height) / (double)maxSide);
        var scaled = codec.GetScaledDimensions(Math.Min(1f, maxSide / (float)Math.Max(full.Width, full.Height)));

        var image = scaled.Width < full.Width || step <= 1
            ? DecodeWhole(codec, scaled.Width, scaled.Height)
            : DecodeSampled(codec, full.Width, full.Height, step) ?? DecodeWhole(codec, full.Width, full.Height);
        return Upright(image, codec.EncodedOrigin);
    }

    private static GrayImage DecodeWhole(SKCodec codec, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[info.BytesSize];
        var result = codec.GetPixels(info, rgba);
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new InvalidImageException($"That picture could not be decoded ({result}): the file may be damaged.");
        }
        var gray = new byte[width * height];
        for (var i = 0; i < gray.Length; i++)
        {
            gray[i] = Luminance(rgba, i * 4);
        }
        return new GrayImage(width, height, gray);
    }

    /// <summary>Every step-th row and column, read one scanline at a time.</summary>
    private static GrayImage? DecodeSampled(SKCodec codec, int width, int height, int step)
    {
        var info = new SKImageInfo(width, 1, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        if (codec.StartScanlineDecode(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul)) != SKCodecResult.Success
            || codec.ScanlineOrder != SKCodecScanlineOrder.TopDown)
        {
            return null;
        }
        var outWidth = (width + step - 1) / step;
        var outHeight = (height + step - 1) / step;
        var gray = new byte[outWidth * outHeight];
        var row = new byte[info.RowBytes];
        var handle = GCHandle.Alloc(row, GCHandleType.Pinned);
        try
        {
            for (var y = 0; y < outHeight; y++)
            {
                if (codec.GetScanlines(handle.AddrOfPinnedObject(), 1, info.RowBytes) < 1)
                {
                    break;
                }
                for (var x = 0; x < outWidth; x++)
                {
                    gray[(y * outWidth) + x] = Luminance(row, x * step * 4);
                }
                var skip = Math.Min(step - 1, height - ((y * step) + 1));
                if (skip > 0)
                {
                    codec.SkipScanlines(skip);
                }
            }
        }
        finally
        {
            handle.Free();
        }
        return new GrayImage(outWidth, outHeight, gray);
    }

    private static byte Luminance(byte[] rgba, int offset)
    {
        // Transparent pixels count as white paper, not black.
        var alpha = rgba[offset + 3];
        var value = (0.299 * rgba[offset]) + (0.587 * rgba[offset + 1]) + (0.114 * rgba[offset + 2]);
        return (byte)Math.Round(((value * alpha) + (255.0 * (255 - alpha))) / 255.0);
    }

    private static GrayImage Upright(GrayImage image, SKEncodedOrigin origin) => origin switch
    {
        SKEncodedOrigin.BottomRight => Rotate(image, 180),
        SKEncodedOrigin.RightTop => Rotate(image, 90),
        SKEncodedOrigin.LeftBottom => Rotate(image, 270),
        _ => image,
    };

    /// <summary>Clockwise by 90, 180 or 270 degrees.</summary>
    public static GrayImage Rotate(GrayImage image, int degrees)
    {
        var (w, h) = (image.Width, image.Height);
        var turned = new byte[w * h];
        var (outWidth, outHeight) = degrees == 180 ? (w, h) : (h, w);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var (nx, ny) = degrees switch
                {
                    90 => (h - 1 - y, x),
                    180 => (w - 1 - x, h - 1 - y),
                    _ => (y, w - 1 - x),
                };
                turned[(ny * outWidth) + nx] = image.Pixels[(y * w) + x];
            }
        }
        return new GrayImage(outWidth, outHeight, turned);
    }
}

/// <summary>The upload passed its header checks but is not a picture that decodes.</summary>
public sealed class InvalidImageException(string message) : Exception(message);
