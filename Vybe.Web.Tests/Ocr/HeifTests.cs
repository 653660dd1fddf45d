using System.Buffers.Binary;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkiaSharp;
using Vybe.TestSupport.Photos;
using Vybe.Web.Ocr;
using Vybe.Web.Ocr.Heif;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;
using static Vybe.Web.Tests.Ocr.HeicBoxes;

namespace Vybe.Web.Tests.Ocr;

/// <summary>The HEIC photos of a test class, encoded once by heif-enc from pictures drawn here, with libheif loaded.</summary>
public sealed class HeicPhotos : IDisposable
{
    private readonly HeicEncoder encoder = new();

    public HeicPhotos()
    {
        Support = new HeifSupport(Options.Create(new OcrOptions()));
        // Loads libheif for the process: PhotoDecoder decodes HEIC through the library the app found.
        if (!Support.IsAvailable)
        {
            throw new InvalidOperationException($"{Support.Problem} Install libheif1 and libheif-examples.");
        }
        ClockPng = TestPhotos.Text("11:11", "DejaVuSans.ttf", 96);
        Clock = encoder.Encode(ClockPng);
        // heif-enc codes a picture this small as a grid of one 64 × 64 tile, cropped: the tiled layout phones use.
        Tiny = encoder.Encode(TestPhotos.Text("7", "DejaVuSans.ttf", 12, width: 64, height: 32));
        // Stored sideways (turned a quarter clockwise), with irot saying to turn it back: as a phone held upright saves it.
        Sideways = HeicBoxes.WithRotation(encoder.Encode(QuarterTurnClockwise(ClockPng)), quarterTurnsAnticlockwise: 1);
    }

    /// <summary>The 11:11 clock stored sideways, its irot turning it upright.</summary>
    public byte[] Sideways { get; }

    public HeifSupport Support { get; }

    public byte[] ClockPng { get; }

    public byte[] Clock { get; }

    public byte[] Tiny { get; }

    public byte[] Encode(byte[] png) => encoder.Encode(png);

    private static byte[] QuarterTurnClockwise(byte[] png)
    {
        using var upright = SKBitmap.Decode(png);
        using var turned = new SKBitmap(upright.Height, upright.Width);
        using (var canvas = new SKCanvas(turned))
        {
            canvas.Translate(upright.Height, 0);
            canvas.RotateDegrees(90);
            canvas.DrawBitmap(upright, 0, 0, SKSamplingOptions.Default);
        }
        using var data = turned.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public void Dispose() => encoder.Dispose();
}

/// <summary>HEIC headers and decoding, against real libheif (Debian's libheif1) and files from its own encoder.</summary>
public sealed class HeifTests(HeicPhotos photos) : IClassFixture<HeicPhotos>
{
    [Fact]
    public void Libheif_is_installed_here()
    {
        Assert.True(photos.Support.IsAvailable, photos.Support.Problem);
        Assert.StartsWith("1.", photos.Support.Version);
    }

    [Fact]
    public void Heic_from_heif_enc_is_read_with_its_format_and_size()
    {
        Assert.True(ImageUploadRules.TryRead(photos.ClockPng, out var png, out _));

        AssertReads(photos.Clock, png.Width, png.Height);
    }

    [Fact]
    public void Tiled_heic_is_read_with_the_size_of_its_grid_not_of_its_tile()
    {
        // The tile is 64 × 64; the photo, its grid cropped, 64 × 32.
        Assert.Equal((64u, 64u), IspeAt(photos.Tiny, 0));
        Assert.Equal((64u, 32u), IspeAt(photos.Tiny, 1));

        AssertReads(photos.Tiny, 64, 32);
    }

    [Fact]
    public void Heic_declaring_30000_by_30000_pixels_is_refused_before_decoding()
    {
        AssertRefused(
            Heic(Ispe(30000, 30000)),
            "That photo is too large: 30000 × 30000 pixels (900 megapixels); the limit is 25 megapixels. Resize it and try again.");
    }

