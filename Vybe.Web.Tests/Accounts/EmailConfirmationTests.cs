using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vybe.Web.Accounts;
using Vybe.Web.Pages.Account;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Accounts;

/// <summary>The app with a few configured admin addresses, so each test can sign up one of its own.</summary>
public class ConfirmationApp : VybeAppFactory
{
    public static string ConfiguredAdmin(int n) => $"configured.admin{n}@example.com";

    protected override IDictionary<string, string?> ExtraSettings =>
        Enumerable.Range(0, 8).ToDictionary(n => $"Vybe:Admin:Emails:{n}", n => (string?)ConfiguredAdmin(n));

    public Mailbox Mailbox => new(MailPickupDirectory);

    public Task<VybeUser?> UserAsync(string email) =>
        WithDbAsync(db => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));

    public Task<bool> IsAdminAsync(string email) => WithDbAsync(db =>
        (from user in db.Users
         join grant in db.UserRoles on user.Id equals grant.UserId
         join role in db.Roles on grant.RoleId equals role.Id
         where user.NormalizedEmail == email.ToUpperInvariant() && role.Name == VybeRole.Admin
         select user.Id).AnyAsync());

    /// <summary>
    /// Posts these fields to a page as its own form would, with a valid antiforgery token taken from the
    /// log-in form (which has no action of its own): for links that never render their form.
    /// </summary>
    public static Task<HtmlBrowser.Page> PostAsync(HtmlBrowser browser, string path, Dictionary<string, string> fields) =>
        browser.PostFieldsAsync(path, fields);
}

