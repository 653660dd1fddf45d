namespace Vybe.Web.Ocr.Heif;

/// <summary>
/// Decodes a HEIC photo (its header already checked) through libheif into a grayscale image no
/// larger than asked, upright: libheif applies the file's rotation, mirroring and crop itself.
/// Only the luma plane is read, as decoded, so no colour image is ever made; it is averaged down
/// straight from libheif's memory, so the full-size picture is never copied into managed memory.
/// </summary>
internal static unsafe class HeifDecoder
{
    public static GrayImage Decode(byte[] data, int maxSide)
    {
        try
        {
            return DecodeLoaded(data, maxSide);
        }
        catch (Exception missing) when (missing is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new InvalidImageException(HeifSupport.InstallHint);
        }
    }

    private static GrayImage DecodeLoaded(byte[] data, int maxSide)
    {
        // libheif reads the bytes in place for as long as the context lives, so they stay pinned until it is freed.
        fixed (byte* memory = data)
        {
            using var context = HeifNative.ContextAlloc();
            if (context.IsInvalid)
            {
                throw new InvalidOperationException("libheif could not allocate a context.");
            }
            Check(HeifNative.ContextReadFromMemoryWithoutCopy(context, memory, (nuint)data.Length, IntPtr.Zero));
            Check(HeifNative.ContextGetPrimaryImageHandle(context, out var handle));
            using (handle)
            {
                // The luma plane as a camera codes it, 4:2:0 YCbCr, which needs no conversion. libheif 1.15
                // cannot convert that to monochrome ("Unsupported color conversion", 4.3003), and left to
                // choose it converts to planar RGB. A photo coded otherwise (4:4:4, 4:0:0) is converted to RGB.
                var error = HeifNative.DecodeImage(handle, out var image, HeifNative.Colorspace.YCbCr, HeifNative.Chroma.C420, IntPtr.Zero);
                var channel = HeifNative.Channel.Y;
                if (error.Failed || !HasPlane(image, channel))
                {
                    image.Dispose();
                    Check(HeifNative.DecodeImage(handle, out image, HeifNative.Colorspace.Rgb, HeifNative.Chroma.InterleavedRgb, IntPtr.Zero));
                    channel = HeifNative.Channel.Interleaved;
                }
                using (image)
                {
                    return Downscale(image, channel, maxSide);
                }
            }
        }
    }

    private static bool HasPlane(HeifImage image, HeifNative.Channel channel) =>
        HeifNative.ImageGetPlaneReadonly(image, channel, out _) != null;

    /// <summary>Averages step × step blocks of the decoded plane, reading each pixel once.</summary>
    private static GrayImage Downscale(HeifImage image, HeifNative.Channel channel, int maxSide)
    {
        var width = HeifNative.ImageGetWidth(image, channel);
        var height = HeifNative.ImageGetHeight(image, channel);
        var bits = HeifNative.ImageGetBitsPerPixelRange(image, channel);
        var plane = HeifNative.ImageGetPlaneReadonly(image, channel, out var stride);
        if (plane == null || width <= 0 || height <= 0 || bits is < 1 or > 16)
        {
            throw new InvalidImageException("That picture could not be decoded: the file may be damaged.");
        }

        var step = Math.Max(1, (int)Math.Ceiling(Math.Max(width, height) / (double)maxSide));
        var outWidth = (width + step - 1) / step;
        var outHeight = (height + step - 1) / step;
        var gray = new byte[outWidth * outHeight];
        var sums = new long[outWidth];
        // Samples above 8 bits (10-bit HEIC) are stored in 16 bits each; keep their top 8.
        var wide = bits > 8;
        var shift = wide ? bits - 8 : 0;
        var rgb = channel == HeifNative.Channel.Interleaved;

        for (var outY = 0; outY < outHeight; outY++)
        {
            Array.Clear(sums);
            var top = outY * step;
            var rows = Math.Min(step, height - top);
            for (var y = top; y < top + rows; y++)
            {
                var row = plane + ((long)y * stride);
                for (var x = 0; x < width; x++)
                {
                    int value;
                    if (rgb)
                    {
                        var pixel = row + (3 * x);
                        value = ((299 * pixel[0]) + (587 * pixel[1]) + (114 * pixel[2]) + 500) / 1000;
                    }
                    else
                    {
                        value = wide ? ((ushort*)row)[x] >> shift : row[x];
                    }
                    sums[x / step] += value;
                }
            }
            for (var outX = 0; outX < outWidth; outX++)
            {
                var columns = Math.Min(step, width - (outX * step));
                gray[(outY * outWidth) + outX] = (byte)Math.Min(255, (sums[outX] + ((rows * columns) / 2)) / (rows * columns));
            }
        }
        return new GrayImage(outWidth, outHeight, gray);
    }

    private static void Check(HeifError error)
    {
        if (error.Failed)
        {
            throw new InvalidImageException($"That HEIC photo could not be decoded: the file may be damaged ({error.Describe()}).");
        }
    }
}
