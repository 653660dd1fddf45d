using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vybe.Web.Accounts;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Accounts;

public sealed class AdminAccessTests(AdminAccessTests.Factory app) : IClassFixture<AdminAccessTests.Factory>
{
    public const string ConfiguredAdmin = "boss@example.com";
    private const string UnconfirmedAdmin = "unconfirmed.boss@example.com";

    public sealed class Factory : VybeAppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Vybe:Admin:Emails:0"] = ConfiguredAdmin,
            ["Vybe:Admin:Emails:1"] = UnconfirmedAdmin,
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
        // Roles live in the cookie, and the grant bumped the security stamp: the cookie that knew the
        // member without the role is signed out at its next request, and a new log-in carries the role.
        var stale = await browser.GetAsync("/Admin", followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, stale.Status);
        Assert.StartsWith("/Account/Login", stale.Response.Headers.Location!.PathAndQuery);
        await browser.LogInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Admin", followRedirects: false)).Status);
    }

    [Fact]
    public async Task Taking_the_admin_role_back_signs_out_the_sessions_that_still_carry_it()
    {
        // An unconfirmed account at a configured address that holds the role (as it could before
        // confirmation was required) loses it at start-up; its session must not keep it.
        using var browser = app.CreateBrowser();
        const string email = UnconfirmedAdmin;
        await browser.SignUpAsync(email);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<VybeUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            Assert.True((await users.AddToRoleAsync(user, VybeRole.Admin)).Succeeded);
        }
        await browser.LogInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Admin", followRedirects: false)).Status);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AdminGrants>().ApplyConfiguredAsync();
        }

        var refused = await browser.GetAsync("/Admin", followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.StartsWith("/Account/Login", refused.Response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Grant_admin_command_for_an_unknown_email_says_so_and_exits_1()
    {
        var result = await AppCommand.RunAsync(["grant-admin", "nobody@example.com"], AppCommand.PostgresEnvironment(app.ConnectionString));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No account has the e-mail address nobody@example.com", result.Output);
    }
}
