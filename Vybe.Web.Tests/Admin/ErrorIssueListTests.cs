using System.Globalization;
using System.Net;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Pages.Admin.Errors;
using Vybe.Web.Tests.Infrastructure.Pages;
using static Vybe.Web.Tests.Admin.ErrorIssueScenario;
using Column = Vybe.Web.Tests.Infrastructure.Pages.ErrorIssueListPage.Column;

namespace Vybe.Web.Tests.Admin;

/// <summary>The issues list (/Admin/Errors) and the row log's issue and release filters, over one scenario that no test here changes.</summary>
public sealed class ErrorIssueListTests(ErrorIssueAppFactory app) : IClassFixture<ErrorIssueAppFactory>, IAsyncLifetime
{
    private ErrorIssueScenario scenario = null!;

    public async Task InitializeAsync()
    {
        scenario = new ErrorIssueScenario(app.Clock.GetUtcNow());
        await app.SeedOnceAsync(factory => scenario.SeedAsync(app.WriteAsync, app.InErrorLogTransactionAsync));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Minute(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private async Task<ErrorIssueListPage> ListAsync(string query)
    {
        using var browser = await app.AdminBrowserAsync();
        var page = await browser.GetAsync(ErrorIssueListPage.Path + query);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return new ErrorIssueListPage(page);
    }

    [Fact]
    public async Task Issues_are_listed_newest_activity_first_without_the_merged_one()
    {
        var list = await ListAsync("");

        Assert.Equal(NewestFirst, list.Codes);
        Assert.DoesNotContain(MergedAway, list.Text);
    }

    public static TheoryData<string, string[]> Filters => new()
    {
        // An expired snooze is open; the regressed issue is open again; the ignored, snoozed and resolved ones are not.
        { "?status=open", [CheckoutFailed, ClientError, DbTimeout, SlowRequest, EmailBounce] },
        { "?status=OPEN", [CheckoutFailed, ClientError, DbTimeout, SlowRequest, EmailBounce] },
        { "?status=snoozed", [QuotaNear] },
        { "?status=ignored", [RetentionDone] },
        { "?status=resolved", [DiskFull] },
        { "?level=warn", [SlowRequest, EmailBounce, QuotaNear] },
        { "?service=worker", [RetentionDone, EmailBounce, QuotaNear] },
        { $"?release={NewRelease}", [CheckoutFailed, ClientError, SlowRequest] },
        // Seen in this release only through the fingerprint merged into it.
        { $"?release={MergedRelease}", [DbTimeout] },
        { "?release=9.9.9", [] },
        // The title or the culprit, without regard to case, and % or _ are literal characters.
        { "?q=CART", [ClientError] },
        { "?q=historystore.save", [DbTimeout] },
        { "?q=/js/checkout", [ClientError] },
        { "?q=100%25_", [DiskFull] },
        { "?q=a_b", [] },
        { "?status=open&level=error&service=web", [CheckoutFailed, DbTimeout] },
        { "?status=&level=&q=&period=", NewestFirst },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_lists_exactly_the_matching_issues(string query, string[] codes)
    {
        Assert.Equal(codes, (await ListAsync(query)).Codes);
    }

    [Fact]
    public async Task Time_range_filters_on_last_seen_from_inclusive_to_exclusive()
    {
        var now = scenario.Now;

        Assert.Equal([CheckoutFailed, ClientError, DbTimeout], (await ListAsync($"?from={Minute(now.AddHours(-1))}")).Codes);
        Assert.Equal([DiskFull], (await ListAsync($"?to={Minute(now.AddDays(-1))}")).Codes);
        // The e-mail bounce was last seen exactly five hours ago: From includes it; the quota warning, an hour earlier, is out.
        Assert.Equal([SlowRequest, RetentionDone, EmailBounce],
            (await ListAsync($"?from={Minute(now.AddHours(-5))}&to={Minute(now.AddHours(-1))}")).Codes);
    }

    [Fact]
    public async Task Each_row_shows_the_issue_its_counts_times_release_and_a_link_to_its_page_and_its_rows()
    {
        var list = await ListAsync("");
        var dbTimeout = await app.IssueIdAsync(DbTimeout);
        var row = list.Row(dbTimeout);

        Assert.Equal(ErrorIssueListPage.IssueUrl(dbTimeout), ErrorIssueListPage.TitleLink(row).GetAttribute("href"));
        Assert.Equal("Database timeout after 5000 ms", ErrorIssueListPage.TitleLink(row).TextContent);
        Assert.Equal("badge badge-error", row.QuerySelector(".badge")!.ClassName);
        Assert.Equal("error", ErrorIssueListPage.Cell(row, Column.Level));
        Assert.Equal("web", ErrorIssueListPage.Cell(row, Column.Service));
        Assert.Equal(DbTimeout, ErrorIssueListPage.Cell(row, Column.Code));
        Assert.Equal("Vybe.Web.History.HistoryStore.SaveAsync", ErrorIssueListPage.Cell(row, Column.Culprit));
        Assert.Equal("open", ErrorIssueListPage.Cell(row, Column.Status));
        // The counters are the issue's own: the merge moved the fingerprint, the merge action moves counts.
        Assert.Equal("3", ErrorIssueListPage.Cell(row, Column.Events));
        Assert.Equal($"/Admin/Errors/Log?issue={dbTimeout}", ErrorIssueListPage.CellElement(row, Column.Events).QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("2", ErrorIssueListPage.Cell(row, Column.Users));
        Assert.Equal(IsoSecond(scenario.DbTimeoutTimes[0]), ErrorIssueListPage.CellElement(row, Column.FirstSeen).QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal(IsoSecond(scenario.DbTimeoutTimes[^1]), ErrorIssueListPage.CellElement(row, Column.LastSeen).QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal(OldRelease, ErrorIssueListPage.Cell(row, Column.LastRelease));

        var client = list.Row(await app.IssueIdAsync(ClientError));
        Assert.Equal("/js/checkout.js", ErrorIssueListPage.Cell(client, Column.Culprit));
        Assert.Equal(scenario.ClientErrorTimes.Count.ToString(CultureInfo.InvariantCulture), ErrorIssueListPage.Cell(client, Column.Events));
        Assert.Equal(NewRelease, ErrorIssueListPage.Cell(client, Column.LastRelease));

        var table = list.Table;
        Assert.NotNull(table.QuerySelector("caption"));
        Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
    }

    private static string IsoSecond(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Status_reads_as_an_admin_needs_it_regression_and_expired_snooze_included()
    {
        var list = await ListAsync("");

        string StatusOf(string code) => ErrorIssueListPage.Cell(list.Rows[Array.IndexOf(NewestFirst, code)], Column.Status);
        Assert.Equal("open regression", StatusOf(CheckoutFailed));
        Assert.Equal("open", StatusOf(EmailBounce));
        Assert.Equal("snoozed", StatusOf(QuotaNear));
        Assert.Equal("ignored", StatusOf(RetentionDone));
        Assert.Equal("resolved", StatusOf(DiskFull));
    }

    [Fact]
    public async Task Sparkline_has_a_bar_per_hour_of_the_last_24_with_the_hourly_counts_and_says_them_in_words()
    {
        var list = await ListAsync("");
        var row = list.Row(await app.IssueIdAsync(ClientError));

        var expected = scenario.Expected(ErrorIssueTrendPeriod.Day, scenario.ClientErrorTimes);
        Assert.Equal(expected.Select(e => (ErrorLogDisplayIso(e.Key), e.Value)), ErrorIssueListPage.Buckets(row));
        // This hour, the last, five hours ago and the oldest hour of the chart: 1 + 3 + 5 + 2; the hour before the chart is not counted.
        var peakHour = ErrorIssueHour.Of(scenario.Now).AddHours(-5).UtcDateTime.ToString("HH:00", CultureInfo.InvariantCulture);
        var summary = $"11 events in the last 24 hours, peak 5 at {peakHour} UTC.";
        var svg = ErrorIssueListPage.Sparkline(row);
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal(summary, svg.GetAttribute("aria-label"));
        Assert.Equal(summary, svg.QuerySelector("title")!.TextContent);
        Assert.Equal("Last 24 hours", list.Table.QuerySelectorAll("thead th")[(int)Column.Trend].TextContent);
    }

    [Fact]
    public async Task Fourteen_day_sparkline_counts_per_day_and_a_merged_fingerprint_counts_for_the_issue_it_joined()
    {
        var list = await ListAsync("?period=14d");

        var client = list.Row(await app.IssueIdAsync(ClientError));
        var expected = scenario.Expected(ErrorIssueTrendPeriod.Fortnight, scenario.ClientErrorTimes);
        Assert.Equal(14, expected.Count);
        Assert.Equal(expected.Select(e => (ErrorLogDisplayIso(e.Key), e.Value)), ErrorIssueListPage.Buckets(client));
        Assert.StartsWith($"{scenario.ClientErrorTimes.Count} events in the last 14 days, peak ", ErrorIssueListPage.Sparkline(client).GetAttribute("aria-label"));

        var dbTimeout = list.Row(await app.IssueIdAsync(DbTimeout));
        var both = scenario.Expected(ErrorIssueTrendPeriod.Fortnight, scenario.DbTimeoutTimes.Concat(scenario.MergedTimes));
        Assert.Equal(both.Select(e => (ErrorLogDisplayIso(e.Key), e.Value)), ErrorIssueListPage.Buckets(dbTimeout));

        var hourly = (await ListAsync("")).Row(await app.IssueIdAsync(DbTimeout));
        Assert.StartsWith("5 events in the last 24 hours", ErrorIssueListPage.Sparkline(hourly).GetAttribute("aria-label"));
        // An issue with no event in the period still has its chart, and says so.
        var old = (await ListAsync("")).Row(await app.IssueIdAsync(DiskFull));
        Assert.Equal("No events in the last 24 hours.", ErrorIssueListPage.Sparkline(old).GetAttribute("aria-label"));
    }

    private static string ErrorLogDisplayIso(DateTimeOffset time) => ErrorLogDisplay.IsoUtc(time);

    [Fact]
    public async Task Filter_form_is_a_bookmarkable_get_form_enhanced_with_htmx_and_keeps_what_was_typed()
    {
        using var browser = await app.AdminBrowserAsync();

        var page = await browser.GetAsync($"{ErrorIssueListPage.Path}?status=open&level=warn&q=slow&period=14d");

        var list = new ErrorIssueListPage(page);
        var form = list.FilterForm;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/Admin/Errors", form.GetAttribute("hx-get"));
        Assert.Equal("#error-issues", form.GetAttribute("hx-target"));
        Assert.Equal("true", form.GetAttribute("hx-push-url"));
        Assert.Equal("open", list.Selected(ErrorIssueFilter.Keys.Status));
        Assert.Equal("warn", list.Selected(ErrorIssueFilter.Keys.Level));
        Assert.Equal("14d", list.Selected(ErrorIssueFilter.Keys.Period));
        Assert.Equal("slow", list.Field(ErrorIssueFilter.Keys.Text)!.GetAttribute("value"));
        Assert.All(list.VisibleFields, field => Assert.NotNull(page.Document.QuerySelector($"label[for='{field.Id}']")));
        Assert.Equal([SlowRequest], list.Codes);
    }

    [Fact]
    public async Task The_list_links_to_the_row_log_the_digest_and_admin_home()
    {
        var list = await ListAsync("");

        Assert.True(list.LinksTo("/Admin/Errors/Log"));
        Assert.True(list.LinksTo("/Admin/Errors/Digest"));
        Assert.True(list.LinksTo("/Admin"));
    }

    public static TheoryData<string, string, string> InvalidFilters => new()
    {
        { "?status=fixed", "status", "Status must be one of open, resolved, ignored, snoozed." },
        { "?level=fatal", "level", "Level must be one of error, warn, info." },
        { "?period=7d", "period", "Trend must be one of 24h, 14d." },
        { "?service=web%00", "service", "Service contains invisible control characters" },
        { "?release=%01", "release", "Release contains invisible control characters" },
        { "?q=" + new string('x', ErrorLogFilter.MaxTextLength + 1), "q", $"at most {ErrorLogFilter.MaxTextLength} characters" },
        { "?from=yesterday", "from", "From must be a date and time such as 2025-03-14T09:30 (UTC)." },
        { "?from=2025-03-14T10:00&to=2025-03-14T09:00", "to", "To must be later than From." },
        { "?cursor=%%%garbage", "cursor", "The link to older issues is damaged" },
    };

    [Theory]
    [MemberData(nameof(InvalidFilters))]
    public async Task Invalid_filter_value_gets_400_with_the_message_at_its_field_and_no_issues(string query, string field, string message)
    {
        using var browser = await app.AdminBrowserAsync();

        var page = await browser.GetAsync(ErrorIssueListPage.Path + query);

        var list = new ErrorIssueListPage(page);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, list.ErrorSummary!.TextContent);
        if (field != "cursor")
        {
            Assert.Contains(message, page.ErrorFor(field));
            var input = list.Field(field)!;
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.Contains($"{field}-error", input.GetAttribute("aria-describedby"));
        }
        Assert.Empty(list.Rows);
    }

    [Fact]
    public async Task Htmx_gets_the_results_fragment_and_a_bad_filter_the_form_with_its_errors_as_400()
    {
        using var browser = await app.AdminBrowserAsync();

        var fragment = await browser.GetHtmxAsync($"{ErrorIssueListPage.Path}?level=warn");
        var invalid = await browser.GetHtmxAsync($"{ErrorIssueListPage.Path}?status=nope");

        Assert.Equal(HttpStatusCode.OK, fragment.Status);
        Assert.DoesNotContain("site-header", fragment.Html);
        var results = ErrorIssueListPage.FromFragment(fragment.Html);
        Assert.Equal([SlowRequest, EmailBounce, QuotaNear], results.Codes);
        Assert.True(results.HeadingTakesFocus);
        Assert.Contains("HX-Request", fragment.Response.Headers.Vary);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.DoesNotContain("site-header", invalid.Html);
        var form = ErrorIssueListPage.FromFragment(invalid.Html);
        Assert.Equal("true", form.Field(ErrorIssueFilter.Keys.Status)!.GetAttribute("aria-invalid"));
        Assert.True(form.ErrorSummaryTakesFocus);
    }

    [Fact]
    public async Task The_list_with_its_sparklines_has_no_inline_script_or_style()
    {
        using var browser = await app.AdminBrowserAsync();

        foreach (var url in new[] { ErrorIssueListPage.Path, $"{ErrorIssueListPage.Path}?period=14d" })
        {
            var page = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.NotEmpty(page.Document.QuerySelectorAll("svg.issue-trend"));
            Assert.All(page.Document.Scripts, script => Assert.False(string.IsNullOrEmpty(script.Source), $"inline <script> on {url}"));
            Assert.Empty(page.Document.QuerySelectorAll("style, [style]"));
        }
    }

    // ------------------------------------------------------------ the row log's issue and release filters

    [Fact]
    public async Task Row_log_filtered_by_issue_shows_its_rows_and_those_of_the_fingerprint_merged_into_it()
    {
        using var browser = await app.AdminBrowserAsync();
        var dbTimeout = await app.IssueIdAsync(DbTimeout);

        var page = await browser.GetAsync($"{ErrorLogListPage.Path}?issue={dbTimeout}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var log = new ErrorLogListPage(page);
        Assert.Equal([DbTimeout, DbTimeout, DbTimeout, MergedAway, MergedAway], log.Codes);
        Assert.Equal(dbTimeout.ToString(CultureInfo.InvariantCulture), log.Field(ErrorLogFilter.Keys.Issue)!.GetAttribute("value"));
        Assert.Equal($"{ErrorLogListPage.ExportPath}?issue={dbTimeout}", log.CsvHref);
        Assert.Equal($"{ErrorLogListPage.Path}?issue={dbTimeout}&tail=1", log.LiveTailToggleHref);
    }

    [Fact]
    public async Task Row_log_filtered_by_release_shows_the_rows_that_release_wrote()
    {
        using var browser = await app.AdminBrowserAsync();

        var merged = new ErrorLogListPage(await browser.GetAsync($"{ErrorLogListPage.Path}?release={MergedRelease}"));
        var newer = new ErrorLogListPage(await browser.GetAsync($"{ErrorLogListPage.Path}?release={NewRelease}&code={SlowRequest}"));

        Assert.Equal([MergedAway, MergedAway], merged.Codes);
        Assert.Equal([SlowRequest], newer.Codes);
    }

    [Fact]
    public async Task Csv_export_and_live_tail_honour_the_issue_and_release_filters()
    {
        using var browser = await app.AdminBrowserAsync();
        var dbTimeout = await app.IssueIdAsync(DbTimeout);

        var csv = await browser.Client.GetStringAsync($"{ErrorLogListPage.ExportPath}?issue={dbTimeout}");
        var tail = await browser.GetHtmxAsync($"{ErrorLogListPage.TailPath}?release={MergedRelease}&after=0");

        Assert.Equal([DbTimeout, DbTimeout, DbTimeout, MergedAway, MergedAway], csv.Split("\r\n")[1..^1].Select(l => l.Split(',')[7]));
        Assert.Equal(HttpStatusCode.OK, tail.Status);
        Assert.Equal([MergedAway, MergedAway], ErrorLogListPage.FromTailRows(tail.Html).Codes);
        Assert.StartsWith($"{ErrorLogListPage.TailPath}?release={MergedRelease}&after=", ErrorLogListPage.FromTailRows(tail.Html).NextPoller.GetAttribute("hx-get"));
    }

    [Theory]
    [InlineData("?issue=abc")]
    [InlineData("?issue=0")]
    [InlineData("?issue=-4")]
    public async Task Row_log_refuses_an_issue_that_is_not_an_issue_number_with_400(string query)
    {
        using var browser = await app.AdminBrowserAsync();

        var page = await browser.GetAsync(ErrorLogListPage.Path + query);
        var export = await browser.Client.GetAsync(ErrorLogListPage.ExportPath + query);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Issue must be an issue number such as 42.", page.ErrorFor(ErrorLogFilter.Keys.Issue));
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
    }
}