public sealed class EmailConfirmationTests(ConfirmationApp app) : IClassFixture<ConfirmationApp>
{
    private static string WithQuery(Uri link, string name, string value)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query)
            .ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        query[name] = value;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(link.AbsolutePath, query);
    }

    private async Task<Uri> ConfirmationLinkAsync(string email) =>
        Mailbox.Link(await app.Mailbox.LatestAsync(email, AccountEmailMessages.ConfirmationSubject), "/Account/ConfirmEmail");

    [Fact]
    public async Task Signup_with_a_configured_admin_email_is_not_admin_until_the_confirmation_link_is_used()
    {
        var email = ConfirmationApp.ConfiguredAdmin(0);
        using var browser = app.CreateBrowser();

        var welcome = await browser.SignUpAsync(email);

        Assert.Contains("Your account is ready", welcome.Text);
        Assert.Contains("We have sent you an e-mail with a link to confirm your address", welcome.Text);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Admin", followRedirects: false)).Status);
        Assert.False(await app.IsAdminAsync(email));
        // An unconfirmed member reads and keeps history as any member does.
        Assert.Equal(HttpStatusCode.OK, (await browser.ReadNumberAsync("444")).Status);
        Assert.Equal(1, await app.WithDbAsync(db => db.Readings.CountAsync(r => r.UserId == db.Users.Single(u => u.Email == email).Id)));
        var account = await browser.GetAsync("/Account/Manage");
        Assert.Contains("not confirmed yet", account.Text);
        Assert.NotNull(account.Document.QuerySelector("#email-unconfirmed form button"));

        // Opening the link (as a mail scanner does) only shows the button; it confirms nothing.
        var link = await ConfirmationLinkAsync(email);
        var confirmPage = await browser.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, confirmPage.Status);
        Assert.False((await app.UserAsync(email))!.EmailConfirmed);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Admin", followRedirects: false)).Status);

        var confirmed = await browser.SubmitAsync(confirmPage);

        Assert.Equal("/Account/Manage", confirmed.Url.AbsolutePath);
        Assert.Contains("your e-mail address is confirmed", confirmed.Text);
        Assert.Contains("(confirmed)", confirmed.Text);
        Assert.Null(confirmed.Document.QuerySelector("#email-unconfirmed"));
        Assert.True((await app.UserAsync(email))!.EmailConfirmed);
        Assert.True(await app.IsAdminAsync(email));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Admin", followRedirects: false)).Status);
    }

    [Fact]
    public async Task A_confirmation_link_used_in_another_browser_confirms_and_asks_to_log_in()
    {
        var email = AccountSteps.NewEmail();
        using (var member = app.CreateBrowser())
        {
            await member.SignUpAsync(email);
        }
        using var phone = app.CreateBrowser();

        var confirmed = await phone.SubmitAsync(await phone.GetAsync((await ConfirmationLinkAsync(email)).PathAndQuery));

        Assert.Equal("/Account/Login", confirmed.Url.AbsolutePath);
        Assert.Contains("your e-mail address is confirmed. Log in to continue.", confirmed.Text);
        Assert.True((await app.UserAsync(email))!.EmailConfirmed);
    }

    [Fact]
    public async Task A_forged_confirmation_link_changes_nothing()
    {
        var email = ConfirmationApp.ConfiguredAdmin(1);
        var other = AccountSteps.NewEmail("other");
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(email);
        using (var otherBrowser = app.CreateBrowser())
        {
            await otherBrowser.SignUpAsync(other);
        }
        var link = await ConfirmationLinkAsync(email);
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query)["code"].ToString();
        var otherUserId = (await app.UserAsync(other))!.Id.ToString();
        var tampered = code[..20] + (code[20] == 'A' ? 'B' : 'A') + code[21..];

        var forgedLinks = new[]
        {
            WithQuery(link, "code", tampered),
            WithQuery(link, "code", "bm90LWEtdG9rZW4"),
            WithQuery(link, "code", "%%%not base64%%%"),
            WithQuery(link, "userId", otherUserId), // someone else's account with this account's code
            WithQuery(link, "userId", "not-a-guid"),
            WithQuery(link, "userId", Guid.NewGuid().ToString()),
            "/Account/ConfirmEmail",
            $"/Account/ConfirmEmail?userId={Uri.EscapeDataString(link.Query)}",
        };
        foreach (var forged in forgedLinks)
        {
            var page = await browser.GetAsync(forged);
            Assert.True(page.Status == HttpStatusCode.BadRequest, $"{forged}: {page.Status}");
            Assert.Equal(ConfirmEmailModel.InvalidLinkMessage, page.Summary);
            Assert.Null(page.Document.QuerySelector("main form"));
        }

        // The real page's form, its hidden code edited: refused too.
        var confirmPage = await browser.GetAsync(link.PathAndQuery);
        var posted = await browser.SubmitAsync(confirmPage, new Dictionary<string, string> { ["Input.Code"] = tampered });
        var postedForOther = await browser.SubmitAsync(confirmPage, new Dictionary<string, string> { ["Input.UserId"] = otherUserId });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.Status);
        Assert.Equal(ConfirmEmailModel.InvalidLinkMessage, posted.Summary);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, postedForOther.Status);
        Assert.False((await app.UserAsync(email))!.EmailConfirmed);
        Assert.False((await app.UserAsync(other))!.EmailConfirmed);
        Assert.False(await app.IsAdminAsync(email));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Admin", followRedirects: false)).Status);
    }

    [Fact]
    public async Task Resend_sends_a_new_link_that_confirms_and_stops_once_confirmed()
    {
        var email = AccountSteps.NewEmail();
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(email);
        await app.Mailbox.WaitForAsync(email, AccountEmailMessages.ConfirmationSubject);

        var account = await browser.GetAsync("/Account/Manage");
        var resent = await browser.SubmitAsync(account, formSelector: "#email-unconfirmed form");

        Assert.Equal("/Account/Manage", resent.Url.AbsolutePath);
        Assert.Contains("We have sent a new confirmation link", resent.Text);
        var mails = await app.Mailbox.WaitForAsync(email, AccountEmailMessages.ConfirmationSubject, count: 2);
        var confirmed = await browser.SubmitAsync(await browser.GetAsync(Mailbox.Link(mails[^1], "/Account/ConfirmEmail").PathAndQuery));
        Assert.Contains("(confirmed)", confirmed.Text);
        Assert.True((await app.UserAsync(email))!.EmailConfirmed);

        // Confirmed: no button, and a resend posted anyway sends nothing.
        Assert.Null(confirmed.Document.QuerySelector("#email-unconfirmed"));
        var again = await browser.SubmitAsync(account, formSelector: "#email-unconfirmed form");
        Assert.Contains("already confirmed", again.Text);
        // One worker sends in order: once a later sign-up's link is out, anything the resend queued would be too.
        var later = AccountSteps.NewEmail("later");
        using (var newcomer = app.CreateBrowser())
        {
            await newcomer.SignUpAsync(later);
        }
        await app.Mailbox.WaitForAsync(later, AccountEmailMessages.ConfirmationSubject);
        Assert.Equal(2, (await app.Mailbox.To(email, AccountEmailMessages.ConfirmationSubject)).Count);
    }

    [Fact]
    public async Task An_unconfirmed_account_holding_the_configured_role_loses_it_at_start_up_until_it_confirms()
    {
        var email = ConfirmationApp.ConfiguredAdmin(2);
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(email);
        // As an account that signed up before confirmation existed: configuration made it an admin at once.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<VybeUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByEmailAsync(email))!, VybeRole.Admin)).Succeeded);
        }
        await browser.LogInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Admin", followRedirects: false)).Status);

        // Another start of the app on the same database, as after a deployment.
        using (var restarted = app.WithWebHostBuilder(_ => { }))
        {
            _ = restarted.Server;
        }

        Assert.False(await app.IsAdminAsync(email));
        // Taking the role renewed the security stamp: the session that carried it is signed out.
        var signedOut = await browser.GetAsync("/Admin", followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        Assert.StartsWith("/Account/Login", signedOut.Response.Headers.Location!.PathAndQuery);
        await browser.LogInAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Admin", followRedirects: false)).Status);
        // The renewed stamp also ended the links mailed before it; the account's page sends a new one.
        // Confirming with it while signed in grants the role and refreshes this session's cookie.
        var account = await browser.GetAsync("/Account/Manage");
        await browser.SubmitAsync(account, formSelector: "form[action$='handler=ResendConfirmation']");
        await new Mailbox(app.MailPickupDirectory).WaitForAsync(email, AccountEmailMessages.ConfirmationSubject, count: 2);
        await browser.ConfirmEmailAsync(app.MailPickupDirectory, email);
        Assert.True(await app.IsAdminAsync(email));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Admin", followRedirects: false)).Status);
    }

    [Fact]
    public async Task Start_up_grants_a_configured_address_that_was_confirmed_and_leaves_other_admins_alone()
    {
        var email = ConfirmationApp.ConfiguredAdmin(3);
        using var browser = app.CreateBrowser();
        await browser.SignUpAndConfirmAsync(app.MailPickupDirectory, email);
        await app.WithDbAsync(db => db.UserRoles.Where(g => g.UserId == db.Users.Single(u => u.Email == email).Id).ExecuteDeleteAsync());
        Assert.False(await app.IsAdminAsync(email));

        using (var restarted = app.WithWebHostBuilder(_ => { }))
        {
            _ = restarted.Server;
        }

        Assert.True(await app.IsAdminAsync(email));
    }

    [Fact]
    public async Task Grant_admin_command_works_for_an_unconfirmed_account_says_so_and_start_up_keeps_the_grant()
    {
        // A configured address, still unconfirmed: start-up would take a configured grant back, not an operator's.
        var email = ConfirmationApp.ConfiguredAdmin(4);
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(email);

        var result = await AppCommand.RunAsync(["grant-admin", email], AppCommand.PostgresEnvironment(app.ConnectionString));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"{email} is now an admin.", result.Output);
        Assert.Contains($"Note: {email} has not been confirmed by its owner yet.", result.Output);
        using (var restarted = app.WithWebHostBuilder(_ => { }))
        {
            _ = restarted.Server;
        }
        Assert.True(await app.IsAdminAsync(email));
        await browser.LogInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Admin", followRedirects: false)).Status);
    }
}

