using System.Net;
using System.Text;
using System.Text.Json;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;

namespace Vybe.Web.Tests.ErrorLog;

/// <summary>The error log with the per-IP report limit raised, so one address can send a crowd of reports.</summary>
public sealed class ManyReportsAppFactory : ErrorLogAppFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>(base.ExtraSettings)
    {
        ["Vybe:RateLimits:ClientErrorsPerMinute"] = "10000",
    };
}

/// <summary>
/// One character the database cannot store (U+0000, half of a surrogate pair) costs no row: neither
/// its own, stored with U+FFFD in its place, nor those written in the same batch.
/// </summary>
public sealed class BadCharacterTests(ManyReportsAppFactory app) : IClassFixture<ManyReportsAppFactory>
{
    private const char Replacement = StoredText.Replacement;
    private static int nextPeer;

    private static string NewPeer() => $"198.18.0.{Interlocked.Increment(ref nextPeer)}";

    private async Task<HttpResponseMessage> PostReportAsync(string peer, string json, string? userAgent = null)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, ClientErrorEndpoint.Path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(ErrorLogAppFactory.PeerHeader, peer);
        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }
        return await client.SendAsync(request);
    }

    private Task<List<ErrorLogEntry>> ClientRowsFromAsync(string peer, int atLeast) =>
        app.RowsAsync(r => r.Service == ClientErrorEndpoint.Service && r.Ip?.ToString() == peer, atLeast);

    [Fact]
    public async Task Two_hundred_concurrent_reports_and_one_with_nul_give_201_rows()
    {
        var peer = NewPeer();
        var reports = Enumerable.Range(0, 200)
            .Select(i => JsonSerializer.Serialize(new { kind = "error", message = $"good report {i}", page = "/" }))
            .Append(JsonSerializer.Serialize(new { kind = "error", message = "bad\0report", stack = "at f\0 (site.js:1:1)", page = "/\0" }))
            .ToList();
        Assert.Contains(@"\u0000", reports[^1]);

        var answers = await Task.WhenAll(reports.Select(report => PostReportAsync(peer, report)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode));
        var rows = await ClientRowsFromAsync(peer, 201);
        Assert.Equal(201, rows.Count);
        Assert.Equal(200, rows.Count(r => r.Message.StartsWith("good report ", StringComparison.Ordinal)));
        var bad = Assert.Single(rows, r => r.Message == $"bad{Replacement}report");
        using var details = JsonDocument.Parse(bad.Details!);
        Assert.Equal($"at f{Replacement} (site.js:1:1)", details.RootElement.GetProperty("stack").GetString());
        Assert.Equal($"/{Replacement}", details.RootElement.GetProperty("page").GetString());
    }

    [Fact]
    public async Task A_report_with_nul_in_every_field_is_stored_with_replacement_characters()
    {
        var peer = NewPeer();
        var json = JsonSerializer.Serialize(new
        {
            kind = "er\0ror",
            message = "\0",
            source = "http://localhost/js/\0.js",
            stack = "\0\0",
            page = "/r/\0",
        });

        Assert.Equal(HttpStatusCode.NoContent, (await PostReportAsync(peer, json, userAgent: "Agent/1.0")).StatusCode);

        var row = Assert.Single(await ClientRowsFromAsync(peer, 1));
        Assert.Equal(Replacement.ToString(), row.Message);
        using var details = JsonDocument.Parse(row.Details!);
        Assert.Equal($"er{Replacement}ror", details.RootElement.GetProperty("kind").GetString());
        Assert.Equal($"http://localhost/js/{Replacement}.js", details.RootElement.GetProperty("source").GetString());
        Assert.Equal($"{Replacement}{Replacement}", details.RootElement.GetProperty("stack").GetString());
        Assert.Equal($"/r/{Replacement}", details.RootElement.GetProperty("page").GetString());
    }

    [Fact]
    public async Task A_report_a_browser_cut_in_the_middle_of_an_emoji_is_stored_not_refused()
    {
        // JSON.stringify writes half of a surrogate pair as an escape; System.Text.Json alone refuses to read it.
        var peer = NewPeer();
        const string json = """{"kind":"error","message":"cut here \ud83d","stack":"\ude00 and a whole \ud83d\ude00","page":"/"}""";

        Assert.Equal(HttpStatusCode.NoContent, (await PostReportAsync(peer, json)).StatusCode);

        var row = Assert.Single(await ClientRowsFromAsync(peer, 1));
        Assert.Equal($"cut here {Replacement}", row.Message);
        using var details = JsonDocument.Parse(row.Details!);
        Assert.Equal($"{Replacement} and a whole 😀", details.RootElement.GetProperty("stack").GetString());
    }

    [Fact]
    public async Task Texts_cut_to_their_limits_in_the_middle_of_an_emoji_are_stored()
    {
        // The message is kept to 1,000 characters and the user agent to 512: here each limit falls inside a pair.
        var peer = NewPeer();
        var message = new string('m', 999) + "😀 and more";
        var userAgent = new string('a', 511) + "😀";

        var answer = await PostReportAsync(peer, JsonSerializer.Serialize(new { message }), userAgent);

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        var row = Assert.Single(await ClientRowsFromAsync(peer, 1));
        Assert.Equal(new string('m', 999), row.Message);
        Assert.Equal(new string('a', 511), row.Ua);
    }

    [Fact]
    public async Task An_unhandled_error_on_a_url_with_nul_in_its_query_is_logged_with_the_path_that_failed()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/test/throw?note=a%00b&odd%00name=1");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var requestId = Guid.Parse(response.Headers.GetValues("X-Request-Id").Single());
        var row = Assert.Single(await app.RowsAsync(r => r.RequestId == requestId));
        Assert.Equal(UnhandledExceptionLogger.Code, row.Code);
        using var details = JsonDocument.Parse(row.Details!);
        // The path of the request that failed, not that of the error page it was answered with.
        Assert.Equal("/test/throw", details.RootElement.GetProperty("path").GetString());
        var query = details.RootElement.GetProperty("query");
        Assert.Equal($"a{Replacement}b", query.GetProperty("note").GetString());
        Assert.Equal("1", query.GetProperty($"odd{Replacement}name").GetString());
    }
}
