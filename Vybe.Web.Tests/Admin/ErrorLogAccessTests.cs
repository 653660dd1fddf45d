using System.Net;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Admin;

public sealed class ErrorLogAccessTests(AdminAppFactory app) : IClassFixture<AdminAppFactory>
{
    public static TheoryData<string> AdminUrls => new()
    {
        ErrorIssueListPage.Path,
        ErrorIssueListPage.Path + "?status=open",
        ErrorLogListPage.Path,
        ErrorLogListPage.Path + "?level=error",
        ErrorLogListPage.Path + "?issue=1",
        ErrorLogDetailPage.Url(1),
        ErrorLogDigestPage.Path,
        ErrorLogListPage.ExportPath,
        ErrorLogListPage.TailPath + "?after=0",
    };

    [Theory]
    [MemberData(nameof(AdminUrls))]
    public async Task Guest_is_sent_to_login_and_back(string url)
    {
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync(url, followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal($"/Account/Login?ReturnUrl={Uri.EscapeDataString(url)}", page.Response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [MemberData(nameof(AdminUrls))]
    public async Task Member_gets_403(string url)
    {
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(AccountSteps.NewEmail());

        var page = await browser.GetAsync(url, followRedirects: false);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("only for admins", page.Text);
    }
}
