using System.Net;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Web;

/// <summary>
/// Every form and link that htmx enhances names its URL once (<c>asp-page</c>): the htmx request
/// goes exactly where the plain one goes, on every page a visitor reaches.
/// </summary>
public sealed class HtmxUrlTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    [Fact]
    public async Task Every_htmx_form_and_link_goes_where_its_plain_form_or_link_goes()
    {
        using var browser = app.CreateBrowser();
        // A member (a guest keeps 20 readings, one page): more readings than one history page holds, so that its "Load more" link is there too.
        await browser.SignUpAsync(AccountSteps.NewEmail("htmx-urls"));
        for (var i = 0; i < 21; i++)
        {
            await browser.ReadNumberAsync($"{100 + i}");
        }
        var reading = await browser.ReadTimeAsync("11:11");
        var permalink = reading.Document.QuerySelector(".reading-saved a")!.GetAttribute("href")!;

        var pages = new List<HtmlBrowser.Page>();
        foreach (var form in new[] { HomePage.Time, HomePage.Number, HomePage.Compare, HomePage.Photo })
        {
            pages.Add(await browser.OpenAsync(form));
        }
        pages.Add(await browser.GetAsync("/history"));
        pages.Add(await browser.GetAsync(permalink));

        var checkedElements = 0;
        foreach (var page in pages)
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            foreach (var form in page.Document.QuerySelectorAll("form[hx-post]"))
            {
                Assert.False(string.IsNullOrEmpty(form.GetAttribute("action")), $"a form on {page.Url} has no action");
                Assert.Equal(form.GetAttribute("action"), form.GetAttribute("hx-post"));
                checkedElements++;
            }
            foreach (var link in page.Document.QuerySelectorAll("a[hx-get]"))
            {
                Assert.False(string.IsNullOrEmpty(link.GetAttribute("href")), $"a link on {page.Url} has no href");
                Assert.Equal(link.GetAttribute("href"), link.GetAttribute("hx-get"));
                checkedElements++;
            }
        }
        // The four reading forms, a delete form per history row, the history's "Load more", the share
        // toggle and the sighting form on the permalink.
        var history = pages[4].Document;
        Assert.NotNull(history.QuerySelector("li.load-more a[hx-get]"));
        var rows = history.QuerySelectorAll(".history-item form[hx-post]").Length;
        Assert.True(rows > 1, "the history shows no rows to delete");
        Assert.NotNull(pages[5].Document.QuerySelector("#share-panel form[hx-post]"));
        Assert.NotNull(pages[5].Document.QuerySelector(".sighting-panel form[hx-post]"));
        Assert.Equal(4 + rows + 1 + 1 + 1, checkedElements);
    }
}
