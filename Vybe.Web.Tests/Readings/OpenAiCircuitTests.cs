using System.Net;
using Vybe.Web.Readings;
using Vybe.Web.Readings.OpenAi;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Readings;

public sealed class OpenAiCircuitTests(OpenAiCircuitTests.SensitiveCircuitApp app) : IClassFixture<OpenAiCircuitTests.SensitiveCircuitApp>
{
    /// <summary>One attempt per reading, and a circuit that opens after two failed calls.</summary>
    public sealed class SensitiveCircuitApp : OpenAiAppFactory
    {
        protected override IDictionary<string, string?> OpenAiSettings => new Dictionary<string, string?>
        {
            ["OpenAI:MaxAttempts"] = "1",
            ["OpenAI:CircuitMinimumThroughput"] = "2",
            ["OpenAI:CircuitFailureRatio"] = "0.5",
            ["OpenAI:CircuitBreakDuration"] = "00:05:00",
        };
    }

    [Fact]
    public async Task After_repeated_failures_the_circuit_opens_and_the_next_reading_does_not_call_the_server()
    {
        using var browser = app.CreateBrowser();
        app.OpenAi.Script(FakeOpenAiServer.Status(503, "overloaded"), FakeOpenAiServer.Status(503, "overloaded"));
        Assert.Equal(HttpStatusCode.OK, (await browser.ReadTimeAsync("11:11", "lite")).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.ReadTimeAsync("11:11", "lite")).Status);
        Assert.Equal(2, app.OpenAi.Calls);
        var since = DateTimeOffset.UtcNow;

        var page = await browser.ReadTimeAsync("11:11", "lite");

        Assert.Equal(2, app.OpenAi.Calls);
        Assert.Contains(FallbackReadingWriter.FallbackNote, page.Text);
        var row = Assert.Single(await OpenAiWriterTests.WriterErrorsAsync(app, since));
        Assert.Equal(ReadingWriterCodes.ApiError, row.Code);
        Assert.Contains("circuit is open", row.Message);
    }
}

public sealed class OpenAiMissingKeyTests(OpenAiMissingKeyTests.NoKeyApp app) : IClassFixture<OpenAiMissingKeyTests.NoKeyApp>
{
    /// <summary>The OpenAI writer asked for explicitly, with the key configured as empty.</summary>
    public sealed class NoKeyApp : OpenAiAppFactory
    {
        protected override IDictionary<string, string?> OpenAiSettings => new Dictionary<string, string?>
        {
            ["Vybe:Readings:Writer"] = "openai",
            ["OpenAI:ApiKey"] = "",
        };
    }

    [Fact]
    public async Task An_empty_key_logs_MISSING_API_KEY_and_every_reading_still_works_without_calling_anyone()
    {
        using var browser = app.CreateBrowser();
        var since = DateTimeOffset.UtcNow;

        var page = await browser.CompareAsync("11:11", "444", "deep");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(FallbackReadingWriter.FallbackNote, page.Text);
        Assert.Equal(5, page.Document.QuerySelectorAll("article.reading .reading-section").Length);
        Assert.Equal(0, app.OpenAi.Calls);
        var row = Assert.Single(await OpenAiWriterTests.WriterErrorsAsync(app, since));
        Assert.Equal(ReadingWriterCodes.MissingApiKey, row.Code);
        Assert.Contains("OpenAI__ApiKey", row.Message);
    }
}
