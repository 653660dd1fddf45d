using System.Buffers.Binary;
using System.Text;
using SkiaSharp;
using Vybe.Web.Ocr;

namespace Vybe.Web.Tests.Ocr;

public sealed class ImageHeaderTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // Real images, encoded by SkiaSharp, so the reader is checked against what encoders write.

    [Theory]
    [InlineData(1, 1)]
    [InlineData(640, 480)]
    [InlineData(37, 1234)]
    public void Real_png_is_read_with_its_format_and_size(int width, int height)
    {
        var png = Encode(width, height, SKEncodedImageFormat.Png);

        AssertReads(png, ImageFormat.Png, width, height);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(800, 600)]
    [InlineData(321, 47)]
    public void Real_baseline_jpeg_is_read_with_its_format_and_size(int width, int height)
    {
        var jpeg = Encode(width, height, SKEncodedImageFormat.Jpeg);
        Assert.True(FindMarker(jpeg, 0xC0) > 0, "SkiaSharp is expected to write a baseline (SOF0) JPEG.");

        AssertReads(jpeg, ImageFormat.Jpeg, width, height);
    }

    [Fact]
    public void Progressive_jpeg_frame_header_is_read()
    {
        // SkiaSharp cannot encode a progressive JPEG. Its frame header (SOF2) has the same layout as
        // a baseline one; only the scans after it differ, and the reader stops before them. So a
        // real baseline file relabelled SOF2 is a faithful progressive header.
        var jpeg = Encode(500, 375, SKEncodedImageFormat.Jpeg);
        jpeg[FindMarker(jpeg, 0xC0) + 1] = 0xC2;

        AssertReads(jpeg, ImageFormat.Jpeg, 500, 375);
    }

    [Fact]
    public void Jpeg_with_exif_segment_before_its_frame_header_is_read()
    {
        var jpeg = Encode(1024, 768, SKEncodedImageFormat.Jpeg);
        // An APP1 "Exif" segment as a phone writes it, holding a TIFF header and padding. Its
        // content includes FF D8 and FF C0 bytes, which a reader that scans instead of walking
        // the segments would mistake for markers.
        byte[] exifPayload = [.. "Exif\0\0"u8, .. "MM\0*\0\0\0\b"u8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x01, 0x00, 0x01, 0xFF, 0xD8, .. new byte[4000]];
        var app1 = new byte[4 + exifPayload.Length];
        app1[0] = 0xFF;
        app1[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(app1.AsSpan(2), (ushort)(2 + exifPayload.Length));
        exifPayload.CopyTo(app1, 4);
        byte[] withExif = [.. jpeg.AsSpan(0, 2), .. app1, .. jpeg.AsSpan(2)];

        AssertReads(withExif, ImageFormat.Jpeg, 1024, 768);
    }

    [Fact]
    public void Jpeg_with_fill_bytes_and_restart_markers_before_its_frame_header_is_read()
    {
        var jpeg = Encode(64, 48, SKEncodedImageFormat.Jpeg);
        // Fill bytes (extra FFs) and standalone markers (RST0, TEM) carry no length to read.
        byte[] padded = [0xFF, 0xD8, 0xFF, 0xFF, 0xFF, 0xD0, 0xFF, 0x01, .. jpeg.AsSpan(2)];

        AssertReads(padded, ImageFormat.Jpeg, 64, 48);
    }

    [Fact]
    public void Jpeg_tables_in_the_frame_marker_range_are_not_taken_for_the_frame_header()
    {
        var jpeg = Encode(200, 100, SKEncodedImageFormat.Jpeg);
        // DHT (C4), JPG (C8) and DAC (CC) sit among the SOFn codes; read as frames, their bytes
        // would give a size of 0x0101 × 0x0101.
        byte[] tables = [.. Table(0xC4), .. Table(0xC8), .. Table(0xCC)];
        byte[] withTables = [.. jpeg.AsSpan(0, 2), .. tables, .. jpeg.AsSpan(2)];

        AssertReads(withTables, ImageFormat.Jpeg, 200, 100);

        static byte[] Table(byte marker) => [0xFF, marker, 0x00, 0x0A, 0x08, 0x01, 0x01, 0x01, 0x01, 0x03, 0x00, 0x00];
    }

    [Fact]
    public void Real_lossy_webp_is_read_with_its_format_and_size()
    {
        var webp = EncodeWebP(300, 200, SKWebpEncoderCompression.Lossy, opaque: true);
        Assert.Equal("VP8 ", Encoding.ASCII.GetString(webp, 12, 4));

        AssertReads(webp, ImageFormat.WebP, 300, 200);
    }

    [Fact]
    public void Real_lossless_webp_is_read_with_its_format_and_size()
    {
        var webp = EncodeWebP(333, 77, SKWebpEncoderCompression.Lossless, opaque: true);
        Assert.Equal("VP8L", Encoding.ASCII.GetString(webp, 12, 4));

        AssertReads(webp, ImageFormat.WebP, 333, 77);
    }

    [Fact]
    public void Real_extended_webp_with_transparency_is_read_with_its_canvas_size()
    {
        var webp = EncodeWebP(250, 130, SKWebpEncoderCompression.Lossy, opaque: false);
        Assert.Equal("VP8X", Encoding.ASCII.GetString(webp, 12, 4));

        AssertReads(webp, ImageFormat.WebP, 250, 130);
    }

    [Fact]
    public void Image_of_exactly_the_byte_limit_is_accepted()
    {
        var upload = new byte[ImageUploadRules.MaxBytes];
        PngHeader(100, 100).CopyTo(upload, 0);

        AssertReads(upload, ImageFormat.Png, 100, 100);
    }

    [Fact]
    public void Image_of_exactly_the_pixel_limit_is_accepted()
    {
        AssertReads(PngHeader(5000, 5000), ImageFormat.Png, 5000, 5000);
    }

    // Refusals, each with a message the visitor can act on.

    [Fact]
    public void Empty_upload_is_refused_as_empty()
    {
        AssertRefused([], "That file is empty.");
    }

    [Fact]
    public void Text_file_named_png_is_refused_as_text()
    {
        // The reader never sees the name "numbers.png": only the bytes decide.
        AssertRefused(
            "hello"u8.ToArray(),
            "That file is not a PNG, JPEG, WebP or HEIC image (it looks like a text file). Take a screenshot or save it as PNG or JPEG.");
    }

    [Fact]
    public void Unrecognisable_bytes_are_refused_as_unreadable()
    {
        AssertRefused([0x00, 0x01, 0x02, 0x03, 0xFE, 0x7F, 0x10, 0x00], ImageUploadRules.UnreadableMessage);
    }

    [Fact]
    public void Truncated_png_is_refused_as_cut_off()
    {
        var png = Encode(640, 480, SKEncodedImageFormat.Png);

        AssertRefused(png[..20], ImageUploadRules.CutOffMessage);
    }

    [Fact]
    public void Truncated_jpeg_is_refused_as_cut_off()
    {
        // SOI, then an APP0 (JFIF) segment whose length promises 16 bytes of which 5 arrived.
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I'];

        AssertRefused(jpeg, ImageUploadRules.CutOffMessage);
    }

    [Fact]
    public void Truncated_webp_is_refused_as_cut_off()
    {
        var webp = EncodeWebP(300, 200, SKWebpEncoderCompression.Lossy, opaque: true);

        AssertRefused(webp[..24], ImageUploadRules.CutOffMessage);
    }

    [Fact]
    public void Upload_cut_inside_a_signature_is_refused_as_cut_off()
    {
        AssertRefused(PngSignature[..5], ImageUploadRules.CutOffMessage);
        AssertRefused([0xFF, 0xD8], ImageUploadRules.CutOffMessage);
        AssertRefused("RIFF\0\0\0\0WE"u8.ToArray(), ImageUploadRules.CutOffMessage);
    }

    [Fact]
    public void Png_declaring_20000_by_20000_pixels_is_refused_before_decoding()
    {
        AssertRefused(
            PngHeader(20000, 20000),
            "That photo is too large: 20000 × 20000 pixels (400 megapixels); the limit is 25 megapixels. Resize it and try again.");
    }

    [Fact]
    public void Png_just_over_the_pixel_limit_is_refused_without_rounding_down_to_the_limit()
    {
        AssertRefused(
            PngHeader(5001, 5000),
            "That photo is too large: 5001 × 5000 pixels (25.1 megapixels); the limit is 25 megapixels. Resize it and try again.");
    }

    [Fact]
    public void Jpeg_declaring_30000_by_30000_pixels_is_refused_before_decoding()
    {
        AssertRefused(
            JpegHeader(30000, 30000),
            "That photo is too large: 30000 × 30000 pixels (900 megapixels); the limit is 25 megapixels. Resize it and try again.");
    }

    [Fact]
    public void Webp_declaring_16384_by_16384_pixels_is_refused_before_decoding()
    {
        // 16384² = 268,435,456 pixels, rounded up to a tenth of a megapixel.
        AssertRefused(
            VP8XHeader(16384, 16384),
            "That photo is too large: 16384 × 16384 pixels (268.5 megapixels); the limit is 25 megapixels. Resize it and try again.");
    }

    [Fact]
    public void Png_declaring_a_width_of_zero_is_refused_as_damaged()
    {
        var refused = AssertRefused(PngHeader(0, 100));
        Assert.Contains("0 × 100", refused);
    }

    [Fact]
    public void Png_declaring_a_size_beyond_the_specification_is_refused_as_damaged()
    {
        var png = PngHeader(1, 1);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 0x8000_0000);

        Assert.StartsWith("That image is damaged", AssertRefused(png));
    }

    [Fact]
    public void Png_whose_first_chunk_is_not_its_header_is_refused_as_damaged()
    {
        var png = PngHeader(10, 10);
        "IDAT"u8.CopyTo(png.AsSpan(12));

        Assert.StartsWith("That image is damaged", AssertRefused(png));
    }

    [Fact]
    public void Jpeg_whose_picture_data_starts_before_its_size_is_refused_as_damaged()
    {
        // SOI, SOS: the scan would need a frame header that never came.
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0x34];

        Assert.StartsWith("That image is damaged", AssertRefused(jpeg));
    }

    [Fact]
    public void Jpeg_with_endless_segments_before_its_size_is_refused_after_a_bounded_walk()
    {
        // 2,000 empty comment segments (FF FE 00 02), then a frame header that is never reached.
        var jpeg = new List<byte> { 0xFF, 0xD8 };
        for (var i = 0; i < 2000; i++)
        {
            jpeg.AddRange([0xFF, 0xFE, 0x00, 0x02]);
        }
        jpeg.AddRange(JpegHeader(10, 10).AsSpan(2));

        Assert.StartsWith("That image is damaged", AssertRefused(jpeg.ToArray()));
    }

    [Fact]
    public void Jpeg_with_a_height_of_zero_is_refused_as_damaged()
    {
        // Height 0 means "stated later, after the first scan" (DNL): too late to check it here.
        Assert.StartsWith("That image is damaged", AssertRefused(JpegHeader(640, 0)));
    }

    [Theory]
    [InlineData("GIF89a", "a GIF")]
    [InlineData("GIF87a", "a GIF")]
    [InlineData("%PDF-1.7\n%\u00e2\u00e3", "a PDF")]
    public void Other_formats_are_named_in_the_refusal(string start, string named)
    {
        byte[] upload = [.. Encoding.Latin1.GetBytes(start), 0x00, 0x01, 0x02, 0x80, 0xFF, 0x00];

        AssertRefused(upload, OtherFormat(named));
    }

    [Fact]
    public void Bmp_is_named_in_the_refusal()
    {
        // "BM", file size, reserved, pixel offset, then a 40-byte BITMAPINFOHEADER.
        var bmp = new byte[54];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(2), 54);
        BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(14), 40);

        AssertRefused(bmp, OtherFormat("a BMP image"));
    }

    [Fact]
    public void Text_starting_with_bm_is_not_taken_for_a_bmp()
    {
        AssertRefused("BMW 7777 on every plate I see"u8.ToArray(), OtherFormat("a text file"));
    }

    [Theory]
    [InlineData("heic", "mif1heic")]
    [InlineData("mif1", "mif1heic")]
    [InlineData("heix", "mif1heix")]
    [InlineData("msf1", "msf1hevc")]
    public void Heic_brands_are_read_as_heic(string brand, string compatible)
    {
        // An ISO-BMFF "ftyp" box (size, "ftyp", major brand, minor version, compatible brands) and
        // nothing after it: read as a HEIC, which must describe its picture in a meta box.
        byte[] upload = [0x00, 0x00, 0x00, 0x18, .. "ftyp"u8, .. Encoding.ASCII.GetBytes(brand), 0x00, 0x00, 0x00, 0x00, .. Encoding.ASCII.GetBytes(compatible)];

        AssertRefused(upload, "That image is damaged: it does not describe its picture. Save it again or take a screenshot, and upload that.");
    }

    [Theory]
    [InlineData("avif", "mif1avif", "an AVIF image")]
    [InlineData("mif1", "avifmiaf", "an AVIF image")]
    [InlineData("isom", "iso2mp41", "a video")]
    [InlineData("qt  ", "qt  qt  ", "a video")]
    public void Other_iso_media_is_named_in_the_refusal(string brand, string compatible, string named)
    {
        byte[] upload = [0x00, 0x00, 0x00, 0x18, .. "ftyp"u8, .. Encoding.ASCII.GetBytes(brand), 0x00, 0x00, 0x00, 0x00, .. Encoding.ASCII.GetBytes(compatible)];

        AssertRefused(upload, OtherFormat(named));
    }

    [Fact]
    public void Upload_cut_inside_a_heic_ftyp_box_is_refused_as_cut_off()
    {
        AssertRefused([0x00, 0x00, 0x00, 0x18, .. "ftyp"u8, .. "hei"u8], ImageUploadRules.CutOffMessage);
        AssertRefused([0x00, 0x00, 0x00, 0x18, .. "ft"u8], ImageUploadRules.CutOffMessage);
    }

    [Theory]
    [InlineData(new byte[] { 0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08 })]
    public void Tiff_is_named_in_the_refusal(byte[] tiff)
    {
        AssertRefused(tiff, OtherFormat("a TIFF image"));
    }

    [Fact]
    public void Icon_is_named_in_the_refusal()
    {
        // Reserved 0, type 1 (icon), one image of 16 × 16.
        byte[] ico = [0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x10, 0x10, 0x00, 0x00, 0x01, 0x00, 0x20, 0x00];

        AssertRefused(ico, OtherFormat("an icon (ICO) file"));
    }

    [Fact]
    public void Upload_of_the_limit_plus_one_byte_is_refused_by_its_size()
    {
        var upload = new byte[ImageUploadRules.MaxBytes + 1];
        PngHeader(100, 100).CopyTo(upload, 0);

        AssertRefused(upload, "That file is 5.1 MB; the limit is 5 MB.");
    }

    [Fact]
    public void Upload_of_six_megabytes_is_refused_by_its_size()
    {
        var upload = new byte[6 * 1024 * 1024];
        PngHeader(100, 100).CopyTo(upload, 0);

        AssertRefused(upload, "That file is 6.0 MB; the limit is 5 MB.");
    }

    [Fact]
    public void Reading_a_header_allocates_nothing_in_proportion_to_the_upload()
    {
        // The largest accepted upload, shaped to make the reader work hardest: a JPEG that is
        // almost all fill bytes, and a text file the sniffer has to look at.
        var jpeg = new byte[ImageUploadRules.MaxBytes];
        jpeg.AsSpan().Fill(0xFF);
        jpeg[1] = 0xD8;
        var text = new byte[ImageUploadRules.MaxBytes];
        text.AsSpan().Fill((byte)'7');
        ImageUploadRules.TryRead(jpeg, out _, out _);
        ImageUploadRules.TryRead(text, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        ImageUploadRules.TryRead(jpeg, out _, out _);
        ImageUploadRules.TryRead(text, out _, out _);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 4096, $"Reading two 5 MB uploads allocated {allocated} bytes.");
    }

    // Never throws, whatever arrives.

    [Fact]
    public void Random_bytes_never_throw_and_always_answer()
    {
        var random = new Random(20261126);
        // Most arrays start with a real signature, so the walk inside each format is exercised,
        // not only the signature check.
        byte[][] starts =
        [
            [],
            PngSignature,
            [.. PngSignature, 0x00, 0x00, 0x00, 0x0D, .. "IHDR"u8],
            [0xFF, 0xD8, 0xFF],
            [.. "RIFF"u8, 0x00, 0x00, 0x00, 0x00, .. "WEBP"u8],
            [.. "RIFF"u8, 0x00, 0x00, 0x00, 0x00, .. "WEBPVP8 "u8],
            [.. "RIFF"u8, 0x00, 0x00, 0x00, 0x00, .. "WEBPVP8L"u8],
            [.. "RIFF"u8, 0x00, 0x00, 0x00, 0x00, .. "WEBPVP8X"u8],
        ];

        for (var i = 0; i < 5000; i++)
        {
            var start = starts[random.Next(starts.Length)];
            var upload = new byte[start.Length + random.Next(0, 80)];
            random.NextBytes(upload);
            start.CopyTo(upload, 0);

            AssertAnswers(upload);
        }
    }

    [Fact]
    public void Every_prefix_of_a_real_jpeg_png_and_webp_is_either_read_correctly_or_refused()
    {
        byte[][] images =
        [
            Encode(123, 45, SKEncodedImageFormat.Jpeg),
            Encode(123, 45, SKEncodedImageFormat.Png),
            EncodeWebP(123, 45, SKWebpEncoderCompression.Lossy, opaque: true),
            EncodeWebP(123, 45, SKWebpEncoderCompression.Lossless, opaque: true),
            EncodeWebP(123, 45, SKWebpEncoderCompression.Lossy, opaque: false),
        ];

        foreach (var image in images)
        {
            for (var length = 0; length <= image.Length; length++)
            {
                var ok = AssertAnswers(image.AsSpan(0, length), out var header);
                if (ok)
                {
                    Assert.Equal((123, 45), (header.Width, header.Height));
                }
            }

            Assert.True(ImageUploadRules.TryRead(image, out _, out _));
        }
    }

    // Each way a header can be damaged has its own reason, so the person knows the file itself is
    // broken and roughly how; the structural ones are built by hand from the specifications.
    public static TheoryData<string, byte[], string> DamagedHeaders
    {
        get
        {
            var ihdrNotFirst = PngHeader(10, 10);
            "IDAT"u8.CopyTo(ihdrNotFirst.AsSpan(12));
            var ihdrWrongLength = PngHeader(10, 10);
            BinaryPrimitives.WriteUInt32BigEndian(ihdrWrongLength.AsSpan(8), 14);
            var tooWide = PngHeader(1, 1);
            BinaryPrimitives.WriteUInt32BigEndian(tooWide.AsSpan(16), 0x8000_0000);
            var tooTall = PngHeader(1, 1);
            BinaryPrimitives.WriteUInt32BigEndian(tooTall.AsSpan(20), 0xFFFF_FFFF);
            var manySegments = new List<byte> { 0xFF, 0xD8 };
            for (var i = 0; i < 2000; i++)
            {
                manySegments.AddRange([0xFF, 0xFE, 0x00, 0x02]);
            }
            var lossyBadStart = WebP("VP8 ", [0x30, 0x01, 0x00, 0x9D, 0x01, 0x2B, 0x0A, 0x00, 0x0A, 0x00]);
            var lossyBadMiddle = WebP("VP8 ", [0x30, 0x01, 0x00, 0x9D, 0x02, 0x2A, 0x0A, 0x00, 0x0A, 0x00]);
            var losslessBadSignature = WebP("VP8L", [0x2E, 0x09, 0x00, 0x00, 0x00]);
            var losslessBadVersion = WebP("VP8L", [0x2F, 0x09, 0x00, 0x00, 0x20]);
            return new()
            {
                { "PNG whose first chunk is not IHDR", ihdrNotFirst, "its header is not where a PNG's header must be" },
                { "PNG whose IHDR is not 13 bytes", ihdrWrongLength, "its header is not where a PNG's header must be" },
                { "PNG 2^31 wide", tooWide, "the size in its header is impossible" },
                { "PNG 2^32 - 1 tall", tooTall, "the size in its header is impossible" },
                { "JPEG with a stray byte between segments", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0x12, 0xFF, 0xC0], "its parts are not laid out as a JPEG's should be" },
                { "JPEG with marker 00", [0xFF, 0xD8, 0xFF, 0x00, 0x00, 0x08], "its parts are not laid out as a JPEG's should be" },
                { "JPEG segment length 1", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0x00, 0x00], "its parts are not laid out as a JPEG's should be" },
                { "JPEG that ends before a frame", [0xFF, 0xD8, 0xFF, 0xD9], "it ends without a picture in it" },
                { "JPEG scan before its frame", [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00], "its picture data starts before its size is stated" },
                { "JPEG frame header of 7 bytes", [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x07, 0x08, 0x00, 0x10, 0x00, 0x10, 0x01], "its size is not stated properly" },
                { "JPEG with 2,000 segments before its frame", [.. manySegments, .. JpegHeader(10, 10).AsSpan(2)], "it has too many parts before its size is stated" },
                { "lossy WebP without its start code", lossyBadStart, "its picture data does not start as a WebP's should" },
                { "lossy WebP with a wrong middle byte of its start code", lossyBadMiddle, "its picture data does not start as a WebP's should" },
                { "lossless WebP without its signature", losslessBadSignature, "its picture data does not start as a WebP's should" },
                { "lossless WebP of a version that does not exist", losslessBadVersion, "its picture data does not start as a WebP's should" },
                { "WebP whose first chunk is metadata", WebP("EXIF", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), "it does not start with a picture" },
            };
        }
    }

    [Theory]
    [MemberData(nameof(DamagedHeaders))]
    public void Damaged_header_is_refused_with_what_is_wrong(string what, byte[] upload, string reason)
    {
        Assert.False(string.IsNullOrEmpty(what));
        AssertRefused(upload, $"That image is damaged: {reason}. Save it again or take a screenshot, and upload that.");
    }

    // Files cut off at each place a reader needs more bytes: inside a segment's length, inside a
    // frame header, before a WebP's first chunk, inside a lossy or lossless WebP's size.
    public static TheoryData<string, byte[]> CutOffHeaders => new()
    {
        { "JPEG cut inside a segment length", [0xFF, 0xD8, 0xFF, 0xE0, 0x00] },
        { "JPEG cut after fill bytes", [0xFF, 0xD8, 0xFF, 0xFF, 0xFF] },
        { "JPEG cut inside its frame header", [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00] },
        { "WebP of 19 bytes", [.. "RIFF"u8, 0x0B, 0x00, 0x00, 0x00, .. "WEBPVP8 "u8, 0x00, 0x00, 0x00] },
        { "lossy WebP cut inside its size", WebP("VP8 ", [0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A, 0x0A, 0x00, 0x0A]) },
        { "lossless WebP cut inside its size", WebP("VP8L", [0x2F, 0x09, 0x00, 0x00]) },
        { "extended WebP cut inside its canvas size", WebP("VP8X", [0x10, 0, 0, 0, 0x0F, 0, 0, 0x0F, 0]) },
    };

    [Theory]
    [MemberData(nameof(CutOffHeaders))]
    public void Header_cut_off_before_its_size_is_refused_as_cut_off(string what, byte[] upload)
    {
        Assert.False(string.IsNullOrEmpty(what));
        AssertRefused(upload, ImageUploadRules.CutOffMessage);
    }

    [Fact]
    public void Sizes_at_the_edges_of_their_fields_are_read()
    {
        // RST7 (D7) stands alone like RST0; SOF15 (CF) is a frame header like SOF0.
        AssertReads([0xFF, 0xD8, 0xFF, 0xD7, 0xFF, 0xD0, 0xFF, 0xCF, 0x00, 0x08, 0x08, 0x00, 0x20, 0x00, 0x30, 0x01], ImageFormat.Jpeg, 48, 32);
        // A canvas wider than 65,536 needs the third byte of the 24-bit width.
        AssertReads(VP8XHeader(70_000, 300), ImageFormat.WebP, 70_000, 300);
        // Lossless: 14 bits of width - 1 (all set: 16,384), then 14 bits of height - 1 (99).
        AssertReads(WebP("VP8L", [0x2F, 0xFF, 0xFF, 0x18, 0x00]), ImageFormat.WebP, 16_384, 100);
        // The largest width a PNG may state is refused for its pixels, not as impossible.
        Assert.StartsWith("That photo is too large: 2147483647 × 1 pixels", AssertRefused(PngHeader(int.MaxValue, 1)));
    }

    [Fact]
    public void Other_formats_at_their_shortest_are_still_named()
    {
        byte[] os2Bmp = [.. "BM"u8, 0x1A, 0, 0, 0, 0, 0, 0, 0, 0x1A, 0, 0, 0, 12, 0, 0, 0];
        AssertRefused(os2Bmp, OtherFormat("a BMP image"));
        byte[] v2Bmp = [.. "BM"u8, 0x1E, 0, 0, 0, 0, 0, 0, 0, 0x1E, 0, 0, 0, 16, 0, 0, 0];
        AssertRefused(v2Bmp, OtherFormat("a BMP image"));
        AssertRefused([0x00, 0x00, 0x01, 0x00, 0x01, 0x00], OtherFormat("an icon (ICO) file"));
        // Two bytes that start no format we read are unreadable, not a cut-off upload.
        AssertRefused([0x00, 0x01], ImageUploadRules.UnreadableMessage);
    }

    [Fact]
    public void Text_is_told_apart_from_binary_by_its_first_bytes()
    {
        // Tab, line breaks and form feed are text; any other control character is not.
        AssertRefused("4444\t11:11\r\n\f"u8.ToArray(), OtherFormat("a text file"));
        foreach (var control in new byte[] { 0x01, 0x0B, 0x1B, 0x7F })
        {
            AssertRefused([.. "4444 "u8, control, .. " 11:11"u8], ImageUploadRules.UnreadableMessage);
        }
        // Only the first 512 bytes are looked at: a sample or a file that ends inside a character, or
        // a control character after the sample, still leaves a text; one lone lead byte is not one.
        AssertRefused(Encoding.UTF8.GetBytes(new string('a', 511) + "éé"), OtherFormat("a text file"));
        AssertRefused(Encoding.UTF8.GetBytes(new string('a', 600) + "\u0001"), OtherFormat("a text file"));
        AssertRefused([.. "1111 "u8, 0xC3], OtherFormat("a text file"));
        AssertRefused([0xE2, 0x82], ImageUploadRules.UnreadableMessage);
        AssertRefused([.. "1111 "u8, 0xFF, .. "2222"u8], ImageUploadRules.UnreadableMessage);
    }

    private static void AssertReads(byte[] upload, ImageFormat format, int width, int height)
    {
        var ok = ImageUploadRules.TryRead(upload, out var header, out var error);

        Assert.True(ok, error);
        Assert.Equal(string.Empty, error);
        Assert.Equal(new ImageHeader(format, width, height), header);
        Assert.Equal((long)width * height, header.Pixels);
    }

    internal static string AssertRefused(byte[] upload, string? expectedError = null)
    {
        var ok = ImageUploadRules.TryRead(upload, out var header, out var error);

        Assert.False(ok, $"Expected a refusal, read {header}.");
        Assert.False(string.IsNullOrWhiteSpace(error));
        if (expectedError is not null)
        {
            Assert.Equal(expectedError, error);
        }
        return error;
    }

    private static void AssertAnswers(ReadOnlySpan<byte> upload) => AssertAnswers(upload, out _);

    /// <summary>Either a header within the limits and no error, or no header and an error.</summary>
    private static bool AssertAnswers(ReadOnlySpan<byte> upload, out ImageHeader header)
    {
        var ok = ImageUploadRules.TryRead(upload, out header, out var error);
        if (ok)
        {
            Assert.NotNull(header);
            Assert.Equal(string.Empty, error);
            Assert.InRange(header.Width, 1, int.MaxValue);
            Assert.InRange(header.Height, 1, int.MaxValue);
            Assert.InRange(header.Pixels, 1, ImageUploadRules.MaxPixels);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(error));
        }
        return ok;
    }

    private static string OtherFormat(string named) =>
        $"That file is not a PNG, JPEG, WebP or HEIC image (it looks like {named}). Take a screenshot or save it as PNG or JPEG.";

    private static SKBitmap Picture(int width, int height, bool opaque)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, opaque ? SKAlphaType.Opaque : SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(opaque ? SKColors.White : SKColors.Transparent);
        using var ink = new SKPaint { Color = SKColors.Black };
        canvas.DrawRect(width / 4f, height / 4f, width / 2f, height / 2f, ink);
        return bitmap;
    }

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = Picture(width, height, opaque: true);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    private static byte[] EncodeWebP(int width, int height, SKWebpEncoderCompression compression, bool opaque)
    {
        using var bitmap = Picture(width, height, opaque);
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKWebpEncoderOptions(compression, 90))
            ?? throw new InvalidOperationException("SkiaSharp could not encode a WebP.");
        return data.ToArray();
    }

    /// <summary>The offset of the first FF &lt;marker&gt; pair, walking the segments as a decoder does.</summary>
    private static int FindMarker(byte[] jpeg, byte marker)
    {
        var position = 2;
        while (position + 4 <= jpeg.Length && jpeg[position] == 0xFF)
        {
            if (jpeg[position + 1] == marker)
            {
                return position;
            }
            position += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(position + 2));
        }
        return -1;
    }

    /// <summary>
    /// The signature and IHDR chunk of a PNG declaring the given size, and nothing else. The CRC is
    /// left as zeros: the reader does not check CRCs (the decoder will), so it does not matter here.
    /// </summary>
    private static byte[] PngHeader(int width, int height)
    {
        var png = new byte[8 + 4 + 4 + 13 + 4];
        PngSignature.CopyTo(png, 0);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(8), 13);
        "IHDR"u8.CopyTo(png.AsSpan(12));
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        png[24] = 8; // bit depth
        png[25] = 2; // colour type: truecolour
        return png;
    }

    /// <summary>SOI, a JFIF APP0 segment, and a baseline frame header (SOF0) declaring the given size.</summary>
    private static byte[] JpegHeader(ushort width, ushort height)
    {
        byte[] jfif = [0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
        byte[] frame = [0xFF, 0xC0, 0x00, 0x11, 0x08, 0, 0, 0, 0, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(5), height);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(7), width);
        return [0xFF, 0xD8, .. jfif, .. frame];
    }

    /// <summary>A RIFF/WEBP file whose first chunk has the given fourCC and payload.</summary>
    private static byte[] WebP(string chunk, byte[] payload)
    {
        var webp = new byte[20 + payload.Length];
        "RIFF"u8.CopyTo(webp);
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(4), (uint)(12 + payload.Length));
        "WEBP"u8.CopyTo(webp.AsSpan(8));
        Encoding.ASCII.GetBytes(chunk).CopyTo(webp, 12);
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(16), (uint)payload.Length);
        payload.CopyTo(webp, 20);
        return webp;
    }

    /// <summary>A RIFF/WEBP file whose first chunk is VP8X, declaring the given canvas size.</summary>
    private static byte[] VP8XHeader(int width, int height)
    {
        var webp = new byte[30];
        "RIFF"u8.CopyTo(webp);
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(4), 22);
        "WEBPVP8X"u8.CopyTo(webp.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(16), 10);
        WriteUInt24LittleEndian(webp.AsSpan(24), width - 1);
        WriteUInt24LittleEndian(webp.AsSpan(27), height - 1);
        return webp;
    }

    private static void WriteUInt24LittleEndian(Span<byte> destination, int value)
    {
        destination[0] = (byte)value;
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)(value >> 16);
    }
}
