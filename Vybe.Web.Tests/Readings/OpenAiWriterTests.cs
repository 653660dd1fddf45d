using System.Net;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.ErrorLog;
using Vybe.Web.Readings;
using Vybe.Web.Readings.OpenAi;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Readings;

/// <summary>The app with the OpenAI writer on, pointed at a fake OpenAI-compatible server on loopback.</summary>
public class OpenAiAppFactory : VybeAppFactory
{
    public FakeOpenAiServer OpenAi { get; private set; } = null!;

    protected virtual IDictionary<string, string?> OpenAiSettings => new Dictionary<string, string?>();

    protected sealed override IDictionary<string, string?> ExtraSettings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["OpenAI:ApiKey"] = FakeOpenAiServer.ApiKey,
                ["OpenAI:BaseUrl"] = OpenAi.BaseUrl,
                ["OpenAI:Model"] = "gpt-test",
                ["OpenAI:AttemptTimeout"] = "00:00:01",
                ["OpenAI:TotalTimeout"] = "00:00:04",
                ["OpenAI:RetryBaseDelay"] = "00:00:00.010",
                // Below the total timeout, so that a Retry-After just above it would fit a retry in
                // the time left: only the rule itself keeps the call from being made.
                ["OpenAI:MaxRetryAfter"] = "00:00:01.500",
                // High enough that only the circuit test opens the circuit.
                ["OpenAI:CircuitMinimumThroughput"] = "1000",
            };
            foreach (var (key, value) in OpenAiSettings)
            {
                settings[key] = value;
            }
            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        OpenAi = await FakeOpenAiServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await OpenAi.DisposeAsync();
    }
}

public sealed class OpenAiWriterTests(OpenAiAppFactory app) : IClassFixture<OpenAiAppFactory>, IDisposable
{
    private const string ModelMarker = "the model wrote this";

    /// <summary>How early a timer may fire by the stopwatch: one tick of a 100 Hz coarse clock, doubled.</summary>
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(20);
    private readonly HtmlBrowser browser = app.CreateBrowser();

    public void Dispose() => browser.Dispose();

    /// <summary>OpenAI's 429 "slow down" (not the exhausted quota), asking for a wait in the named header.</summary>
    private static Func<Microsoft.AspNetCore.Http.HttpContext, Task> RateLimited(string header, string value) =>
        FakeOpenAiServer.Status(429, "Rate limit reached", "rate_limit_exceeded", new Dictionary<string, string> { [header] = value });

    private static (string, string, string[]) Section(string heading, string body, params string[] points) => (heading, body, points);

    private static Func<Microsoft.AspNetCore.Http.HttpContext, Task> ValidReading(ReadingDepth depth) => depth switch
    {
        ReadingDepth.Lite => FakeOpenAiServer.Reading(Section("", $"11:11 comes down to 4, and {ModelMarker}.")),
        ReadingDepth.Standard => FakeOpenAiServer.Reading(Section("",
            $"Seeing 11:11 brings you to the core number 4, the Builder. Traditions call it a double hour, and {ModelMarker}. " +
            "Four is about foundations, routines and patient work that lasts. It invites you to choose one thing and tend it steadily. " +
            "Let the repeated ones remind you to begin, and the four to keep going.")),
        _ => FakeOpenAiServer.Reading(
            Section("The numbers", $"The digits 1, 1, 1 and 1 add up to 4, so 1111 reduces to 4; {ModelMarker}."),
            Section("The pattern", "11:11 is a double hour, hour and minute the same, and the angel number 1111."),
            Section("Themes", "Four gathers stability, order and the patience to build brick by brick."),
            Section("Guidance", "Pick one foundation and tend it: a habit, a plan, a promise kept."),
            Section("Questions for reflection", "Three questions to sit with.",
                "What needs steady attention now?", "Which routine serves you?", "Where could you loosen your grip?")),
    };

    private static readonly string[] WriterCodes =
    [
        ReadingWriterCodes.MissingApiKey, ReadingWriterCodes.RateLimit, ReadingWriterCodes.CreditsDepleted,
        ReadingWriterCodes.ApiError, ReadingWriterCodes.Timeout, ReadingWriterCodes.InvalidOutput,
    ];