    [Fact]
    public void Heic_whose_grid_is_larger_than_its_stated_size_is_refused_before_decoding()
    {
        // libheif 1.15 allocates the grid's own size: this 636-byte file took 1.1 GB to decode.
        var lying = (byte[])photos.Tiny.Clone();
        var grid = Find(lying, "meta/idat");
        BinaryPrimitives.WriteUInt16BigEndian(lying.AsSpan(grid + 4), 20000);
        BinaryPrimitives.WriteUInt16BigEndian(lying.AsSpan(grid + 6), 20000);

        Assert.Equal(
            "That image is damaged: its tiles make a 20000 × 20000 picture, not the 64 × 32 it states. Save it again or take a screenshot, and upload that.",
            AssertRefused(lying));
    }

    [Fact]
    public void Heic_whose_coded_picture_is_larger_than_its_stated_size_is_refused_before_decoding()
    {
        // libheif 1.15 decodes to the size of the HEVC parameter set, whatever ispe says.
        var refused = AssertRefused(Heic(HvcC(20000, 20000), Ispe(640, 480)));

        Assert.Equal(
            "That image is damaged: a picture inside it is coded at 20000 × 20000 pixels, more than the 640 × 480 it states. Save it again or take a screenshot, and upload that.",
            refused);
    }

    [Fact]
    public void Heic_whose_coded_picture_is_within_the_limit_is_read()
    {
        // The same parameter set as above, at a size a phone takes: proves it is read, not refused for being there.
        AssertReads(Heic(HvcC(4032, 3024), Ispe(4032, 3024)), 4032, 3024);
    }

    [Fact]
    public void Heic_with_an_avif_brand_is_named_avif()
    {
        AssertRefused(
            [.. Ftyp("mif1", "avifmiaf"), .. Meta(Ispe(10, 10))],
            "That file is not a PNG, JPEG, WebP or HEIC image (it looks like an AVIF image). Take a screenshot or save it as PNG or JPEG.");
    }

    [Fact]
    public void Heif_whose_photo_is_not_hevc_is_refused_by_name()
    {
        var av1 = Heic(Ispe(10, 10));
        "av01"u8.CopyTo(av1.AsSpan(Find(av1, "meta/iinf") + ItemTypeInIinf));

        AssertRefused(av1, ImageUploadRules.NotHevcMessage);
    }

    public static TheoryData<string, string> HostileHeaders() => new()
    {
        { "a meta box running past the end", "cut off" },
        { "a 64-bit box size past the end", "cut off" },
        { "a box size smaller than its header", "damaged" },
        { "a size-0 box holding no meta", "damaged" },
        { "no meta box", "damaged" },
        { "no ispe for the photo", "damaged" },
        { "a property number past the properties", "damaged" },
        { "four billion associations", "damaged" },
        { "an ispe of 0 × 480", "damaged" },
        { "an ispe too large for an int", "damaged" },
        { "a grid whose tiles are located with 65535 empty extents per item", "damaged" },
        { "a parameter set cut short", "damaged" },
        { "an exp-Golomb size of 40 zero bits", "damaged" },
        { "the primary item described twice", "damaged" },
    };

