using System.Net;
using System.Web;
using Vybe.Web.Tests.Infrastructure.Pages;
using static Vybe.Web.Tests.Admin.ErrorLogAdminSteps;

namespace Vybe.Web.Tests.Admin;

public sealed class ErrorLogLiveTailTests(AdminAppFactory app) : IClassFixture<AdminAppFactory>
{
    [Fact]
    public async Task Live_tail_polls_every_5_seconds_after_the_newest_row_and_prepends_into_the_table()
    {
        var rows = await app.InsertAsync(Row(WholeSecondNow(), "BEFORE_TAIL", service: "tailed"));
        using var browser = await app.AdminBrowserAsync();

        var page = new ErrorLogListPage(await browser.GetAsync($"{ErrorLogListPage.Path}?service=tailed&tail=1"));

        var poller = page.Poller!;
        Assert.Equal("every 5s", poller.GetAttribute("hx-trigger"));
        Assert.Equal("#error-rows", poller.GetAttribute("hx-target"));
        Assert.Equal("afterbegin", poller.GetAttribute("hx-swap"));
        Assert.Equal($"/Admin/Errors/Tail?service=tailed&after={rows[0].Id}", poller.GetAttribute("hx-get"));
        // The filter form keeps the tail on when the filter changes.
        Assert.True(page.KeepsLiveTail);
        Assert.Null(new ErrorLogListPage(await browser.GetAsync($"{ErrorLogListPage.Path}?service=tailed")).Poller);
    }

    [Fact]
    public async Task Tail_returns_only_newer_matching_rows_then_polls_after_the_newest_of_them_and_answers_204_when_idle()
    {
        var before = await app.InsertAsync(Row(WholeSecondNow(), "OLD", service: "tail-check"));
        using var browser = await app.AdminBrowserAsync();
        var poller = new ErrorLogListPage(await browser.GetAsync($"{ErrorLogListPage.Path}?service=tail-check&tail=1")).Poller!;
        var url = poller.GetAttribute("hx-get")!;

        var idle = await browser.GetHtmxAsync(url);
        Assert.Equal(HttpStatusCode.NoContent, idle.Status);
        Assert.Equal("", idle.Html);

        var arrived = await app.InsertAsync(
            Row(WholeSecondNow(), "NEW_ONE", service: "tail-check"),
            Row(WholeSecondNow(), "OTHER_SERVICE", service: "elsewhere"),
            Row(WholeSecondNow(), "NEW_TWO", service: "tail-check"));
        var poll = await browser.GetHtmxAsync(url);

        Assert.Equal(HttpStatusCode.OK, poll.Status);
        var table = ErrorLogListPage.FromTailRows(poll.Html);
        Assert.Equal([arrived[2].Id, arrived[0].Id], table.EntryIds);
        Assert.All(table.Rows, tr => Assert.Contains("is-new", tr.ClassName));
        Assert.DoesNotContain(before[0].Id, table.EntryIds);
        // The next poll asks after the newest row it has shown, so nothing is ever prepended twice.
        var nextPoller = table.NextPoller;
        Assert.Equal("true", nextPoller.GetAttribute("hx-swap-oob"));
        var nextUrl = nextPoller.GetAttribute("hx-get")!;
        Assert.Equal(arrived[2].Id.ToString(), HttpUtility.ParseQueryString(new Uri("http://x" + nextUrl).Query)["after"]);
        Assert.Equal("tail-check", HttpUtility.ParseQueryString(new Uri("http://x" + nextUrl).Query)["service"]);

        var again = await browser.GetHtmxAsync(nextUrl);
        Assert.Equal(HttpStatusCode.NoContent, again.Status);
    }

    [Theory]
    [InlineData(ErrorLogListPage.TailPath)]
    [InlineData(ErrorLogListPage.TailPath + "?after=-1")]
    [InlineData(ErrorLogListPage.TailPath + "?after=abc")]
    [InlineData(ErrorLogListPage.TailPath + "?after=1&userId=nope")]
    public async Task Tail_with_a_bad_after_id_or_filter_is_a_400_not_a_500(string url)
    {
        using var browser = await app.AdminBrowserAsync();

        var response = await browser.GetHtmxAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.False(string.IsNullOrWhiteSpace(response.Html));
    }
}