    /// <summary>The writer's error rows since a moment (they are written in the background).</summary>
    public static Task<List<ErrorLogEntry>> WriterErrorsAsync(VybeAppFactory app, DateTimeOffset since, int atLeast = 1) =>
        Eventually.ReturnsAsync(
            () => app.WithDbAsync(db => db.ErrorLogs.AsNoTracking().Where(e => e.Ts >= since && WriterCodes.Contains(e.Code)).ToListAsync()),
            rows => rows.Count >= atLeast,
            "the writer's failure reaches the error log");

    private Task<List<ErrorLogEntry>> WriterErrorsAsync(DateTimeOffset since) => WriterErrorsAsync(app, since);

    private static void AssertFallback(HtmlBrowser.Page page)
    {
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(FallbackReadingWriter.FallbackNote, page.Document.QuerySelector(".reading-note")?.TextContent);
        Assert.Contains("built-in writer", page.Document.QuerySelector(".reading-meta")?.TextContent);
        Assert.DoesNotContain(ModelMarker, page.Text);
        Assert.Equal("4", page.Document.QuerySelector(".core-number")?.TextContent.Trim());
    }

    [Theory]
    [InlineData(ReadingDepth.Lite, 1)]
    [InlineData(ReadingDepth.Standard, 1)]
    [InlineData(ReadingDepth.Deep, 5)]
    public async Task The_model_writes_the_sections_and_the_engine_gives_the_numbers(ReadingDepth depth, int sections)
    {
        app.OpenAi.ResetCounts();
        app.OpenAi.Script(ValidReading(depth));

        var page = await browser.ReadTimeAsync("11:11", depth.Key());

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(1, app.OpenAi.Calls);
        var reading = page.Document.QuerySelector("article.reading")!;
        Assert.Contains(ModelMarker, reading.TextContent);
        Assert.Equal(sections, reading.QuerySelectorAll(".reading-section").Length);
        Assert.Equal("4", reading.QuerySelector(".core-number")?.TextContent.Trim());
        Assert.Contains("1111 → 4", reading.TextContent);
        Assert.Contains("AI writer (gpt-test)", reading.QuerySelector(".reading-meta")?.TextContent);
        Assert.Null(reading.QuerySelector(".reading-note"));

        // The prompt carries the engine's facts, the depth, and asks for structured output.
        var request = app.OpenAi.RequestBodies.Single();
        Assert.Contains("\"model\":\"gpt-test\"", request);
        Assert.Contains("json_schema", request);
        Assert.Contains("coreNumber", request);
        Assert.Contains($"Write a {depth.Key()} reading", request);
        // …and the new facts about this input: its digits' counts and voices, order, pattern class, hour of day.
        Assert.Contains("patternClass", request);
        Assert.Contains("repeating", request);
        Assert.Contains("beginnings", request);
        Assert.Contains("partOfDay", request);
        Assert.Contains("midday", request);
        Assert.Contains("minuteEcho", request);
        var saved = await app.WithDbAsync(db => db.Readings.AsNoTracking().OrderByDescending(r => r.CreatedAt).FirstAsync());
        Assert.Equal("openai:gpt-test", saved.Writer);
    }

    [Fact]
    public async Task The_model_output_is_shown_as_text_never_as_html()
    {
        app.OpenAi.ResetCounts();
        app.OpenAi.Script(FakeOpenAiServer.Reading(Section("", "11:11 reduces to 4. <script>alert(1)</script><b>bold</b> words.")));

        var page = await browser.ReadTimeAsync("11:11", "lite");

        Assert.Null(page.Document.QuerySelector("article.reading script, article.reading b"));
        Assert.Contains("<script>alert(1)</script>", page.Document.QuerySelector(".reading-section p")?.TextContent);
    }

