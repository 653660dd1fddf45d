using System.Diagnostics;
using System.Globalization;
using Vybe.TestSupport.Photos;
using Vybe.Web.Ocr;
using Xunit.Abstractions;

namespace Vybe.Web.Tests.Ocr;

/// <summary>
/// The reader runs on every uploaded photo, beside Tesseract: on photos of ordinary type and on
/// pictures of no text at all it must answer nothing or the right thing, never a wrong time. The
/// time it takes is printed (for the record, never asserted).
/// </summary>
public sealed class SevenSegmentReaderOnPhotosTests(ITestOutputHelper output)
{
    [Fact]
    public void On_photos_of_ordinary_type_it_answers_nothing_or_the_expected_text()
    {
        var wrong = new List<string>();
        var times = new List<double>();
        foreach (var photo in TestPhotos.All)
        {
            var image = PhotoDecoder.Decode(photo.Draw());
            var watch = Stopwatch.StartNew();
            var read = SevenSegmentReader.Read(image);
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (read is not null && read != photo.Expected)
            {
                wrong.Add($"{photo.Name}: expected {photo.Expected} or nothing, read \"{read}\"");
            }
        }

        PrintTimes("TestPhotos.All", times);
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public void On_the_clock_photos_it_answers_nothing_or_the_expected_time()
    {
        var wrong = new List<string>();
        var read = 0;
        var times = new List<double>();
        foreach (var photo in TestClockPhotos.All)
        {
            var image = PhotoDecoder.Decode(photo.Draw());
            var watch = Stopwatch.StartNew();
            var text = SevenSegmentReader.Read(image);
            times.Add(watch.Elapsed.TotalMilliseconds);
            read += text == photo.Expected ? 1 : 0;
            if (text is not null && text != photo.Expected)
            {
                wrong.Add($"{photo.Name}: expected {photo.Expected}, read \"{text}\"");
            }
        }

        PrintTimes("TestClockPhotos.All", times);
        output.WriteLine($"{read} of {TestClockPhotos.All.Count} read.");
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    public static TheoryData<string> Textures() => [.. TexturePictures.Keys];

    [Theory]
    [MemberData(nameof(Textures))]
    public void A_picture_of_no_text_is_not_a_display(string texture)
    {
        Assert.Null(SevenSegmentReader.Read(TexturePictures[texture]()));
    }

    /// <summary>Pictures with edges, blobs and rows of similar shapes, but no digits.</summary>
    private static readonly Dictionary<string, Func<GrayImage>> TexturePictures = new()
    {
        ["brick wall"] = () => Paint(800, 600, (x, y) =>
        {
            var course = y / 40;
            var brickX = (x + (course % 2 * 45)) % 90;
            return brickX < 6 || y % 40 < 6 ? 200 : 120;
        }),
        ["checkerboard"] = () => Paint(640, 480, (x, y) => ((x / 32) + (y / 32)) % 2 == 0 ? 30 : 220),
        ["tiles of small squares"] = () => Paint(800, 600, (x, y) => x % 36 < 24 && y % 50 < 40 ? 40 : 210),
        ["stripes"] = () => Paint(640, 480, (x, _) => x % 24 < 8 ? 20 : 230),
        ["wood grain"] = () => Paint(800, 600, (x, y) => 128 + (int)(90 * Math.Sin((x * 0.08) + (6 * Math.Sin(y * 0.02)) + (2 * Math.Sin((x + y) * 0.011))))),
        ["gradient"] = () => Paint(1024, 768, (x, y) => (x + y) * 255 / (1024 + 768)),
        ["blurred salt and pepper"] = () =>
        {
            var random = new Random(9);
            var speckled = Paint(900, 700, (_, _) => random.Next(100) < 3 ? 0 : 235);
            return ImageFilters.GaussianBlur3x3(speckled);
        },
        ["keyboard of rounded keys"] = () => Paint(1000, 400, (x, y) =>
        {
            var (keyX, keyY) = (x % 64, y % 64);
            return keyX is > 6 and < 58 && keyY is > 6 and < 58 ? 60 : 180;
        }),
    };

    private static GrayImage Paint(int width, int height, Func<int, int, int> level)
    {
        var image = GrayImage.Blank(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = (byte)Math.Clamp(level(x, y), 0, 255);
            }
        }
        return image;
    }

    private void PrintTimes(string corpus, List<double> times)
    {
        times.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{corpus}: {times.Count} photos, {times[times.Count / 2]:0.0} ms median, {times[^1]:0.0} ms max per photo (this machine, this run)."));
    }
}
