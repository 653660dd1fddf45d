using System.Net;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Tests.Infrastructure.Pages;
using static Vybe.Web.Tests.Admin.ErrorLogAdminSteps;

namespace Vybe.Web.Tests.Admin;

public sealed class ErrorIssuePaginationTests(ErrorIssueAppFactory app) : IClassFixture<ErrorIssueAppFactory>
{
    [Fact]
    public async Task Walking_older_issues_links_returns_every_issue_once_in_order_and_keeps_the_filter()
    {
        var now = app.Clock.GetUtcNow();
        // 55 issues over 28 distinct times: pairs share their last seen, so the id must break ties.
        await app.WriteAsync(Enumerable.Range(0, 55)
            .Select(i => Row(now.AddMinutes(-(i / 2)), $"PAGED_{(char)('A' + i / 26)}{(char)('A' + i % 26)}", service: "paged"))
            .Append(Row(now, "NOT_PAGED", service: "other"))
            .ToArray());
        var expected = await app.WithDbAsync(db => db.ErrorIssues.Where(i => i.Service == "paged")
            .OrderByDescending(i => i.LastSeen).ThenByDescending(i => i.Id).Select(i => i.Id).ToListAsync());
        using var browser = await app.AdminBrowserAsync();

        var walked = new List<long>();
        var pages = 0;
        string? url = $"{ErrorIssueListPage.Path}?service=paged&period=14d";
        while (url is not null)
        {
            var page = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var list = new ErrorIssueListPage(page);
            Assert.True(list.IssueIds.Count <= ErrorIssueQueries.DefaultPageSize);
            Assert.All(list.Rows, row => Assert.Equal("14d", ErrorIssueListPage.Sparkline(row).GetAttribute("data-period")));
            walked.AddRange(list.IssueIds);
            pages++;
            var older = list.OlderLink;
            url = older?.GetAttribute("href");
            if (older is not null)
            {
                Assert.StartsWith($"{ErrorIssueListPage.Path}?service=paged&period=14d&cursor=", url);
                Assert.Equal(url, older.GetAttribute("hx-get"));
                Assert.Equal("#error-issues", older.GetAttribute("hx-target"));
            }
        }

        Assert.Equal(2, pages);
        Assert.Equal(55, expected.Count);
        Assert.Equal(expected, walked);
    }

    [Fact]
    public async Task Older_page_through_htmx_is_a_fragment_with_a_link_back_to_the_most_recent_issues_with_the_filter()
    {
        var now = app.Clock.GetUtcNow();
        await app.WriteAsync(Enumerable.Range(0, 52).Select(i => Row(now.AddHours(-i), $"FRAG_{i:D2}_X", ErrorLogLevels.Warn, service: "fragmented")).ToArray());
        using var browser = await app.AdminBrowserAsync();
        var first = new ErrorIssueListPage(await browser.GetAsync($"{ErrorIssueListPage.Path}?service=fragmented&level=warn"));
        var older = first.OlderLink!.GetAttribute("href")!;

        var response = await browser.GetHtmxAsync(older);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var fragment = ErrorIssueListPage.FromFragment(response.Html);
        Assert.Equal(2, fragment.IssueIds.Count);
        Assert.Null(fragment.OlderLink);
        Assert.Equal("/Admin/Errors?level=warn&service=fragmented", fragment.PagerFirstLink!.GetAttribute("href"));
        Assert.Contains("(older page)", fragment.Text);
    }
}
