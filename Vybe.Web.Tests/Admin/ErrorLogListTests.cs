using System.Net;
using Vybe.Web.ErrorLog;
using Vybe.Web.Tests.Infrastructure.Pages;
using Vybe.Web.Web;
using static Vybe.Web.Tests.Admin.ErrorLogAdminSteps;

namespace Vybe.Web.Tests.Admin;

/// <summary>The list page's filters, validation and htmx behaviour over one fixed set of rows that no test here changes.</summary>
public sealed class ErrorLogListTests(AdminAppFactory app) : IClassFixture<AdminAppFactory>, IAsyncLifetime
{
    private static readonly DateTimeOffset Base = WholeSecondNow().AddHours(-1);
    private static readonly Guid RequestOne = Guid.Parse("11111111-1111-4111-8111-111111111111");
    private static readonly Guid RequestTwo = Guid.Parse("22222222-2222-4222-8222-222222222222");
    private static readonly Guid UserOne = Guid.Parse("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa");
    private static readonly Guid UserTwo = Guid.Parse("bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb");

    // One code per row, so every assertion can name rows by code.
    private static readonly ErrorLogEntry[] Seed =
    [
        Row(Base.AddMinutes(-10), "DB_TIMEOUT", message: "Database timeout while saving a reading", requestId: RequestOne, userId: UserOne,
            details: """{"elapsedMs":5012,"sql":{"table":"readings","op":"insert"},"retries":[100,200,400]}"""),
        Row(Base.AddMinutes(-9), "SLOW_REQUEST", ErrorLogLevels.Warn, message: "Slow request to /readings", requestId: RequestOne, userId: UserOne),
        Row(Base.AddMinutes(-8), "READING_SAVED", ErrorLogLevels.Info, message: "Reading saved after a retry", requestId: RequestOne, userId: UserOne),
        Row(Base.AddMinutes(-30), "RETENTION_DONE", ErrorLogLevels.Info, service: "worker", environment: "staging", message: "Retention deleted 12 rows"),
        Row(Base.AddHours(-2), "CLIENT_ERROR", service: "client", message: "TypeError: x is UNDEFINED in site.js", requestId: RequestTwo, userId: UserTwo),
        Row(Base.AddDays(-3), "UNHANDLED_ERROR", environment: "development", message: "Unhandled 100%_literal failure"),
        Row(Base.AddDays(-4), "CSV_CHECK", ErrorLogLevels.Warn, environment: "test",
            message: "=HYPERLINK(\"http://evil.example\",\"click\")", ua: "agent, with a comma\nand a line break"),
    ];

    public Task InitializeAsync() => app.SeedOnceAsync(factory => factory.InsertAsync(Seed));

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<string>> CodesForAsync(string query)
    {
        using var browser = await app.AdminBrowserAsync();
        var page = await browser.GetAsync(ErrorLogListPage.Path + query);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return new ErrorLogListPage(page).Codes;
    }

    private static long IdOf(string code) => Seed.Single(r => r.Code == code).Id;

    [Fact]
    public async Task Without_a_filter_every_row_is_listed_newest_first()
    {
        Assert.Equal(["READING_SAVED", "SLOW_REQUEST", "DB_TIMEOUT", "RETENTION_DONE", "CLIENT_ERROR", "UNHANDLED_ERROR", "CSV_CHECK"],
            await CodesForAsync(""));
    }