    [Theory]
    [InlineData("Retry-After", "1", 1000)]
    [InlineData("retry-after-ms", "800", 800)]
    public async Task A_429_with_a_wait_then_success_waits_as_asked_makes_two_calls_and_shows_the_model_reading(string header, string value, int waitMilliseconds)
    {
        app.OpenAi.ResetCounts();
        app.OpenAi.Script(
            RateLimited(header, value),
            ValidReading(ReadingDepth.Lite));

        var page = await browser.ReadTimeAsync("11:11", "lite");

        Assert.Equal(2, app.OpenAi.Calls);
        Assert.Contains(ModelMarker, page.Text);
        Assert.Null(page.Document.QuerySelector(".reading-note"));
        // The second call came no sooner than the server asked; our own backoff here is 10 ms. A lower
        // bound only, however fast or busy the machine, less one tick of the clock .NET's timers
        // count on (on Linux the coarse monotonic clock, 4–10 ms a tick), which lets a delay end
        // that much before the stopwatch says (a CI run measured a hair under the 800 ms asked).
        var gap = Assert.Single(app.OpenAi.GapsBetweenCalls());
        var earliest = TimeSpan.FromMilliseconds(waitMilliseconds) - TimerSlack;
        Assert.True(gap >= earliest, $"the retry came {gap.TotalMilliseconds:0.0} ms after the 429, sooner than the {waitMilliseconds} ms asked");
    }

    [Fact]
    public async Task A_429_asking_a_wait_above_the_maximum_is_not_retried_and_logs_OPENAI_RATE_LIMIT()
    {
        var since = DateTimeOffset.UtcNow;
        app.OpenAi.ResetCounts();
        // 2 s: above MaxRetryAfter (1.5 s) yet within the total timeout (4 s), so a retry would fit.
        app.OpenAi.Script(
            RateLimited("Retry-After", "2"),
            ValidReading(ReadingDepth.Lite));

        var page = await browser.ReadTimeAsync("11:11", "lite");

        AssertFallback(page);
        Assert.Equal(1, app.OpenAi.Calls);
        var row = Assert.Single(await WriterErrorsAsync(since));
        Assert.Equal(ReadingWriterCodes.RateLimit, row.Code);
        Assert.Contains("429", row.Message);
    }

    [Fact]
    public async Task Three_429s_make_three_calls_then_the_built_in_reading_and_OPENAI_RATE_LIMIT()
    {
        var since = DateTimeOffset.UtcNow;
        app.OpenAi.ResetCounts();
        var rateLimited = RateLimited("Retry-After", "0");
        app.OpenAi.Script(rateLimited, rateLimited, rateLimited, ValidReading(ReadingDepth.Lite));

        var page = await browser.ReadTimeAsync("11:11", "standard");

        AssertFallback(page);
        Assert.Equal(3, app.OpenAi.Calls);
        var row = Assert.Single(await WriterErrorsAsync(since));
        Assert.Equal(ReadingWriterCodes.RateLimit, row.Code);
        Assert.NotNull(row.RequestId);
    }

    [Fact]
    public async Task Three_500s_make_three_calls_then_the_built_in_reading_with_a_note_and_OPENAI_API_ERROR()
    {
        var since = DateTimeOffset.UtcNow;
        app.OpenAi.ResetCounts();
        app.OpenAi.Script(FakeOpenAiServer.Status(500, "boom"), FakeOpenAiServer.Status(500, "boom"), FakeOpenAiServer.Status(500, "boom"));

        var page = await browser.ReadTimeAsync("11:11", "standard");

        AssertFallback(page);
        Assert.Equal(3, app.OpenAi.Calls);
        var row = Assert.Single(await WriterErrorsAsync(since));
        Assert.Equal(ReadingWriterCodes.ApiError, row.Code);
        Assert.Equal("error", row.Level);
        Assert.NotNull(row.RequestId);
        Assert.Contains("500", row.Message);
    }

    [Theory]
    [InlineData(402, null)]
    [InlineData(429, "insufficient_quota")]
    public async Task No_credits_makes_one_call_and_logs_OPENAI_CREDITS_DEPLETED(int status, string? code)
    {
        var since = DateTimeOffset.UtcNow;
        app.OpenAi.ResetCounts();
        app.OpenAi.Script(FakeOpenAiServer.Status(status, "You exceeded your current quota.", code), ValidReading(ReadingDepth.Lite));

        var page = await browser.ReadTimeAsync("11:11", "lite");

        AssertFallback(page);
        Assert.Equal(1, app.OpenAi.Calls);
        Assert.Equal(ReadingWriterCodes.CreditsDepleted, Assert.Single(await WriterErrorsAsync(since)).Code);
    }

