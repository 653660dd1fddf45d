using System.Net;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Accounts;

public sealed class AdminAccessTests(AdminAccessTests.Factory app) : IClassFixture<AdminAccessTests.Factory>
{
    public const string ConfiguredAdmin = "boss@example.com";

    public sealed class Factory : VybeAppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Vybe:Admin:Emails:0"] = ConfiguredAdmin,
        };
    }

    [Fact]
    public async Task Guest_is_sent_to_login_from_admin()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync("/Admin", followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal("/Account/Login?ReturnUrl=%2FAdmin", page.Response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Member_gets_403_with_an_explanation_on_admin()
    {
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(AccountSteps.NewEmail());

        var page = await browser.GetAsync("/Admin", followRedirects: false);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("only for admins", page.Text);
        Assert.Null(page.Document.QuerySelector("header a[href='/Admin']"));
    }

    [Fact]
    public async Task Configured_email_is_admin_once_its_confirmation_link_is_used()
    {
        using var browser = app.CreateBrowser();
        await browser.SignUpAndConfirmAsync(app.MailPickupDirectory, ConfiguredAdmin);

        var page = await browser.GetAsync("/Admin", followRedirects: false);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(ConfiguredAdmin, page.Text);
        Assert.NotNull(page.Document.QuerySelector("header a[href='/Admin']"));
    }

    [Fact]
    public async Task Grant_admin_command_makes_a_member_an_admin()
    {
        var email = AccountSteps.NewEmail("promoted");
        using var browser = app.CreateBrowser();
        await browser.SignUpAndConfirmAsync(app.MailPickupDirectory, email);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Admin", followRedirects: false)).Status);

        var result = await AppCommand.RunAsync(["grant-admin", email], AppCommand.PostgresEnvironment(app.ConnectionString));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"{email} is now an admin.", result.Output);
        Assert.DoesNotContain("not been confirmed", result.Output);
        // Roles live in the cookie; the security stamp check on each request picks up the new role at once.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Admin", followRedirects: false)).Status);
    }

    [Fact]
    public async Task Grant_admin_command_for_an_unknown_email_says_so_and_exits_1()
    {
        var result = await AppCommand.RunAsync(["grant-admin", "nobody@example.com"], AppCommand.PostgresEnvironment(app.ConnectionString));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No account has the e-mail address nobody@example.com", result.Output);
    }
}
