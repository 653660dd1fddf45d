using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vybe.TestSupport.Photos;
using Vybe.Web.Ocr;
using Vybe.Web.Ocr.Tesseract;
using Xunit.Abstractions;

namespace Vybe.Web.Tests.Ocr;

/// <summary>One engine pool for the whole class: engines load the language model once.</summary>
public sealed class PhotoReaderFixture : IDisposable
{
    public PhotoReaderFixture()
    {
        Engines = new TesseractEnginePool(Options.Create(new OcrOptions()));
        Reader = new PhotoReader(Engines, NullLogger<PhotoReader>.Instance);
    }

    public TesseractEnginePool Engines { get; }

    public PhotoReader Reader { get; }

    public void Dispose() => Engines.Dispose();
}

/// <summary>Real Tesseract (Debian's libtesseract5) on photos the tests draw.</summary>
public sealed class PhotoRecognitionTests(PhotoReaderFixture fixture, ITestOutputHelper output) : IClassFixture<PhotoReaderFixture>
{
    [Fact]
    public void Tesseract_is_installed_here()
    {
        Assert.True(fixture.Engines.IsAvailable, fixture.Engines.Problem);
    }

    [Fact]
    public Task At_least_90_percent_of_the_drawn_photos_yield_the_expected_candidate() => AssertRecognisedAsync(TestPhotos.All, minimumCases: 30);

    [Fact]
    public Task At_least_90_percent_of_the_drawn_clock_faces_yield_the_expected_time() => AssertRecognisedAsync(TestClockPhotos.All, minimumCases: 10);

    private async Task AssertRecognisedAsync(IReadOnlyList<TestPhotos.Case> photos, int minimumCases)
    {
        var failures = new List<string>();
        var pickedAutomatically = 0;
        foreach (var photo in photos)
        {
            var findings = await fixture.Reader.ReadAsync(photo.Draw(), CancellationToken.None);
            var texts = findings.Candidates.Select(c => c.Text).ToList();
            pickedAutomatically += texts is [var only] && only == photo.Expected ? 1 : 0;
            if (!texts.Contains(photo.Expected))
            {
                failures.Add($"{photo.Name}: expected {photo.Expected}, found [{string.Join(", ", texts)}] in \"{findings.RecognizedText.ReplaceLineEndings(" ").Trim()}\"");
            }
        }

        var recognized = photos.Count - failures.Count;
        output.WriteLine($"Recognised {recognized} of {photos.Count} ({100.0 * recognized / photos.Count:0.0}%); " +
            $"{pickedAutomatically} with the expected candidate as the only one (read without asking).");
        foreach (var failure in failures)
        {
            output.WriteLine("  missed " + failure);
        }
        Assert.True(photos.Count >= minimumCases, $"the corpus has at least {minimumCases} photos");
        Assert.True(recognized >= Math.Ceiling(0.9 * photos.Count),
            $"recognised {recognized} of {photos.Count}:\n{string.Join('\n', failures)}");
    }
}