/// <summary>Every link this app mails has expired before anyone opens it.</summary>
public sealed class ExpiredLinksApp : ConfirmationApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Identity's token provider reads the system clock, not a TimeProvider; its lifespan is the knob it has.
        // A negative one makes every token expire the moment it is made, with no waiting.
        builder.ConfigureServices(services =>
            services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromMinutes(-1)));
    }
}

public sealed class ExpiredLinkTests(ExpiredLinksApp app) : IClassFixture<ExpiredLinksApp>
{
    [Fact]
    public async Task An_expired_confirmation_link_changes_nothing()
    {
        var email = ConfirmationApp.ConfiguredAdmin(0);
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(email);
        var link = Mailbox.Link(await app.Mailbox.LatestAsync(email, AccountEmailMessages.ConfirmationSubject), "/Account/ConfirmEmail");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);

        var opened = await browser.GetAsync(link.PathAndQuery);
        var posted = await ConfirmationApp.PostAsync(browser, "/Account/ConfirmEmail", new Dictionary<string, string>
        {
            ["Input.UserId"] = query["userId"].ToString(),
            ["Input.Code"] = query["code"].ToString(),
        });

        Assert.Equal(HttpStatusCode.BadRequest, opened.Status);
        Assert.Equal(ConfirmEmailModel.InvalidLinkMessage, opened.Summary);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.Status);
        Assert.Equal(ConfirmEmailModel.InvalidLinkMessage, posted.Summary);
        Assert.False((await app.UserAsync(email))!.EmailConfirmed);
        Assert.False(await app.IsAdminAsync(email));
    }

    [Fact]
    public async Task An_expired_change_of_address_link_changes_nothing()
    {
        var email = AccountSteps.NewEmail();
        var newEmail = AccountSteps.NewEmail("moved");
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(email);
        await browser.RequestEmailChangeAsync(newEmail);
        var link = Mailbox.Link(await app.Mailbox.LatestAsync(newEmail, AccountEmailMessages.ChangeSubject), "/Account/ConfirmEmailChange");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);

        var opened = await browser.GetAsync(link.PathAndQuery);
        var posted = await ConfirmationApp.PostAsync(browser, "/Account/ConfirmEmailChange", new Dictionary<string, string>
        {
            ["Input.UserId"] = query["userId"].ToString(),
            ["Input.Email"] = query["email"].ToString(),
            ["Input.Code"] = query["code"].ToString(),
        });

        Assert.Equal(HttpStatusCode.BadRequest, opened.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.Status);
        Assert.Equal(ConfirmEmailChangeModel.InvalidLinkMessage, posted.Summary);
        Assert.NotNull(await app.UserAsync(email));
        Assert.Null(await app.UserAsync(newEmail));
    }
}