    [Fact]
    public async Task A_401_makes_one_call_logs_OPENAI_API_ERROR_and_never_stores_the_key()
    {
        var since = DateTimeOffset.UtcNow;
        app.OpenAi.ResetCounts();
        app.OpenAi.Script(FakeOpenAiServer.Status(401, $"Incorrect API key provided: {FakeOpenAiServer.ApiKey}.", "invalid_api_key"));

        var page = await browser.ReadTimeAsync("11:11", "lite");

        AssertFallback(page);
        Assert.Equal(1, app.OpenAi.Calls);
        var row = Assert.Single(await WriterErrorsAsync(since));
        Assert.Equal(ReadingWriterCodes.ApiError, row.Code);
        Assert.Contains("401", row.Message);
        var everything = await app.WithDbAsync(db => db.ErrorLogs.AsNoTracking().ToListAsync());
        Assert.DoesNotContain(everything, row => $"{row.Message} {row.Details}".Contains(FakeOpenAiServer.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answer_slower_than_the_attempt_timeout_logs_OPENAI_TIMEOUT_and_the_visitor_waits_at_most_the_total_timeout()
    {
        var since = DateTimeOffset.UtcNow;
        app.OpenAi.ResetCounts();
        var slow = FakeOpenAiServer.Slow(TimeSpan.FromSeconds(30), ValidReading(ReadingDepth.Lite));
        app.OpenAi.Script(slow, slow, slow);

        var page = await browser.ReadTimeAsync("11:11", "lite");

        AssertFallback(page);
        Assert.Equal(ReadingWriterCodes.Timeout, Assert.Single(await WriterErrorsAsync(since)).Code);
        Assert.InRange(app.OpenAi.Calls, 1, 3);
        // The visitor did not wait for the server's 30 s: the app gave up on every call itself (its
        // timeouts fired). Measured by what the server saw, not by a clock on a machine of unknown speed.
        await Eventually.TrueAsync(() => app.OpenAi.AbandonedCalls == app.OpenAi.Calls,
            $"every call abandoned by the app ({app.OpenAi.AbandonedCalls} of {app.OpenAi.Calls})");
    }

    public static TheoryData<string, string> UnusableAnswers => new()
    {
        { "malformed HTTP body", "" },
        { "content that is not JSON", "{\"sections\": [ {\"heading\": \"\", " },
        { "no sections", "{\"reading\": \"11:11 is lovely\"}" },
        { "two sections at lite", "{\"sections\": [{\"heading\": \"\", \"body\": \"11:11 reduces to 4 here.\", \"points\": []}, {\"heading\": \"\", \"body\": \"And more words here.\", \"points\": []}]}" },
        { "a number that contradicts the facts", "{\"sections\": [{\"heading\": \"\", \"body\": \"11:11 reduces to 7, the Seeker.\", \"points\": []}]}" },
        { "a number the engine never computed", "{\"sections\": [{\"heading\": \"\", \"body\": \"11:11 is lucky in 2027, they say.\", \"points\": []}]}" },
        { "far too long for lite", "{\"sections\": [{\"heading\": \"\", \"body\": \"" + string.Concat(Enumerable.Repeat("Four is steady. ", 60)) + "\", \"points\": []}]}" },
    };

    [Theory]
    [MemberData(nameof(UnusableAnswers))]
    public async Task An_unusable_answer_logs_OPENAI_INVALID_OUTPUT_and_shows_the_built_in_reading(string what, string content)
    {
        var since = DateTimeOffset.UtcNow;
        app.OpenAi.ResetCounts();
        app.OpenAi.Script(content.Length == 0 ? FakeOpenAiServer.MalformedBody() : FakeOpenAiServer.Completion(content));

        var page = await browser.ReadTimeAsync("11:11", "lite");

        AssertFallback(page);
        Assert.True(app.OpenAi.Calls == 1, what);
        var row = Assert.Single(await WriterErrorsAsync(since));
        Assert.True(row.Code == ReadingWriterCodes.InvalidOutput, $"{what}: {row.Code} {row.Message}");
    }
}