    private static byte[] HostileHeader(string what)
    {
        switch (what)
        {
            case "a meta box running past the end":
                var cut = Heic(Ispe(640, 480));
                return cut[..^10];
            case "a 64-bit box size past the end":
                return [.. Ftyp(), .. U32(1), .. "meta"u8, .. U32(0x7FFF_FFFF), .. U32(0xFFFF_FFF0), .. new byte[32]];
            case "a box size smaller than its header":
                return [.. Ftyp(), .. U32(4), .. "free"u8, .. Meta(Ispe(640, 480))];
            case "a size-0 box holding no meta":
                return [.. Ftyp(), .. U32(0), .. "mdat"u8, .. new byte[64]];
            case "no meta box":
                return [.. Ftyp(), .. Box("free", new byte[16])];
            case "no ispe for the photo":
                return Heic(FullBox("pixi", 0, 0, [1, 8]));
            case "a property number past the properties":
                var past = Heic(Ispe(640, 480));
                past[^1] = 0x80 | 9;
                return past;
            case "four billion associations":
                var many = Heic(Ispe(640, 480));
                var ipma = Find(many, "meta/iprp/ipma");
                BinaryPrimitives.WriteUInt32BigEndian(many.AsSpan(ipma + 4), uint.MaxValue);
                return many;
            case "an ispe of 0 × 480":
                return Heic(Ispe(0, 480));
            case "an ispe too large for an int":
                return Heic(Ispe(0x8000_0000, 1));
            case "a grid whose tiles are located with 65535 empty extents per item":
                // Field sizes of 0 make each extent take no bytes: a walk that counted them would loop 65535 times per item.
                var grid = Heic(Ispe(64, 32));
                "grid"u8.CopyTo(grid.AsSpan(Find(grid, "meta/iinf") + ItemTypeInIinf));
                byte[] items = [.. Enumerable.Range(0, 1000).SelectMany(i => (byte[])[.. U16(i + 2), .. U16(0), .. U16(0xFFFF)])];
                byte[] iloc = FullBox("iloc", 0, 0, [0x00, 0x00], U16(1001), items, U16(1), U16(0), U16(0xFFFF));
                return [.. Ftyp(), .. InsertIntoMeta(grid[Ftyp().Length..], iloc)];
            case "a parameter set cut short":
                // The box ends six bytes into what its parameter set's length promises.
                var hvcC = HvcC(640, 480);
                return Heic(Box("hvcC", hvcC[8..^6]), Ispe(640, 480));
            case "an exp-Golomb size of 40 zero bits":
                return Heic(HvcC(640, 480, widthBeyond32Bits: true), Ispe(640, 480));
            case "the primary item described twice":
                byte[] twice = FullBox("ipma", 0, 0, U32(2), U16(1), [1], [0x81], U16(1), [1], [0x81]);
                return [.. Ftyp(), .. MetaWithIpma(twice, Ispe(640, 480))];
            default:
                throw new ArgumentOutOfRangeException(nameof(what), what, "no such header");
        }
    }

