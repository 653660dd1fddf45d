using System.Net;
using Microsoft.EntityFrameworkCore;
using Vybe.TestSupport.Photos;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Ocr;

/// <summary>The photo form through HTTP against the real app, real Tesseract and real PostgreSQL.</summary>
public sealed class PhotoUploadTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    private Task<int> CountReadingsAsync() => app.WithDbAsync(db => db.Readings.CountAsync());

    [Fact]
    public async Task A_photo_with_one_time_is_read_at_once_and_saved_as_an_image_reading()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.UploadPhotoAsync(TestPhotos.LockScreen("11:11"), depth: "deep");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("header.site-header"));
        Assert.Equal("11:11", page.Document.QuerySelector("#result .reading-title")?.TextContent.Trim());
        Assert.Contains("Photo · Deep reading", page.Document.QuerySelector("#result .reading-kind")?.TextContent);
        var saved = await app.WithDbAsync(db => db.Readings.AsNoTracking().OrderByDescending(r => r.CreatedAt).FirstAsync());
        Assert.Equal(("image", "11:11", "deep"), (saved.Kind, saved.RawInput, saved.Depth));
    }

    [Fact]
    public async Task With_htmx_the_photo_reading_comes_back_as_a_fragment()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.UploadPhotoAsync(TestPhotos.Plate("AB 1212 CD"), htmx: true);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Document.QuerySelector("header.site-header"));
        Assert.Equal("1212", page.Document.QuerySelector("article.reading .reading-title")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_photo_with_several_numbers_asks_which_one_then_reads_the_chosen_one()
    {
        using var browser = app.CreateBrowser();
        var before = await CountReadingsAsync();

        var choice = await browser.UploadPhotoAsync(TestPhotos.Lines([("Table 12", 30), ("Order 444", 30)]), depth: "lite");

        Assert.Equal(HttpStatusCode.OK, choice.Status);
        var offered = choice.Document.QuerySelectorAll(HomePage.ChoiceOptionsSelector).Select(i => i.GetAttribute("value")).ToList();
        Assert.Contains("444", offered);
        Assert.Contains("12", offered);
        Assert.Equal(before, await CountReadingsAsync());

        var reading = await browser.ChooseCandidateAsync(choice, "444");

        Assert.Equal(HttpStatusCode.OK, reading.Status);
        Assert.Equal("444", reading.Document.QuerySelector("#result .reading-title")?.TextContent.Trim());
        Assert.Contains("Lite", reading.Document.QuerySelector("#result .reading-kind")?.TextContent);
        var saved = await app.WithDbAsync(db => db.Readings.AsNoTracking().OrderByDescending(r => r.CreatedAt).FirstAsync());
        Assert.Equal(("image", "444"), (saved.Kind, saved.RawInput));
    }

    [Fact]
    public async Task The_choice_lists_the_candidates_most_prominent_first_with_the_first_selected()
    {
        using var browser = app.CreateBrowser();
        var choice = await browser.UploadPhotoAsync(TestPhotos.ReceiptWithTotal("444.18"));

        var options = choice.Document.QuerySelectorAll(HomePage.ChoiceOptionsSelector);
        Assert.Equal("444", options[0].GetAttribute("value"));
        Assert.Equal(["444"], options.Where(o => o.HasAttribute("checked")).Select(o => o.GetAttribute("value")));
        Assert.True(options.Length >= 3, "the prices are offered too");
    }

    [Fact]
    public async Task One_candidate_read_without_confidence_is_offered_for_confirmation_then_read()
    {
        using var browser = app.CreateBrowser();
        // Tesseract reads "Ticket 1111" among the prices with a confidence of about 30.
        var choice = await browser.UploadPhotoAsync(TestPhotos.Lines(
            [("CORNER CAFE", 30), ("Flat white   3.40", 24), ("Croissant    2.10", 24), ("Ticket 1111", 28), ("Thank you!", 24)]));

        Assert.Equal(HttpStatusCode.OK, choice.Status);
        Assert.Equal("Is this what you saw?", choice.Document.QuerySelector("#choice-title")?.TextContent.Trim());
        var option = Assert.Single(choice.Document.QuerySelectorAll(HomePage.ChoiceOptionsSelector));
        Assert.Equal("1111", option.GetAttribute("value"));
        Assert.True(option.HasAttribute("checked"));

        var read = await browser.SubmitAsync(choice.Form("section.photo-choice form"), pageUrl: choice.Url);
        Assert.Equal("1111", read.Document.QuerySelector("#result .reading-title")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_choice_sent_without_a_candidate_asks_again_and_saves_nothing()
    {
        using var browser = app.CreateBrowser();
        var choice = await browser.UploadPhotoAsync(TestPhotos.Lines([("Table 12", 30), ("Order 444", 30)]));
        var before = await CountReadingsAsync();

        // A browser always sends the preselected radio; a hand-made request can send none.
        var again = await browser.SubmitAsync(choice.Form("section.photo-choice form"), pageUrl: choice.Url, omit: [HomePage.Fields.Choice]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.Status);
        Assert.Contains("Choose one of the numbers", again.ErrorFor(HomePage.Fields.Choice));
        Assert.Equal(2, again.Document.QuerySelectorAll(HomePage.ChoiceOptionsSelector).Length);
        Assert.Equal(before, await CountReadingsAsync());
    }

    [Fact]
    public async Task A_photo_without_numbers_says_so_and_saves_nothing()
    {
        using var browser = app.CreateBrowser();
        var before = await CountReadingsAsync();

        var page = await browser.UploadPhotoAsync(TestPhotos.Text("Hello there", "DejaVuSans.ttf", 60));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("No time or number could be read", page.ErrorFor(HomePage.Fields.Photo));
        Assert.Equal(before, await CountReadingsAsync());
    }

    // The cases name their upload and the test builds it: theory data is serialized for test
    // discovery, and a 6 MB byte array there cost every run of this project a minute and gigabytes.
    public static TheoryData<string, int, string> BadUploads() => new()
    {
        { "a text file named .png", 422, "not a PNG, JPEG, WebP or HEIC" },
        { "a truncated PNG", 422, "cut off" },
        { "zero bytes", 422, "empty" },
        { "6 MB", 413, "too large" },
        { "a small PNG declaring 20000×20000", 422, "megapixels" },
        { "a GIF", 422, "GIF" },
        { "a HEIC whose meta box runs past its end", 422, "cut off" },
        { "a HEIC declaring 30000×30000", 422, "megapixels" },
        { "no file at all", 422, "Choose a photo" },
    };

    private static (byte[]? Upload, string FileName) BadUpload(string what)
    {
        var png = TestPhotos.Text("444", "DejaVuSans.ttf", 40);
        switch (what)
        {
            case "a text file named .png":
                return ("hello, I am not a picture\n"u8.ToArray(), "photo.png");
            case "a truncated PNG":
                return (png[..20], "photo.png");
            case "zero bytes":
                return ([], "photo.png");
            case "6 MB":
                var sixMegabytes = new byte[6 * 1024 * 1024];
                png.CopyTo(sixMegabytes, 0);
                return (sixMegabytes, "photo.png");
            case "a small PNG declaring 20000×20000":
                // The IHDR chunk's width and height (big-endian, bytes 16–23) say 20000 × 20000.
                BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(20000)).CopyTo(png, 16);
                BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(20000)).CopyTo(png, 20);
                return (png, "photo.png");
            case "a GIF":
                return ("GIF89a\u0001\0\u0001\0\0\0\0;"u8.ToArray(), "photo.gif");
            case "a HEIC whose meta box runs past its end":
                return (HeicBoxes.Heic(HeicBoxes.Ispe(640, 480))[..^10], "IMG_0001.HEIC");
            case "a HEIC declaring 30000×30000":
                return (HeicBoxes.Heic(HeicBoxes.Ispe(30000, 30000)), "IMG_0001.HEIC");
            case "no file at all":
                return (null, "");
            default:
                throw new ArgumentOutOfRangeException(nameof(what), what, "no such bad upload");
        }
    }

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Bad_uploads_get_a_clear_4xx_and_save_nothing(string what, int status, string message)
    {
        var (upload, fileName) = BadUpload(what);
        using var browser = app.CreateBrowser();
        var before = await CountReadingsAsync();

        var page = await browser.UploadPhotoAsync(upload, fileName);
        var htmx = await browser.UploadPhotoAsync(upload, fileName, htmx: true);

        Assert.True((int)page.Status == status, $"{what}: {page.Status}");
        Assert.Contains(message, page.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(status, (int)htmx.Status);
        Assert.Contains(message, htmx.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Null(htmx.Document.QuerySelector("header.site-header"));
        Assert.Equal(before, await CountReadingsAsync());
    }

    [Fact]
    public async Task Bad_uploads_do_not_make_the_servers_memory_jump()
    {
        using var browser = app.CreateBrowser();
        var declaresHuge = TestPhotos.Text("1", "DejaVuSans.ttf", 20);
        BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(20000)).CopyTo(declaresHuge, 16);
        BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(20000)).CopyTo(declaresHuge, 20);
        await browser.UploadPhotoAsync(declaresHuge);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await browser.UploadPhotoAsync(declaresHuge)).Status);
        }

        // A decoded 20000×20000 image would be 400 MB in gray, 1.6 GB in colour; refusing from the header keeps it near zero.
        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.True(grown < 64 * 1024 * 1024, $"managed memory grew by {grown / (1024 * 1024)} MB");
    }

    [Fact]
    public async Task Eight_uploads_at_once_are_all_read_correctly()
    {
        var photos = new[]
        {
            ("11:11", TestPhotos.LockScreen("11:11")), ("444", TestPhotos.Text("444", "DejaVuSans-Bold.ttf", 100)),
            ("1212", TestPhotos.Plate("AB 1212 CD")), ("4:44", TestPhotos.LockScreen("4:44")),
            ("21:12", TestPhotos.Text("21:12", "DejaVuSans.ttf", 90)), ("1234", TestPhotos.Text("1234", "DejaVuSerif.ttf", 90)),
            ("555", TestPhotos.Text("555", "DejaVuSans.ttf", 90)), ("10:01", TestPhotos.Text("10:01", "DejaVuSansMono.ttf", 90)),
        };

        var results = await Task.WhenAll(photos.Select(async photo =>
        {
            using var browser = app.CreateBrowser();
            var page = await browser.UploadPhotoAsync(photo.Item2, htmx: true);
            // A reading's title is the normalised input (04:44); a choice offers what the photo showed (4:44).
            var title = page.Document.QuerySelector(".reading-title")?.TextContent.Trim();
            title = title is ['0', _, ':', ..] && photo.Item1.Length == 4 ? title[1..] : title;
            var offered = page.Document.QuerySelectorAll($"input[name='{HomePage.Fields.Choice}']").Select(i => i.GetAttribute("value")).ToList();
            return (Expected: photo.Item1, page.Status, Found: title is null ? offered : [title]);
        }));

        // Each upload gets its own photo's number: read at once, or offered among the choices.
        Assert.All(results, result =>
        {
            Assert.Equal(HttpStatusCode.OK, result.Status);
            Assert.Contains(result.Expected, result.Found);
        });
    }
}

