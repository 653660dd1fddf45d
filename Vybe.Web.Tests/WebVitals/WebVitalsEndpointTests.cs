using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vybe.Web.WebVitals;
using static Vybe.Web.Tests.WebVitals.WebVitalsSteps;

namespace Vybe.Web.Tests.WebVitals;

public sealed class WebVitalsEndpointTests(WebVitalsAppFactory app) : IClassFixture<WebVitalsAppFactory>
{
    private const string ReadingPage = "/r/{id}";
    private static readonly string SomeRequestId = Guid.NewGuid().ToString();

    private Task<int> StoredCountAsync() => app.WithDbAsync(db => db.WebVitals.CountAsync());

    [Fact]
    public async Task Valid_report_is_stored_with_the_page_template_request_id_and_the_servers_own_rating()
    {
        var requestId = Guid.NewGuid();
        // The browser calls every value good; the server rates them itself.
        var body = Report(ReadingPage, requestId, ("LCP", 2600.5), ("INP", 180), ("CLS", 0.3), ("FCP", 900), ("TTFB", 1900));

        var response = await app.PostReportAsync(body);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var rows = await app.WithDbAsync(db => db.WebVitals.Where(s => s.RequestId == requestId).OrderBy(s => s.Metric).ToListAsync());
        Assert.Equal(
        [
            ("CLS", 0.3, "poor"),
            ("FCP", 900, "good"),
            ("INP", 180, "good"),
            ("LCP", 2600.5, "needs-improvement"),
            ("TTFB", 1900, "poor"),
        ], rows.Select(r => (r.Metric, r.Value, r.Rating)));
        Assert.All(rows, r => Assert.Equal(ReadingPage, r.Page));
        Assert.All(rows, r => Assert.True(DateTimeOffset.UtcNow - r.Ts < TimeSpan.FromHours(1), "stored with the time it arrived"));
    }

    public static TheoryData<string, string> BadReports => new()
    {
        { "unknown metric", $$"""{"page":"/","requestId":"{{SomeRequestId}}","metrics":[{"name":"FID","value":10}]}""" },
        { "metric name in lower case", $$"""{"page":"/","requestId":"{{SomeRequestId}}","metrics":[{"name":"lcp","value":10}]}""" },
        { "negative value", $$"""{"page":"/","requestId":"{{SomeRequestId}}","metrics":[{"name":"LCP","value":-1}]}""" },
        { "value as text", $$"""{"page":"/","requestId":"{{SomeRequestId}}","metrics":[{"name":"LCP","value":"fast"}]}""" },
        { "number in a string", $$"""{"page":"/","requestId":"{{SomeRequestId}}","metrics":[{"name":"LCP","value":"1200"}]}""" },
        { "NaN as a string", $$"""{"page":"/","requestId":"{{SomeRequestId}}","metrics":[{"name":"CLS","value":"NaN"}]}""" },
        { "Infinity as a string", $$"""{"page":"/","requestId":"{{SomeRequestId}}","metrics":[{"name":"LCP","value":"Infinity"}]}""" },
        { "bare NaN", $$"""{"page":"/","requestId":"{{SomeRequestId}}","metrics":[{"name":"LCP","value":NaN}]}""" },
        { "missing value", $$"""{"page":"/","requestId":"{{SomeRequestId}}","metrics":[{"name":"LCP"}]}""" },
        { "absurdly large value", $$"""{"page":"/","requestId":"{{SomeRequestId}}","metrics":[{"name":"LCP","value":1e12}]}""" },
        { "unknown rating", $$"""{"page":"/","requestId":"{{SomeRequestId}}","metrics":[{"name":"LCP","value":10,"rating":"excellent"}]}""" },
        { "one good metric and one bad", $$"""{"page":"/","requestId":"{{SomeRequestId}}","metrics":[{"name":"FCP","value":10},{"name":"LCP","value":-5}]}""" },
        { "the same metric twice", $$"""{"page":"/","requestId":"{{SomeRequestId}}","metrics":[{"name":"LCP","value":10},{"name":"LCP","value":20}]}""" },
        { "no metrics", $$"""{"page":"/","requestId":"{{SomeRequestId}}","metrics":[]}""" },
        { "a null metric", $$"""{"page":"/","requestId":"{{SomeRequestId}}","metrics":[null]}""" },
        { "foreign page URL", $$"""{"page":"https://evil.example/r/{id}","requestId":"{{SomeRequestId}}","metrics":[{"name":"LCP","value":10}]}""" },
        { "protocol-relative URL", $$"""{"page":"//evil.example/","requestId":"{{SomeRequestId}}","metrics":[{"name":"LCP","value":10}]}""" },
        { "raw URL with an id", $$"""{"page":"/r/{{SomeRequestId}}","requestId":"{{SomeRequestId}}","metrics":[{"name":"LCP","value":10}]}""" },
        { "path of no page", $$"""{"page":"/wp-admin","requestId":"{{SomeRequestId}}","metrics":[{"name":"LCP","value":10}]}""" },
        { "no page", $$"""{"requestId":"{{SomeRequestId}}","metrics":[{"name":"LCP","value":10}]}""" },
        { "request id that is no UUID", """{"page":"/","requestId":"12345","metrics":[{"name":"LCP","value":10}]}""" },
        { "no request id", """{"page":"/","metrics":[{"name":"LCP","value":10}]}""" },
        { "malformed JSON", "{\"page\":\"/\",\"metrics\":[" },
        { "JSON array", "[1, 2, 3]" },
        { "JSON null", "null" },
        { "empty body", "" },
    };