    [Theory]
    [MemberData(nameof(HostileHeaders))]
    public void Hostile_heic_headers_are_refused_with_a_clear_message(string what, string kind)
    {
        var refused = AssertRefused(HostileHeader(what));

        Assert.Contains(kind == "cut off" ? "cut off" : "damaged", refused, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_prefix_of_a_real_heic_is_either_read_correctly_or_refused()
    {
        foreach (var heic in new[] { photos.Clock, photos.Tiny })
        {
            Assert.True(ImageUploadRules.TryRead(heic, out var whole, out _));
            for (var length = 0; length <= heic.Length; length++)
            {
                if (AssertAnswers(heic.AsSpan(0, length), out var header))
                {
                    Assert.Equal(whole, header);
                }
            }
        }
    }

    [Fact]
    public void Real_heic_with_random_bytes_changed_never_throws_and_always_answers()
    {
        var random = new Random(20261202);
        foreach (var heic in new[] { photos.Clock, photos.Tiny })
        {
            // The boxes come first; changing their bytes exercises every walk, not only the signature check.
            var meta = Find(heic, "mdat") - 8;
            for (var i = 0; i < 3000; i++)
            {
                var changed = (byte[])heic.Clone();
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    changed[random.Next(0, meta)] = (byte)random.Next(256);
                }
                AssertAnswers(changed, out _);
            }
        }
    }

    [Fact]
    public void Reading_a_heic_header_allocates_nothing_in_proportion_to_the_upload()
    {
        var padded = new byte[ImageUploadRules.MaxBytes];
        photos.Clock.CopyTo(padded, 0);
        ImageUploadRules.TryRead(padded, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        ImageUploadRules.TryRead(padded, out _, out _);
        ImageUploadRules.TryRead(photos.Tiny, out _, out _);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 4096, $"Reading two HEIC headers allocated {allocated} bytes.");
    }

    [Fact]
    public void Heic_decodes_to_the_drawn_picture_in_gray()
    {
        var drawn = PhotoDecoder.Decode(photos.ClockPng);

        var decoded = PhotoDecoder.Decode(photos.Clock);

        Assert.Equal((drawn.Width, drawn.Height), (decoded.Width, decoded.Height));
        // Lossy at quality 80: close to the drawing, pixel for pixel, not equal to it.
        var difference = drawn.Pixels.Zip(decoded.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(difference < 4, $"mean difference {difference:0.00} of 255");
        Assert.Contains(decoded.Pixels, p => p < 64); // the ink survived
    }

    [Fact]
    public void Heic_stored_sideways_is_decoded_upright_by_its_irot()
    {
        var upright = PhotoDecoder.Decode(photos.ClockPng);
        Assert.True(ImageUploadRules.TryRead(photos.Sideways, out var header, out _));

        var decoded = PhotoDecoder.Decode(photos.Sideways);

        // The header states the size as stored; the decoded picture is turned back.
        Assert.Equal((upright.Height, upright.Width), (header.Width, header.Height));
        Assert.Equal((upright.Width, upright.Height), (decoded.Width, decoded.Height));
        var difference = upright.Pixels.Zip(decoded.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(difference < 4, $"mean difference {difference:0.00} of 255");
    }

    [Fact]
    public void Large_heic_is_decoded_no_larger_than_asked()
    {
        var decoded = PhotoDecoder.Decode(photos.Clock, maxSide: 100);

        Assert.InRange(Math.Max(decoded.Width, decoded.Height), 50, 100);
        Assert.Contains(decoded.Pixels, p => p < 128); // averaged down, the ink is still there
    }

    [Fact]
    public void Heic_whose_picture_data_is_missing_is_refused_when_decoded()
    {
        var noPicture = photos.Clock[..(Find(photos.Clock, "mdat") - 8)];

        var refused = Assert.Throws<InvalidImageException>(() => PhotoDecoder.Decode(noPicture));
        Assert.StartsWith("That HEIC photo could not be decoded", refused.Message);
    }

    /// <summary>Where the first item's type is in an iinf's content: its version and flags (4), entry count (2), the infe's header (8), version and flags (4), id (2) and protection index (2).</summary>
    private const int ItemTypeInIinf = 4 + 2 + 8 + 4 + 2 + 2;

    /// <summary>The index-th ispe of a file: its width and height.</summary>
    private static (uint, uint) IspeAt(byte[] heic, int index)
    {
        var at = Find(heic, "meta/iprp/ipco/ispe");
        for (var i = 0; i < index; i++)
        {
            at += 20; // heif-enc writes its ispe boxes one after the other
        }
        return (BinaryPrimitives.ReadUInt32BigEndian(heic.AsSpan(at + 4)), BinaryPrimitives.ReadUInt32BigEndian(heic.AsSpan(at + 8)));
    }

    private static byte[] InsertIntoMeta(byte[] meta, byte[] box)
    {
        byte[] grown = [.. meta, .. box];
        BinaryPrimitives.WriteUInt32BigEndian(grown, (uint)grown.Length);
        return grown;
    }

    private static void AssertReads(byte[] upload, int width, int height)
    {
        var ok = ImageUploadRules.TryRead(upload, out var header, out var error);

        Assert.True(ok, error);
        Assert.Equal(new ImageHeader(ImageFormat.Heic, width, height), header);
    }

    private static string AssertRefused(byte[] upload, string? expectedError = null) =>
        ImageHeaderTests.AssertRefused(upload, expectedError);

    private static bool AssertAnswers(ReadOnlySpan<byte> upload, out ImageHeader header)
    {
        var ok = ImageUploadRules.TryRead(upload, out header, out var error);
        if (ok)
        {
            Assert.Equal(string.Empty, error);
            Assert.InRange(header.Pixels, 1, ImageUploadRules.MaxPixels);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(error));
        }
        return ok;
    }
}

/// <summary>A HEIC photo through the photo form: real app, real libheif, Tesseract and PostgreSQL.</summary>
public sealed class HeicUploadTests(VybeAppFactory app, HeicPhotos photos) : IClassFixture<VybeAppFactory>, IClassFixture<HeicPhotos>
{
    [Fact]
    public async Task A_heic_photo_of_one_time_is_read_and_saved_as_an_image_reading()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.UploadPhotoAsync(photos.Clock, "IMG_0001.HEIC", "image/heic");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("11:11", page.Document.QuerySelector("#result .reading-title")?.TextContent.Trim());
        var saved = await app.WithDbAsync(db => db.Readings.AsNoTracking().OrderByDescending(r => r.CreatedAt).FirstAsync());
        Assert.Equal(("image", "11:11"), (saved.Kind, saved.RawInput));
    }

    [Fact]
    public async Task A_heic_photo_stored_sideways_is_read_upright()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.UploadPhotoAsync(photos.Sideways, "IMG_0002.HEIC", "image/heic", htmx: true);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("11:11", page.Document.QuerySelector(".reading-title")?.TextContent.Trim());
    }

