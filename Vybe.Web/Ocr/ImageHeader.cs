using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Vybe.Web.Ocr.Heif;

namespace Vybe.Web.Ocr;

/// <summary>The image formats a visitor may upload, as recognised from the bytes, never the file name.</summary>
public enum ImageFormat
{
    Png,
    Jpeg,
    WebP,

    /// <summary>HEIF with HEVC-coded pictures: what iPhone cameras save by default.</summary>
    Heic,
}

/// <summary>What an upload's header says about it: enough to refuse it before anything decodes it. A HEIC's size is as stored, before its rotation.</summary>
public sealed record ImageHeader(ImageFormat Format, int Width, int Height)
{
    public long Pixels => (long)Width * Height;
}

/// <summary>
/// Checks an upload from its bytes alone, before any decoding: its size, its format (by magic
/// bytes) and the dimensions its header declares. A decoder allocates width × height pixels up
/// front, so a small file declaring a huge picture (a decompression bomb) must be refused here,
/// from the header, rather than discovered by decoding it.
/// </summary>
public static class ImageUploadRules
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const long MaxPixels = 25_000_000;

    public const string EmptyMessage = "That file is empty.";
    public const string UnreadableMessage = "That file is not a picture Vybe can read: upload a PNG, JPEG, WebP or HEIC photo.";
    public const string CutOffMessage = "That image is cut off: the file ends before the picture's size is stated.";

    public const string NotHevcMessage =
        "That HEIF file holds a kind of picture Vybe cannot read (only HEVC-coded HEIC photos, as phones take them). Take a screenshot or save it as JPEG.";

    private static readonly CompositeFormat DamagedMessage = CompositeFormat.Parse("That image is damaged: {0}. Save it again or take a screenshot, and upload that.");
    private static readonly CompositeFormat OtherFormatMessage = CompositeFormat.Parse("That file is not a PNG, JPEG, WebP or HEIC image (it looks like {0}). Take a screenshot or save it as PNG or JPEG.");

    /// <summary>
    /// A real JPEG has a few dozen segments before its frame header; even 5 MB of metadata split
    /// into maximal 64 KB segments is under 100. The bound keeps a crafted file from making the
    /// walk long, whatever it contains.
    /// </summary>
    private const int MaxJpegSegmentsBeforeFrame = 1000;

    /// <summary>How much of an unrecognised file is looked at to decide whether it is text.</summary>
    private const int TextSampleLength = 512;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> Riff => "RIFF"u8;
    private static ReadOnlySpan<byte> WebPTag => "WEBP"u8;
    private static ReadOnlySpan<byte> IconSignature => [0x00, 0x00, 0x01, 0x00];

    /// <summary>
    /// Reads the header of an upload. Never throws, and allocates nothing in proportion to the
    /// input: on any input it either returns true with a header whose dimensions are within the
    /// limits, or false with a message the visitor can act on.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out ImageHeader header, out string error)
    {
        header = null!;

        if (data.IsEmpty)
        {
            error = EmptyMessage;
            return false;
        }

        if (data.Length > MaxBytes)
        {
            error = TooManyBytesMessage(data.Length);
            return false;
        }

        if (!TryReadDimensions(data, out var format, out var width, out var height, out error))
        {
            return false;
        }

        var pixels = (long)width * height;
        if (pixels > MaxPixels)
        {
            error = string.Format(
                CultureInfo.InvariantCulture,
                "That photo is too large: {0} × {1} pixels ({2} megapixels); the limit is {3} megapixels. Resize it and try again.",
                width,
                height,
                MegapixelsText(pixels),
                MegapixelsText(MaxPixels));
            return false;
        }

        if (width == 0 || height == 0)
        {
            error = Damaged($"it says the picture is {width} × {height} pixels");
            return false;
        }

        header = new ImageHeader(format, width, height);
        error = string.Empty;
        return true;
    }

    private static bool TryReadDimensions(ReadOnlySpan<byte> data, out ImageFormat format, out int width, out int height, out string error)
    {
        width = 0;
        height = 0;

        if (data.StartsWith(PngSignature))
        {
            format = ImageFormat.Png;
            return TryReadPng(data, out width, out height, out error);
        }

        if (data.StartsWith(JpegSignature))
        {
            format = ImageFormat.Jpeg;
            return TryReadJpeg(data, out width, out height, out error);
        }

        if (data.StartsWith(Riff) && data.Length >= 12 && data.Slice(8, 4).SequenceEqual(WebPTag))
        {
            format = ImageFormat.WebP;
            return TryReadWebP(data, out width, out height, out error);
        }

        if (HeifHeader.Classify(data) == IsoMediaKind.Heic)
        {
            format = ImageFormat.Heic;
            return TryReadHeic(data, out width, out height, out error);
        }

        format = default;
        error = IsStartOfImage(data) ? CutOffMessage : UnsupportedMessage(data);
        return false;
    }

    /// <summary>
    /// True when the whole file is shorter than, and agrees with, the start of a format we read:
    /// the upload stopped before even its signature was complete. One byte is not enough to tell.
    /// </summary>
    private static bool IsStartOfImage(ReadOnlySpan<byte> data) =>
        data.Length >= 2 && (
            (data.Length < PngSignature.Length && PngSignature.StartsWith(data)) ||
            (data.Length < JpegSignature.Length && JpegSignature.StartsWith(data)) ||
            (data.Length < 12 && data.StartsWith(Riff) && (data.Length <= 8 || WebPTag.StartsWith(data[8..]))) ||
            (data.Length is > 5 and < 16 && data[0] == 0 && "ftyp"u8.StartsWith(data[4..Math.Min(8, data.Length)])));

    // PNG: the signature, then the IHDR chunk, which the specification requires to come first:
    // length (4, big-endian, always 13), type "IHDR", width (4), height (4), ...
    private static bool TryReadPng(ReadOnlySpan<byte> data, out int width, out int height, out string error)
    {
        width = 0;
        height = 0;
        if (data.Length < 24)
        {
            error = CutOffMessage;
            return false;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(data[8..]) != 13 || !data.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            error = Damaged("its header is not where a PNG's header must be");
            return false;
        }

        var declaredWidth = BinaryPrimitives.ReadUInt32BigEndian(data[16..]);
        var declaredHeight = BinaryPrimitives.ReadUInt32BigEndian(data[20..]);
        // The PNG specification caps both at 2^31 - 1; anything above is not a PNG size.
        if (declaredWidth > int.MaxValue || declaredHeight > int.MaxValue)
        {
            error = Damaged("the size in its header is impossible");
            return false;
        }

        width = (int)declaredWidth;
        height = (int)declaredHeight;
        error = string.Empty;
        return true;
    }

    // JPEG: a sequence of segments, each "FF <marker>" followed (for most markers) by a 2-byte
    // big-endian length that counts itself. The size is in the frame header (SOFn); walk the
    // segments until it, never past the end of the data.
    private static bool TryReadJpeg(ReadOnlySpan<byte> data, out int width, out int height, out string error)
    {
        width = 0;
        height = 0;
        var position = 2; // after SOI, which the signature check has seen
        for (var segments = 0; segments < MaxJpegSegmentsBeforeFrame; segments++)
        {
            if (position >= data.Length)
            {
                error = CutOffMessage;
                return false;
            }

            if (data[position] != 0xFF)
            {
                // Decoders differ on skipping stray bytes; a header we cannot walk exactly is one
                // whose size we cannot vouch for.
                error = Damaged("its parts are not laid out as a JPEG's should be");
                return false;
            }

            // Any number of 0xFF fill bytes may precede a marker.
            while (position < data.Length && data[position] == 0xFF)
            {
                position++;
            }

            if (position >= data.Length)
            {
                error = CutOffMessage;
                return false;
            }

            var marker = data[position];
            position++;

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // SOI, TEM and RSTn stand alone: no length follows
            }

            if (marker == 0x00)
            {
                error = Damaged("its parts are not laid out as a JPEG's should be");
                return false;
            }

            if (marker == 0xD9)
            {
                error = Damaged("it ends without a picture in it");
                return false;
            }

            if (marker == 0xDA)
            {
                error = Damaged("its picture data starts before its size is stated");
                return false;
            }

            if (position + 2 > data.Length)
            {
                error = CutOffMessage;
                return false;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2)
            {
                error = Damaged("its parts are not laid out as a JPEG's should be");
                return false;
            }

            if (IsStartOfFrame(marker))
            {
                // length (2), sample precision (1), height (2), width (2), ...
                if (length < 8)
                {
                    error = Damaged("its size is not stated properly");
                    return false;
                }

                if (position + 7 > data.Length)
                {
                    error = CutOffMessage;
                    return false;
                }

                height = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 3)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 5)..]);
                error = string.Empty;
                return true;
            }

            position += length; // at most 65535 past an index below 5 MB: no overflow
        }

        error = Damaged("it has too many parts before its size is stated");
        return false;
    }

    // SOF0–SOF15 are C0–CF, except C4 (DHT, Huffman tables), C8 (JPG, reserved) and CC (DAC,
    // arithmetic conditioning), which share the range but are not frame headers.
    private static bool IsStartOfFrame(byte marker) =>
        marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

    // WebP: "RIFF" size "WEBP", then the first chunk: fourCC (4), size (4), payload from byte 20.
    private static bool TryReadWebP(ReadOnlySpan<byte> data, out int width, out int height, out string error)
    {
        width = 0;
        height = 0;
        if (data.Length < 20)
        {
            error = CutOffMessage;
            return false;
        }

        var chunk = data.Slice(12, 4);
        var payload = data[20..];

        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Lossy: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height
            // (the top two bits are a scaling hint, not part of the size).
            if (payload.Length < 10)
            {
                error = CutOffMessage;
                return false;
            }

            if (payload[3] != 0x9D || payload[4] != 0x01 || payload[5] != 0x2A)
            {
                error = Damaged("its picture data does not start as a WebP's should");
                return false;
            }

            width = BinaryPrimitives.ReadUInt16LittleEndian(payload[6..]) & 0x3FFF;
            height = BinaryPrimitives.ReadUInt16LittleEndian(payload[8..]) & 0x3FFF;
            error = string.Empty;
            return true;
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            // Lossless: the signature 0x2F, then 32 bits, little-endian: width - 1 (14 bits),
            // height - 1 (14 bits), alpha hint (1 bit), version (3 bits, always 0).
            if (payload.Length < 5)
            {
                error = CutOffMessage;
                return false;
            }

            var bits = BinaryPrimitives.ReadUInt32LittleEndian(payload[1..]);
            if (payload[0] != 0x2F || bits >> 29 != 0)
            {
                error = Damaged("its picture data does not start as a WebP's should");
                return false;
            }

            width = (int)(bits & 0x3FFF) + 1;
            height = (int)((bits >> 14) & 0x3FFF) + 1;
            error = string.Empty;
            return true;
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            // Extended: flags (1), reserved (3), canvas width - 1 (24 bits), canvas height - 1
            // (24 bits), little-endian. At most 2^24 each, so the sums fit in an int.
            if (payload.Length < 10)
            {
                error = CutOffMessage;
                return false;
            }

            width = ReadUInt24LittleEndian(payload[4..]) + 1;
            height = ReadUInt24LittleEndian(payload[7..]) + 1;
            error = string.Empty;
            return true;
        }

        error = Damaged("it does not start with a picture");
        return false;
    }

    // HEIC: ISO BMFF boxes; the size is a property of the primary item, inside the meta box.
    private static bool TryReadHeic(ReadOnlySpan<byte> data, out int width, out int height, out string error)
    {
        switch (HeifHeader.TryRead(data, MaxPixels, out width, out height, out var damage))
        {
            case HeifRefusal.None:
                error = string.Empty;
                return true;
            case HeifRefusal.CutOff:
                error = CutOffMessage;
                return false;
            case HeifRefusal.NotHevc:
                error = NotHevcMessage;
                return false;
            default:
                error = Damaged(damage);
                return false;
        }
    }

    private static int ReadUInt24LittleEndian(ReadOnlySpan<byte> bytes) =>
        bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);

    private static string UnsupportedMessage(ReadOnlySpan<byte> data)
    {
        var lookalike = RecogniseOtherFormat(data);
        return lookalike is null
            ? UnreadableMessage
            : string.Format(CultureInfo.InvariantCulture, OtherFormatMessage, lookalike);
    }

    /// <summary>Names what an unsupported upload most likely is, so the visitor knows what to change.</summary>
    private static string? RecogniseOtherFormat(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return "a GIF";
        }

        // "BM" alone is too common a start for text, so also ask for a known DIB header size.
        if (data.Length >= 18 && data.StartsWith("BM"u8) &&
            BinaryPrimitives.ReadUInt32LittleEndian(data[14..]) is 12 or 16 or 40 or 52 or 56 or 64 or 108 or 124)
        {
            return "a BMP image";
        }

        switch (HeifHeader.Classify(data))
        {
            case IsoMediaKind.Avif:
                return "an AVIF image";
            case IsoMediaKind.Video:
                return "a video";
        }

        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
        {
            return "a TIFF image";
        }

        // ICO: reserved 0, type 1, then a non-zero image count. Favicons often travel as ".png".
        if (data.Length >= 6 && data.StartsWith(IconSignature) && (data[4] | data[5]) != 0)
        {
            return "an icon (ICO) file";
        }

        if (data.StartsWith("%PDF"u8))
        {
            return "a PDF";
        }

        if (LooksLikeText(data))
        {
            return "a text file";
        }

        return null;
    }

    /// <summary>
    /// Text: the first bytes are valid UTF-8 (ASCII included) with no control characters other
    /// than tab, line breaks and form feed. A sequence cut by the end of the sample still counts.
    /// </summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> data)
    {
        var sample = data.Length > TextSampleLength ? data[..TextSampleLength] : data;
        while (!sample.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(sample, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.NeedMoreData && sample.Length < data.Length)
            {
                return true;
            }

            if (status != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            if (Rune.IsControl(rune) && rune.Value is not ('\t' or '\n' or '\r' or '\f'))
            {
                return false;
            }

            sample = sample[consumed..];
        }

        return true;
    }

    private static string Damaged(string what) =>
        string.Format(CultureInfo.InvariantCulture, DamagedMessage, what);

    private static string TooManyBytesMessage(int length)
    {
        // Rounded up, so a file just over the limit never reads as "5.0 MB; the limit is 5 MB".
        var megabytes = Math.Ceiling(length * 10.0 / (1024 * 1024)) / 10;
        return string.Format(
            CultureInfo.InvariantCulture,
            "That file is {0:0.0} MB; the limit is {1} MB.",
            megabytes,
            MaxBytes / (1024 * 1024));
    }

    // Rounded up to one decimal for the same reason: 25,000,001 pixels is "25.1", not "25".
    private static string MegapixelsText(long pixels) =>
        (Math.Ceiling(pixels / 100_000.0) / 10).ToString("0.#", CultureInfo.InvariantCulture);
}
