using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vybe.Web.ErrorLog;
using Vybe.Web.Tests.Infrastructure.Pages;
using static Vybe.Web.Tests.Admin.ErrorLogAdminSteps;

namespace Vybe.Web.Tests.Admin;

/// <summary>
/// The digest reads the real clock through HTTP, so rows are seeded hours away from the window
/// edges: a test that takes seconds cannot move a row across one. They are seeded through the
/// writer's store, which counts them into issues as it stores them: the top issues come from those counts.
/// </summary>
public sealed class ErrorLogDigestTests(AdminAppFactory app) : IClassFixture<AdminAppFactory>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = WholeSecondNow();

    private static readonly ErrorLogEntry[] Seed =
    [
        Row(Now.AddHours(-1), "DB_TIMEOUT"),
        Row(Now.AddHours(-2), "DB_TIMEOUT"),
        Row(Now.AddHours(-3), "CLIENT_ERROR", service: "client"),
        Row(Now.AddHours(-5), "SLOW_REQUEST", ErrorLogLevels.Warn),
        // The 24 hours before the last 24 hours (and still inside the last 7 days).
        Row(Now.AddHours(-30), "DB_TIMEOUT"),
        Row(Now.AddHours(-40), "SLOW_REQUEST", ErrorLogLevels.Warn),
        Row(Now.AddHours(-40), "SLOW_REQUEST", ErrorLogLevels.Warn, service: "worker"),
        Row(Now.AddDays(-3), "RETENTION_DONE", ErrorLogLevels.Info, service: "worker"),
        Row(Now.AddDays(-6), "DB_TIMEOUT"),
        // The 7 days before the last 7 days.
        Row(Now.AddDays(-8), "DB_TIMEOUT"),
        Row(Now.AddDays(-10), "RETENTION_DONE", ErrorLogLevels.Info, service: "worker"),
        // Older than both comparisons: counted nowhere.
        Row(Now.AddDays(-20), "OLD_CODE"),
    ];

    public Task InitializeAsync() =>
        app.SeedOnceAsync(factory => factory.Services.GetRequiredService<IErrorLogStore>().InsertAsync(Seed, CancellationToken.None));

    private Task<long> IssueIdAsync(string code, string service = "web") =>
        app.WithDbAsync(db => db.ErrorIssues.Where(i => i.Code == code && i.Service == service).Select(i => i.Id).SingleAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<ErrorLogDigestPage> DigestAsync()
    {
        using var browser = await app.AdminBrowserAsync();
        var page = await browser.GetAsync(ErrorLogDigestPage.Path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return new ErrorLogDigestPage(page.Document);
    }

    [Fact]
    public async Task Last_24_hours_counts_by_level_and_service_against_the_24_hours_before()
    {
        var digest = await DigestAsync();

        Assert.Equal(
        [
            ["error", "3", "1", "+2 (+200%)"],
            ["warn", "1", "2", "−1 (−50%)"],
            ["info", "0", "0", "no change"],
        ], digest.Table("Last 24 hours: by level"));
        Assert.Equal(
        [
            ["web", "3", "2", "+1 (+50%)"],
            ["client", "1", "0", "new"],
            ["worker", "0", "1", "−1 (−100%)"],
        ], digest.Table("Last 24 hours: by service"));
    }

    [Fact]
    public async Task Last_7_days_counts_by_level_and_service_against_the_7_days_before()
    {
        var digest = await DigestAsync();

        Assert.Equal(
        [
            ["error", "5", "1", "+4 (+400%)"],
            ["warn", "3", "0", "new"],
            ["info", "1", "1", "no change"],
        ], digest.Table("Last 7 days: by level"));
        Assert.Equal(
        [
            ["web", "6", "1", "+5 (+500%)"],
            ["worker", "2", "1", "+1 (+100%)"],
            ["client", "1", "0", "new"],
        ], digest.Table("Last 7 days: by service"));
    }

    [Fact]
    public async Task Top_issues_count_each_issues_hours_against_the_period_before_and_name_code_level_and_last_seen()
    {
        var digest = await DigestAsync();

        string Time(DateTimeOffset ts) => ts.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss");
        // Each issue on its own: SLOW_REQUEST of web and of worker are two issues, where a count by code made them one.
        Assert.Equal(
        [
            ["Something happened: DB_TIMEOUT", "DB_TIMEOUT", "error", "2", "1", "+1 (+100%)", Time(Now.AddHours(-1))],
            ["Something happened: CLIENT_ERROR", "CLIENT_ERROR", "error", "1", "0", "new", Time(Now.AddHours(-3))],
            ["Something happened: SLOW_REQUEST", "SLOW_REQUEST", "warn", "1", "1", "no change", Time(Now.AddHours(-5))],
        ], digest.Table("Last 24 hours: top 10 issues"));
        Assert.Equal(
        [
            ["Something happened: DB_TIMEOUT", "DB_TIMEOUT", "error", "4", "1", "+3 (+300%)", Time(Now.AddHours(-1))],
            ["Something happened: SLOW_REQUEST", "SLOW_REQUEST", "warn", "2", "0", "new", Time(Now.AddHours(-5))],
            ["Something happened: CLIENT_ERROR", "CLIENT_ERROR", "error", "1", "0", "new", Time(Now.AddHours(-3))],
            ["Something happened: SLOW_REQUEST", "SLOW_REQUEST", "warn", "1", "0", "new", Time(Now.AddHours(-40))],
            ["Something happened: RETENTION_DONE", "RETENTION_DONE", "info", "1", "1", "no change", Time(Now.AddDays(-3))],
        ], digest.Table("Last 7 days: top 10 issues"));
    }

    [Fact]
    public async Task Top_issues_link_to_the_issue_page_and_their_code_to_the_filtered_list()
    {
        var digest = await DigestAsync();

        Assert.True(digest.LinksTo($"/Admin/Errors/Issues/{await IssueIdAsync("DB_TIMEOUT")}"));
        Assert.True(digest.LinksTo($"/Admin/Errors/Issues/{await IssueIdAsync("SLOW_REQUEST", service: "worker")}"));
        Assert.True(digest.LinksTo("/Admin/Errors/Log?code=DB_TIMEOUT"));
    }

    [Fact]
    public async Task Digest_totals_each_window_and_links_codes_to_the_filtered_list()
    {
        var digest = await DigestAsync();

        var windows = digest.WindowSummaries;
        Assert.Matches(@"^\s*4\s+entries\s+\(period before: 3; \+1 \(\+33\.3%\)\)", windows[0]);
        Assert.Matches(@"^\s*9\s+entries\s+\(period before: 2; \+7 \(\+350%\)\)", windows[1]);
        Assert.True(digest.LinksTo("/Admin/Errors/Log?code=DB_TIMEOUT"));
    }
}
