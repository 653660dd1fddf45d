using Microsoft.Playwright;
using Vybe.E2E.Infrastructure;
using Vybe.E2E.Infrastructure.Pages;

namespace Vybe.E2E;

[Collection(AppServerCollection.Name)]
public sealed class WebVitalsJourneyTests(AppServerFixture server)
{
    private static readonly string[] AllMetrics = ["CLS", "FCP", "INP", "LCP", "TTFB"];

    private sealed record Sample(string Page, string Metric, double Value, string Rating);

    [Fact]
    public async Task A_page_view_reports_its_web_vitals_under_its_route_template_when_the_visitor_leaves()
    {
        var page = await server.NewPageAsync();
        try
        {
            var problems = BrowserProblems.RecordFrom(page);
            await page.GotoAsync("/");
            await page.Home().TimeField.FillAsync("11:11");
            await page.Home().ReadButton.ClickAsync();
            var permalink = await page.GetByRole(AriaRole.Link, new() { Name = "Open this reading" }).GetAttributeAsync("href");
            Assert.Matches("^/r/[0-9a-f-]{36}$", permalink);

            // A full page load of a page whose URL carries an id: what web-vitals measures.
            await page.GotoAsync(permalink!);
            Assert.Equal("/r/{id}", await page.Locator("meta[name='vybe-page']").GetAttributeAsync("content"));
            var requestId = Guid.Parse((await page.Locator("meta[name='vybe-request-id']").GetAttributeAsync("content"))!);
            // An interaction, so that INP has something to measure. The browser records it only after
            // the next frame is painted; leaving before then would leave INP nothing to report, so
            // wait until the interaction is in the page's performance timeline.
            await page.Locator(".reading-title").ClickAsync();
            await page.WaitForFunctionAsync("() => performance.getEntriesByType('first-input').length > 0");

            // Leaving hides the page; the script sends what it measured then.
            await page.GotoAsync("/");

            var samples = await SamplesEventuallyAsync(requestId, AllMetrics.Length);
            Assert.Equal(AllMetrics, samples.Select(s => s.Metric).Order());
            Assert.All(samples, s => Assert.Equal("/r/{id}", s.Page));
            Assert.All(samples, s => Assert.True(s.Value >= 0, $"{s.Metric} = {s.Value}"));
            Assert.All(samples, s => Assert.Contains(s.Rating, new[] { "good", "needs-improvement", "poor" }));
            Assert.True(problems.All.Count == 0, string.Join('\n', problems.All));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>The samples stored for a page view, polled until at least <paramref name="count"/> are there.</summary>
    private Task<List<Sample>> SamplesEventuallyAsync(Guid requestId, int count) =>
        StoredRows.EventuallyAsync(
            server.DatabaseConnectionString,
            "SELECT page, metric, value, rating FROM web_vitals WHERE request_id = @requestId",
            new Dictionary<string, object> { ["requestId"] = requestId },
            reader => new Sample(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetString(3)),
            samples => samples.Count >= count,
            samples => $"expected {count} Web Vitals samples for request {requestId}, found: " +
                string.Join(", ", samples.Select(s => s.Metric)) + $"\nServer output:\n{server.ServerOutput}");
}
