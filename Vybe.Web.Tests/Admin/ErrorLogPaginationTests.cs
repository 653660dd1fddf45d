using System.Net;
using Vybe.Web.ErrorLog;
using Vybe.Web.Tests.Infrastructure.Pages;
using static Vybe.Web.Tests.Admin.ErrorLogAdminSteps;

namespace Vybe.Web.Tests.Admin;

public sealed class ErrorLogPaginationTests(AdminAppFactory app) : IClassFixture<AdminAppFactory>
{
    [Fact]
    public async Task Walking_older_entries_links_returns_every_row_once_in_order_while_new_rows_arrive()
    {
        var start = WholeSecondNow().AddHours(-1);
        // 130 rows over 65 distinct times: pairs share a timestamp, so the id must break ties.
        var seeded = await app.InsertAsync(Enumerable.Range(0, 130)
            .Select(i => Row(start.AddSeconds(-(i / 2)), $"CODE_{i % 7}", service: "paged", message: $"row {i}"))
            .ToArray());
        var expected = seeded.OrderByDescending(r => r.Ts).ThenByDescending(r => r.Id).Select(r => r.Id).ToList();
        using var browser = await app.AdminBrowserAsync();

        var walked = new List<long>();
        var pages = 0;
        string? url = $"{ErrorLogListPage.Path}?service=paged";
        while (url is not null)
        {
            var page = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var list = new ErrorLogListPage(page);
            var ids = list.EntryIds;
            Assert.True(ids.Count <= ErrorLogQueries.DefaultPageSize);
            walked.AddRange(ids);
            pages++;
            // Newer rows land at the top of the log between page fetches, as they would in production.
            await app.InsertAsync(Row(DateTimeOffset.UtcNow, "ARRIVED_LATE", service: "paged"), Row(start, "SAME_TIME_AS_NEWEST", service: "paged"));
            var older = list.OlderLink;
            url = older?.GetAttribute("href");
            if (older is not null)
            {
                Assert.Equal(url, older.GetAttribute("hx-get"));
                Assert.Equal("#error-log", older.GetAttribute("hx-target"));
                Assert.DoesNotContain("offset", url, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Equal(3, pages);
        Assert.Equal(expected, walked);
    }

    [Fact]
    public async Task Older_page_through_htmx_is_a_fragment_with_a_link_back_to_the_newest_entries()
    {
        await app.InsertAsync(Enumerable.Range(0, 60).Select(i => Row(WholeSecondNow().AddMinutes(-i), "FRAG", service: "fragmented")).ToArray());
        using var browser = await app.AdminBrowserAsync();
        var first = new ErrorLogListPage(await browser.GetAsync($"{ErrorLogListPage.Path}?service=fragmented"));
        var older = first.OlderLink!.GetAttribute("href")!;

        var response = await browser.GetHtmxAsync(older);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var fragment = ErrorLogListPage.FromFragment(response.Html);
        Assert.Equal(10, fragment.EntryIds.Count);
        Assert.Null(fragment.OlderLink);
        Assert.Equal("/Admin/Errors/Log?service=fragmented", fragment.PagerFirstLink!.GetAttribute("href"));
        // Live tail follows the newest entries, so an older page does not offer it.
        Assert.DoesNotContain("Start live tail", fragment.Text);
    }
}