    [Theory]
    [MemberData(nameof(BadReports))]
    public async Task Bad_report_gets_400_with_a_reason_and_nothing_is_stored(string what, string body)
    {
        var before = await StoredCountAsync();

        var response = await app.PostReportAsync(body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {response.StatusCode}");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
        Assert.Equal(before, await StoredCountAsync());
    }

    [Fact]
    public async Task Oversize_report_gets_413_and_nothing_is_stored()
    {
        var before = await StoredCountAsync();
        var body = $$"""{"page":"/","requestId":"{{SomeRequestId}}","metrics":[{"name":"LCP","value":10}],"padding":"{{new string('x', 4_100)}}"}""";

        var response = await app.PostReportAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 4096 bytes", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await StoredCountAsync());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Report_that_is_not_sent_as_json_gets_415_and_nothing_is_stored(string contentType)
    {
        var before = await StoredCountAsync();

        var response = await app.PostReportAsync(Report("/", Guid.NewGuid(), ("LCP", 10)), contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(before, await StoredCountAsync());
    }

    [Fact]
    public async Task Too_many_reports_from_one_address_get_429_with_retry_after()
    {
        var peer = NewPeer();
        var requestId = Guid.NewGuid();
        var body = Report("/", requestId, ("TTFB", 120));

        for (var i = 0; i < WebVitalsAppFactory.ReportsPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await app.PostReportAsync(body, peer)).StatusCode);
        }
        var limited = await app.PostReportAsync(body, peer);
        var otherAddress = await app.PostReportAsync(body, NewPeer());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Equal(HttpStatusCode.NoContent, otherAddress.StatusCode);
        Assert.Equal(WebVitalsAppFactory.ReportsPerMinute + 1,
            await app.WithDbAsync(db => db.WebVitals.CountAsync(s => s.RequestId == requestId)));
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/Account/Login", "/Account/Login")]
    [InlineData("/Admin/Errors/Details/42", "/Account/Login")] // a guest is sent to log in
    [InlineData("/no/such/page", "/Status/{code}")]            // the 404 page, re-executed
    public async Task Layout_names_the_page_by_its_route_template_and_the_request_id_and_the_endpoint_accepts_them(string url, string template)
    {
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync(url);

        Assert.Equal(template, page.Document.QuerySelector("meta[name='vybe-page']")?.GetAttribute("content"));
        var requestId = page.Document.QuerySelector("meta[name='vybe-request-id']")!.GetAttribute("content")!;
        Assert.Equal(page.Response.Headers.GetValues("X-Request-Id").Single(), requestId);
        var scripts = page.Document.Scripts.Select(s => s.Source!).ToList();
        var library = scripts.FindIndex(s => s.StartsWith("/lib/web-vitals/web-vitals.iife.", StringComparison.Ordinal));
        var reporter = scripts.FindIndex(s => s.StartsWith("/js/web-vitals-reporter.", StringComparison.Ordinal));
        Assert.True(library >= 0 && reporter > library, "the library loads before the reporter");
        Assert.All(page.Document.Scripts, s => Assert.True(s.IsDeferred));

        var report = await app.PostReportAsync(Report(template, Guid.Parse(requestId), ("FCP", 300)));

        Assert.Equal(HttpStatusCode.NoContent, report.StatusCode);
        Assert.Equal(template, await app.WithDbAsync(db => db.WebVitals.Where(s => s.RequestId == Guid.Parse(requestId)).Select(s => s.Page).SingleAsync()));
    }

    [Fact]
    public async Task Page_with_an_id_in_its_route_is_named_by_its_template()
    {
        var templates = app.Services.GetRequiredService<PageTemplates>().All;

        Assert.Contains("/r/{id}", templates);
        Assert.Contains("/s/{token}", templates);
        Assert.Contains("/Admin/Errors/Details/{id}", templates);
        Assert.Contains("/", templates);
        Assert.DoesNotContain(WebVitalsEndpoint.Path, templates);
        Assert.DoesNotContain("/healthz", templates);
    }
}