/// <summary>A machine without libtesseract: the photo form says what to install; every other reading works.</summary>
public sealed class PhotoWithoutTesseractTests(PhotoWithoutTesseractTests.NoTesseractApp app) : IClassFixture<PhotoWithoutTesseractTests.NoTesseractApp>
{
    public sealed class NoTesseractApp : VybeAppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Vybe:Ocr:LibraryName"] = "libtesseract-not-installed.so.5",
        };
    }

    [Fact]
    public async Task The_photo_form_says_what_to_install_and_other_readings_still_work()
    {
        using var browser = app.CreateBrowser();

        var form = await browser.GetAsync(HomePage.Url(HomePage.Photo));
        var upload = await browser.UploadPhotoAsync(TestPhotos.Text("444", "DejaVuSans.ttf", 60));
        var time = await browser.ReadTimeAsync("11:11");

        Assert.Contains("apt install libtesseract5 tesseract-ocr-eng", form.Document.QuerySelector(HomePage.FormSelector(HomePage.Photo))?.TextContent);
        Assert.NotNull(form.Document.QuerySelector(HomePage.FormSelector(HomePage.Photo) + " input[type='file'][disabled]"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, upload.Status);
        Assert.Contains("libtesseract5", upload.ErrorFor(HomePage.Fields.Photo));
        Assert.Equal(HttpStatusCode.OK, time.Status);
        Assert.Equal("11:11", time.Document.QuerySelector(".reading-title")?.TextContent.Trim());
        Assert.Equal(0, await app.WithDbAsync(db => db.Readings.CountAsync(r => r.Kind == "image")));
    }
}