    [Fact]
    public async Task The_photo_form_offers_heic_and_names_it()
    {
        using var browser = app.CreateBrowser();

        var form = await browser.GetAsync(HomePage.Url(HomePage.Photo));

        var input = form.Document.QuerySelector(HomePage.FormSelector(HomePage.Photo) + " input[type='file']");
        Assert.Equal("image/png,image/jpeg,image/webp,image/heic,image/heif,.heic,.heif", input?.GetAttribute("accept"));
        Assert.StartsWith("PNG, JPEG, WebP or HEIC, at most 5 MB", form.Document.QuerySelector("#photo-hint")?.TextContent);
        Assert.Null(form.Document.QuerySelector("[data-heif-missing]"));
    }

    [Fact]
    public async Task A_heic_declaring_30000_by_30000_pixels_is_refused_with_422_and_saves_nothing()
    {
        using var browser = app.CreateBrowser();
        var before = await app.WithDbAsync(db => db.Readings.CountAsync());

        var page = await browser.UploadPhotoAsync(HeicBoxes.Heic(HeicBoxes.Ispe(30000, 30000)), "photo.heic", "image/heic", htmx: true);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("900 megapixels", page.ErrorFor(HomePage.Fields.Photo));
        Assert.Equal(before, await app.WithDbAsync(db => db.Readings.CountAsync()));
    }
}

/// <summary>A server without libheif: HEIC uploads are told what to install; every other format is still read.</summary>
public sealed class HeicWithoutLibheifTests(HeicWithoutLibheifTests.NoLibheifApp app, HeicPhotos photos)
    : IClassFixture<HeicWithoutLibheifTests.NoLibheifApp>, IClassFixture<HeicPhotos>
{
    public sealed class NoLibheifApp : VybeAppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Vybe:Ocr:HeifLibraryName"] = "libheif-not-installed.so.1",
        };
    }

    [Fact]
    public async Task The_form_says_what_to_install_and_a_heic_upload_is_refused_while_png_is_read()
    {
        using var browser = app.CreateBrowser();
        var before = await app.WithDbAsync(db => db.Readings.CountAsync());

        var form = await browser.GetAsync(HomePage.Url(HomePage.Photo));
        var heic = await browser.UploadPhotoAsync(photos.Clock, "IMG_0001.HEIC", "image/heic");
        var heicWithHtmx = await browser.UploadPhotoAsync(photos.Clock, "IMG_0001.HEIC", "image/heic", htmx: true);
        var countAfterHeic = await app.WithDbAsync(db => db.Readings.CountAsync());
        var png = await browser.UploadPhotoAsync(photos.ClockPng);

        var photoForm = form.Document.QuerySelector(HomePage.FormSelector(HomePage.Photo));
        Assert.Contains("sudo apt install libheif1", photoForm?.QuerySelector("[data-heif-missing]")?.TextContent);
        // Left out of the list, HEIC is what an iPhone converts to JPEG before it uploads.
        Assert.Equal("image/png,image/jpeg,image/webp", photoForm?.QuerySelector("input[type='file']")?.GetAttribute("accept"));
        Assert.Null(photoForm?.QuerySelector("input[type='file'][disabled]"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, heic.Status);
        Assert.Contains("sudo apt install libheif1", heic.ErrorFor(HomePage.Fields.Photo));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, heicWithHtmx.Status);
        Assert.Contains("libheif1", heicWithHtmx.ErrorFor(HomePage.Fields.Photo));
        Assert.Equal(before, countAfterHeic);
        Assert.Equal(HttpStatusCode.OK, png.Status);
        Assert.Equal("11:11", png.Document.QuerySelector("#result .reading-title")?.TextContent.Trim());
    }
}
