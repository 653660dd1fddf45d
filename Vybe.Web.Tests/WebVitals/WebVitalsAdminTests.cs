using System.Net;
using AngleSharp.Dom;
using Vybe.Web.Tests.Admin;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.WebVitals;
using static Vybe.Web.Tests.Admin.ErrorLogAdminSteps;

namespace Vybe.Web.Tests.WebVitals;

/// <summary>
/// The admin page reads the real clock through HTTP, so samples are seeded hours away from the
/// window edges: a test that takes seconds cannot move one across an edge.
/// </summary>
public sealed class WebVitalsAdminTests(AdminAppFactory app) : IClassFixture<AdminAppFactory>, IAsyncLifetime
{
    public const string AdminPath = "/Admin/Vitals";

    private static readonly DateTimeOffset Now = WholeSecondNow();

    public Task InitializeAsync() => app.SeedOnceAsync(factory => factory.WithDbAsync(async db =>
    {
        db.WebVitals.AddRange(WebVitalsSeed.Samples(Now));
        return await db.SaveChangesAsync();
    }));

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<IDocument> VitalsPageAsync(string path = AdminPath)
    {
        using var browser = await app.AdminBrowserAsync();
        var page = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page.Document;
    }

    /// <summary>The table with this caption, as rows of cell texts with white space collapsed.</summary>
    private static List<string[]> Table(IDocument document, string caption) =>
        document.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Trim() == caption)
            .QuerySelectorAll("tbody tr")
            .Select(tr => tr.Children.Select(cell => string.Join(' ', cell.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToArray())
            .ToList();

    [Fact]
    public async Task Last_24_hours_shows_p75_shares_and_counts_per_page_and_metric()
    {
        var page = await VitalsPageAsync();

        Assert.Equal(WebVitalsSeed.Last24Hours, Table(page, "Last 24 hours: by page and metric"));
        // One period's table at a time; the other is a link away.
        Assert.Single(page.QuerySelectorAll("table.vitals-table"));
        Assert.Equal("Last 24 hours", page.QuerySelector("nav.form-tabs a[aria-current='page']")!.TextContent);
        Assert.Equal($"{AdminPath}?period=7d", page.QuerySelectorAll("nav.form-tabs a").Single(a => a.TextContent == "Last 7 days").GetAttribute("href"));
    }

    [Fact]
    public async Task Last_7_days_shows_p75_shares_and_counts_per_page_and_metric()
    {
        var page = await VitalsPageAsync($"{AdminPath}?period=7d");

        Assert.Equal(WebVitalsSeed.Last7Days, Table(page, "Last 7 days: by page and metric"));
        Assert.Single(page.QuerySelectorAll("table.vitals-table"));
        Assert.Equal("Last 7 days", page.QuerySelector("nav.form-tabs a[aria-current='page']")!.TextContent);
        Assert.Equal(AdminPath, page.QuerySelectorAll("nav.form-tabs a").Single(a => a.TextContent == "Last 24 hours").GetAttribute("href"));
    }

    [Theory]
    [InlineData("30d")]
    [InlineData("24H")]
    public async Task An_unknown_period_is_a_400(string period)
    {
        using var browser = await app.AdminBrowserAsync();

        var page = await browser.GetAsync($"{AdminPath}?period={period}", followRedirects: false);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
    }

    [Fact]
    public async Task P75_carries_its_rating_as_text_and_colour_and_the_chart_draws_the_shares()
    {
        var page = await VitalsPageAsync($"{AdminPath}?period=7d");

        var lcpRow = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Contains("Last 7 days"))
            .QuerySelectorAll("tbody tr").Single(tr => tr.TextContent.Contains("/r/{id}"));
        Assert.Equal("poor", lcpRow.QuerySelector(".badge.rating-poor")!.TextContent);
        Assert.NotNull(lcpRow.QuerySelector(".vital-value.rating-text-poor"));
        var chart = lcpRow.QuerySelector("svg.rating-bar")!;
        // The chart draws the three share cells beside it, which a screen reader reads already.
        Assert.Equal("true", chart.GetAttribute("aria-hidden"));
        Assert.Equal(["60%", "10%", "30%"], lcpRow.QuerySelectorAll("td.count").Take(3).Select(td => td.TextContent));
        Assert.Equal(
        [
            ("rating-fill-good", "0", "60"),
            ("rating-fill-needs-improvement", "60", "10"),
            ("rating-fill-poor", "70", "30"),
        ], chart.QuerySelectorAll("rect").Select(r => (r.GetAttribute("class"), r.GetAttribute("x"), r.GetAttribute("width"))));
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task Page_lists_the_web_dev_thresholds()
    {
        var page = await VitalsPageAsync();

        Assert.Equal(
        [
            ["LCP Largest Contentful Paint", "≤ 2.5 s", "2.5 s – 4 s", "> 4 s"],
            ["INP Interaction to Next Paint", "≤ 200 ms", "200 ms – 500 ms", "> 500 ms"],
            ["CLS Cumulative Layout Shift", "≤ 0.1", "0.1 – 0.25", "> 0.25"],
            ["FCP First Contentful Paint", "≤ 1.8 s", "1.8 s – 3 s", "> 3 s"],
            ["TTFB Time to First Byte", "≤ 800 ms", "800 ms – 1.8 s", "> 1.8 s"],
        ], Table(page, "Thresholds (web.dev)"));
    }

    [Fact]
    public async Task Admin_home_links_to_the_web_vitals_page()
    {
        using var browser = await app.AdminBrowserAsync();

        var home = await browser.GetAsync("/Admin");

        Assert.NotNull(home.Document.QuerySelector($"a[href='{AdminPath}']"));
    }

    [Fact]
    public async Task Guest_is_sent_to_login_and_back()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync(AdminPath, followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal($"/Account/Login?ReturnUrl={Uri.EscapeDataString(AdminPath)}", page.Response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Member_gets_403()
    {
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(AccountSteps.NewEmail());

        var page = await browser.GetAsync(AdminPath, followRedirects: false);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("only for admins", page.Text);
    }
}

/// <summary>Samples with known percentiles and shares, and what the admin page must show for them.</summary>
public static class WebVitalsSeed
{
    private static readonly Guid RequestId = Guid.NewGuid();

    public static List<WebVitalSample> Samples(DateTimeOffset now)
    {
        WebVitalSample Sample(TimeSpan age, string page, WebVitalMetric metric, double value) => new()
        {
            Ts = now - age,
            Page = page,
            Metric = metric.Name,
            Value = value,
            Rating = metric.RatingOf(value),
            RequestId = RequestId,
        };
        var hoursAgo = TimeSpan.FromHours(2);
        var daysAgo = TimeSpan.FromDays(3);
        return
        [
            // /r/{id} LCP, last 24 hours: 1000 2000 3000 4500 → rank ⌈4 × 0.75⌉ = 3 → 3000 ms.
            .. new[] { 1000.0, 4500, 2000, 3000 }.Select(v => Sample(hoursAgo, "/r/{id}", WebVitalMetrics.Lcp, v)),
            // …and three days ago: the last 7 days hold ten values, rank ⌈10 × 0.75⌉ = 8 → 4500 ms.
            .. new[] { 6000.0, 500, 600, 5000, 700, 800 }.Select(v => Sample(daysAgo, "/r/{id}", WebVitalMetrics.Lcp, v)),
            // Older than a week: counted nowhere.
            Sample(TimeSpan.FromDays(10), "/r/{id}", WebVitalMetrics.Lcp, 9000),
            // / CLS: 0 0 0.02 0.15 0.3 → rank ⌈5 × 0.75⌉ = 4 → 0.15.
            .. new[] { 0.3, 0, 0.15, 0.02, 0 }.Select(v => Sample(hoursAgo, "/", WebVitalMetrics.Cls, v)),
            // / INP: 40 80 120 → rank ⌈3 × 0.75⌉ = 3 → 120 ms.
            .. new[] { 80.0, 120, 40 }.Select(v => Sample(hoursAgo, "/", WebVitalMetrics.Inp, v)),
        ];
    }

    private static readonly string[] IndexInp = ["/", "INP", "120 ms good", "100%", "0%", "0%", "3", ""];
    private static readonly string[] IndexCls = ["/", "CLS", "0.15 needs improvement", "60%", "20%", "20%", "5", ""];

    public static readonly List<string[]> Last24Hours =
    [
        IndexInp,
        IndexCls,
        ["/r/{id}", "LCP", "3.00 s needs improvement", "50%", "25%", "25%", "4", ""],
    ];

    public static readonly List<string[]> Last7Days =
    [
        IndexInp,
        IndexCls,
        ["/r/{id}", "LCP", "4.50 s poor", "60%", "10%", "30%", "10", ""],
    ];
}