    public static TheoryData<string, string[]> Filters => new()
    {
        { "?level=warn", ["SLOW_REQUEST", "CSV_CHECK"] },
        { "?level=INFO", ["READING_SAVED", "RETENTION_DONE"] },
        { "?service=client", ["CLIENT_ERROR"] },
        { "?environment=staging", ["RETENTION_DONE"] },
        { "?code=UNHANDLED_ERROR", ["UNHANDLED_ERROR"] },
        // Case-insensitive, and % or _ typed by the admin are literal characters, not wildcards.
        { "?q=undefined", ["CLIENT_ERROR"] },
        { "?q=100%25_lit", ["UNHANDLED_ERROR"] },
        { "?q=a_b", [] },
        { $"?requestId={RequestOne}", ["READING_SAVED", "SLOW_REQUEST", "DB_TIMEOUT"] },
        { $"?userId={UserTwo}", ["CLIENT_ERROR"] },
        { "?level=error&service=web", ["DB_TIMEOUT", "UNHANDLED_ERROR"] },
        { "?service=&level=&q=", ["READING_SAVED", "SLOW_REQUEST", "DB_TIMEOUT", "RETENTION_DONE", "CLIENT_ERROR", "UNHANDLED_ERROR", "CSV_CHECK"] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_lists_exactly_the_matching_rows(string query, string[] codes)
    {
        Assert.Equal(codes, await CodesForAsync(query));
    }

    [Fact]
    public async Task Time_range_from_datetime_local_values_is_read_as_utc_from_inclusive_to_exclusive()
    {
        var from = Base.AddMinutes(-30).UtcDateTime.ToString("yyyy-MM-ddTHH:mm");
        var to = Base.AddMinutes(-8).UtcDateTime.ToString("yyyy-MM-ddTHH:mm");

        var codes = await CodesForAsync($"?from={from}&to={to}");

        Assert.Equal(["SLOW_REQUEST", "DB_TIMEOUT", "RETENTION_DONE"], codes);
    }

    [Fact]
    public async Task Filter_form_is_a_bookmarkable_get_form_enhanced_with_htmx_and_keeps_what_was_typed()
    {
        using var browser = await app.AdminBrowserAsync();

        var page = await browser.GetAsync($"{ErrorLogListPage.Path}?level=warn&q=slow&requestId={RequestOne}");

        var list = new ErrorLogListPage(page);
        var form = list.FilterForm;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/Admin/Errors/Log", form.GetAttribute("hx-get"));
        Assert.Equal("#error-log", form.GetAttribute("hx-target"));
        Assert.Equal("true", form.GetAttribute("hx-push-url"));
        Assert.Equal("warn", list.SelectedLevel);
        Assert.Equal("slow", list.MessageField.GetAttribute("value"));
        Assert.Contains("UTC", list.TimeHint);
        Assert.All(list.VisibleFields, field => Assert.NotNull(page.Document.QuerySelector($"label[for='{field.Id}']")));
        Assert.Equal(["SLOW_REQUEST"], list.Codes);
        Assert.Equal($"/Admin/Errors/Export?level=warn&q=slow&requestId={RequestOne}", list.CsvHref);
    }

    [Fact]
    public async Task Links_that_keep_the_filter_carry_it_as_read_with_the_level_in_lower_case_and_times_in_utc()
    {
        using var browser = await app.AdminBrowserAsync();
        const string Filter = "level=warn&from=2000-01-01T08%3A30%3A00";

        var page = new ErrorLogListPage(await browser.GetAsync($"{ErrorLogListPage.Path}?level=WARN&from=2000-01-01T10:30%2B02:00"));
        var live = new ErrorLogListPage(await browser.GetAsync($"{ErrorLogListPage.Path}?level=WARN&from=2000-01-01T10:30%2B02:00&tail=1"));

        Assert.Equal($"{ErrorLogListPage.ExportPath}?{Filter}", page.CsvHref);
        Assert.Equal($"{ErrorLogListPage.Path}?{Filter}&tail=1", page.LiveTailToggleHref);
        Assert.Equal($"{ErrorLogListPage.Path}?{Filter}", live.LiveTailToggleHref);
        Assert.StartsWith($"{ErrorLogListPage.TailPath}?{Filter}&after=", live.Poller!.GetAttribute("hx-get"));
        Assert.Equal(["SLOW_REQUEST", "CSV_CHECK"], page.Codes);
    }

    [Fact]
    public async Task Each_row_shows_time_level_service_environment_code_message_request_and_a_detail_link()
    {
        using var browser = await app.AdminBrowserAsync();

        var page = await browser.GetAsync($"{ErrorLogListPage.Path}?code=CLIENT_ERROR");

        var list = new ErrorLogListPage(page);
        var row = list.FirstRow;
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal($"#{IdOf("CLIENT_ERROR")}", cells[0]);
        Assert.Equal(Base.AddHours(-2).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"), row.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal(["error", "client", "production", "CLIENT_ERROR", "TypeError: x is UNDEFINED in site.js", "22222222"], cells[2..]);
        Assert.Equal("badge badge-error", row.QuerySelector(".badge")!.ClassName);
        Assert.Equal($"/Admin/Errors/Details/{IdOf("CLIENT_ERROR")}", ErrorLogListPage.DetailLink(row).GetAttribute("href"));
        Assert.Equal($"/Admin/Errors/Log?requestId={RequestTwo}", ErrorLogListPage.RequestLink(row).GetAttribute("href"));
        var table = list.Table;
        Assert.NotNull(table.QuerySelector("caption"));
        Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
    }

    public static TheoryData<string, string, string> InvalidFilters => new()
    {
        { "?level=fatal", "level", "Level must be one of error, warn, info." },
        { "?environment=prod", "environment", "Environment must be one of development, test, staging, production." },
        { "?requestId=not-a-guid", "requestId", "Request id must be a UUID" },
        { "?userId=12345", "userId", "User id must be a UUID" },
        { "?from=yesterday", "from", "From must be a date and time such as 2025-03-14T09:30 (UTC)." },
        { "?to=2025-13-40T99:99", "to", "To must be a date and time" },
        { "?from=2025-03-14T10:00&to=2025-03-14T09:00", "to", "To must be later than From." },
        { "?cursor=%%%garbage", "cursor", "The link to older entries is damaged" },
    };

    [Theory]
    [MemberData(nameof(InvalidFilters))]
    public async Task Invalid_filter_value_gets_400_with_the_message_at_its_field_and_no_rows(string query, string field, string message)
    {
        using var browser = await app.AdminBrowserAsync();

        var page = await browser.GetAsync(ErrorLogListPage.Path + query);

        var list = new ErrorLogListPage(page);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, list.ErrorSummary!.TextContent);
        if (field != "cursor")
        {
            Assert.Contains(message, page.ErrorFor(field));
            var input = list.Field(field)!;
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.Contains($"{field}-error", input.GetAttribute("aria-describedby"));
        }
        Assert.Empty(list.EntryIds);
    }

    [Fact]
    public async Task Invalid_filter_through_htmx_gets_400_with_the_form_and_its_errors_for_htmx_to_swap()
    {
        using var browser = await app.AdminBrowserAsync();

        var response = await browser.GetHtmxAsync($"{ErrorLogListPage.Path}?requestId=nope");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.DoesNotContain("site-header", response.Html);
        var fragment = ErrorLogListPage.FromFragment(response.Html);
        Assert.Equal("true", fragment.RequestIdField.GetAttribute("aria-invalid"));
        Assert.True(fragment.ErrorSummaryTakesFocus);
    }

    [Fact]
    public async Task Htmx_request_gets_the_results_fragment_and_boosted_or_plain_requests_the_whole_page_all_varying_on_hx_request()
    {
        using var browser = await app.AdminBrowserAsync();

        var url = $"{ErrorLogListPage.Path}?level=warn";
        var fragment = await browser.GetHtmxAsync(url);
        var boosted = await browser.GetHtmxAsync(url, boosted: true);
        var plain = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, fragment.Status);
        Assert.DoesNotContain("<html", fragment.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("site-header", fragment.Html);
        var results = ErrorLogListPage.FromFragment(fragment.Html);
        Assert.Equal([IdOf("SLOW_REQUEST"), IdOf("CSV_CHECK")], results.EntryIds);
        Assert.True(results.HeadingTakesFocus);

        Assert.Contains("<html", boosted.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<html", plain.Document.Source.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Null(plain.Document.QuerySelector("[autofocus]"));
        Assert.True(fragment.Response.Headers.Vary.Contains("HX-Request"), fragment.Response.Headers.ToString());
        Assert.Contains("HX-Request", boosted.Response.Headers.Vary);
        Assert.Contains("HX-Request", plain.Response.Headers.Vary);
    }

    [Fact]
    public async Task List_pages_have_no_inline_script_or_style_for_the_policy_to_block()
    {
        using var browser = await app.AdminBrowserAsync();

        foreach (var url in new[] { $"{ErrorLogListPage.Path}?tail=1", ErrorIssueListPage.Path, ErrorLogDigestPage.Path, ErrorLogDetailPage.Url(IdOf("DB_TIMEOUT")), "/Admin" })
        {
            var page = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.All(page.Document.Scripts, script => Assert.False(string.IsNullOrEmpty(script.Source), $"inline <script> on {url}"));
            Assert.Empty(page.Document.QuerySelectorAll("style, [style]"));
        }
    }

    [Fact]
    public async Task Admin_home_links_to_the_issues_the_error_log_and_the_digest()
    {
        using var browser = await app.AdminBrowserAsync();

        var page = await browser.GetAsync("/Admin");

        Assert.NotNull(page.Document.QuerySelector("main a[href='/Admin/Errors']"));
        Assert.NotNull(page.Document.QuerySelector("main a[href='/Admin/Errors/Log']"));
        Assert.NotNull(page.Document.QuerySelector("main a[href='/Admin/Errors/Digest']"));
    }

    [Fact]
    public async Task List_shows_the_dropped_entries_count()
    {
        using var browser = await app.AdminBrowserAsync();

        var page = await browser.GetAsync(ErrorLogListPage.Path);

        Assert.Contains("dropped because the log queue was full", page.Text);
        Assert.Matches(@"^\d+$", new ErrorLogListPage(page).DroppedCount);
    }

    [Fact]
    public async Task Detail_shows_every_field_pretty_printed_details_and_the_other_rows_of_the_same_request_oldest_first()
    {
        using var browser = await app.AdminBrowserAsync();

        var page = await browser.GetAsync(ErrorLogDetailPage.Url(IdOf("DB_TIMEOUT")));
        var detail = new ErrorLogDetailPage(page);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Database timeout while saving a reading", page.Text);
        Assert.Contains(RequestOne.ToString(), page.Text);
        Assert.Contains(UserOne.ToString(), page.Text);
        Assert.Contains("203.0.113.7", page.Text);
        Assert.Contains("Mozilla/5.0 (test)", page.Text);
        var details = detail.Details;
        // jsonb keeps keys in its own order (shorter keys first), which the page shows as stored.
        Assert.Equal("""
            {
              "sql": {
                "op": "insert",
                "table": "readings"
              },
              "retries": [
                100,
                200,
                400
              ],
              "elapsedMs": 5012
            }
            """.ReplaceLineEndings("\n"), details.ReplaceLineEndings("\n"));
        Assert.Equal([IdOf("SLOW_REQUEST"), IdOf("READING_SAVED")], detail.SameRequestIds);
    }

    [Fact]
    public async Task Detail_of_an_unknown_id_is_a_404_page()
    {
        using var browser = await app.AdminBrowserAsync();

        var page = await browser.GetAsync(ErrorLogDetailPage.Url(987654321));

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("We could not find that page", page.Text);
    }

    [Fact]
    public async Task Csv_export_has_a_header_and_exactly_the_filtered_rows_newest_first_as_a_dated_attachment()
    {
        using var browser = await app.AdminBrowserAsync();

        var response = await browser.Client.GetAsync($"{ErrorLogListPage.ExportPath}?requestId={RequestOne}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Matches(@"^error-log-\d{8}-\d{6}\.csv$", disposition.FileName!.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("id,ts,environment,service,level,request_id,user_id,code,message,details,ip,ua", lines[0]);
        Assert.Equal("", lines[^1]);
        Assert.Equal(["READING_SAVED", "SLOW_REQUEST", "DB_TIMEOUT"], lines[1..^1].Select(l => l.Split(',')[7]));
        Assert.Equal($"{IdOf("SLOW_REQUEST")},{Base.AddMinutes(-9).UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z,production,web,warn,{RequestOne},{UserOne},"
            + "SLOW_REQUEST,Slow request to /readings,,203.0.113.7,Mozilla/5.0 (test)", lines[2]);
    }

    [Fact]
    public async Task Csv_export_quotes_commas_quotes_and_line_breaks_and_defuses_formulas()
    {
        using var browser = await app.AdminBrowserAsync();

        var csv = await browser.Client.GetStringAsync($"{ErrorLogListPage.ExportPath}?code=CSV_CHECK");

        var row = csv.Split("\r\n")[1..^1];
        // The message would run as a formula in a spreadsheet: it gets a leading quote, then RFC 4180 quoting.
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",", csv);
        // The user agent holds a comma and a line break: quoted, and the line break kept inside the field.
        Assert.EndsWith(",\"agent, with a comma\nand a line break\"", row[0]);
        Assert.Single(row);
    }

    [Fact]
    public void Csv_cells_starting_with_formula_characters_are_prefixed_and_plain_cells_left_alone()
    {
        Assert.Equal("'=1+1", Csv.Cell("=1+1"));
        Assert.Equal("'+1", Csv.Cell("+1"));
        Assert.Equal("'-1", Csv.Cell("-1"));
        Assert.Equal("'@SUM(A1)", Csv.Cell("@SUM(A1)"));
        Assert.Equal("'\tx", Csv.Cell("\tx"));
        Assert.Equal("\"'=a,b\"", Csv.Cell("=a,b"));
        Assert.Equal("plain text", Csv.Cell("plain text"));
        Assert.Equal("\"line\nbreak\"", Csv.Cell("line\nbreak"));
        Assert.Equal("", Csv.Cell(null));
    }

    [Fact]
    public async Task Csv_export_with_an_invalid_filter_is_a_400_with_the_reason()
    {
        using var browser = await app.AdminBrowserAsync();

        var response = await browser.Client.GetAsync($"{ErrorLogListPage.ExportPath}?level=loud");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Level must be one of", await response.Content.ReadAsStringAsync());
    }
}
