using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Vybe.Web.Accounts;
using Vybe.Web.Pages.Account;
using Vybe.Web.Pages.Account.Manage;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Accounts;

public sealed class ChangeEmailTests(ConfirmationApp app) : IClassFixture<ConfirmationApp>
{
    private async Task<Uri> ChangeLinkAsync(string newEmail) =>
        Mailbox.Link(await app.Mailbox.LatestAsync(newEmail, AccountEmailMessages.ChangeSubject), "/Account/ConfirmEmailChange");

    [Fact]
    public async Task Changing_the_email_sends_a_link_to_the_new_address_and_changes_it_only_when_the_link_is_used()
    {
        var oldEmail = AccountSteps.NewEmail("old");
        var newEmail = AccountSteps.NewEmail("new");
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(oldEmail);
        using var otherDevice = app.CreateBrowser();
        await otherDevice.LogInAsync(oldEmail);

        var asked = await browser.RequestEmailChangeAsync(newEmail);

        Assert.Equal("/Account/Manage", asked.Url.AbsolutePath);
        Assert.Contains("We have sent a link to the new address", asked.Text);
        Assert.Contains(oldEmail, asked.Document.QuerySelector("dl.facts")!.TextContent);
        var link = await ChangeLinkAsync(newEmail);
        Assert.Null(await app.UserAsync(newEmail));

        var confirmPage = await browser.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, confirmPage.Status);
        Assert.Contains(newEmail, confirmPage.Text);
        Assert.Null(await app.UserAsync(newEmail)); // opening the link changes nothing yet

        var changed = await browser.SubmitAsync(confirmPage);

        Assert.Equal("/Account/Manage", changed.Url.AbsolutePath);
        Assert.Contains("Your e-mail address is changed", changed.Text);
        Assert.Contains(newEmail, changed.Document.QuerySelector("dl.facts")!.TextContent);
        Assert.Contains("(confirmed)", changed.Text);
        var user = (await app.UserAsync(newEmail))!;
        Assert.True(user.EmailConfirmed);
        Assert.Equal(newEmail, user.UserName);
        Assert.Null(await app.UserAsync(oldEmail));
        // The other device was logged out by the new security stamp; this one stays in.
        Assert.Equal(HttpStatusCode.Redirect, (await otherDevice.GetAsync("/Account/Manage", followRedirects: false)).Status);
        using var fresh = app.CreateBrowser();
        Assert.Equal(LoginModel.WrongCredentialsMessage, (await fresh.LogInAsync(oldEmail)).Summary);
        Assert.Equal("/", (await fresh.LogInAsync(newEmail)).Url.AbsolutePath);
        // The old address (user name included) is free for someone else.
        using var newcomer = app.CreateBrowser();
        Assert.Contains("Your account is ready", (await newcomer.SignUpAsync(oldEmail)).Text);

        // The link works once.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync(link.PathAndQuery)).Status);
    }

    [Fact]
    public async Task Changing_to_a_taken_address_answers_the_same_and_tells_only_that_address_owner()
    {
        var email = AccountSteps.NewEmail();
        var taken = AccountSteps.NewEmail("taken");
        var free = AccountSteps.NewEmail("free");
        using (var owner = app.CreateBrowser())
        {
            await owner.SignUpAsync(taken);
        }
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(email);

        var toTaken = await browser.RequestEmailChangeAsync(taken);
        var toFree = await browser.RequestEmailChangeAsync(free);

        Assert.Equal(toFree.Status, toTaken.Status);
        Assert.Equal(toFree.Url, toTaken.Url);
        Assert.Equal(toFree.Text, toTaken.Text);
        // The worker sends in order: once the free address has its link, the taken one's job is done.
        await app.Mailbox.WaitForAsync(free, AccountEmailMessages.ChangeSubject);
        var notice = await app.Mailbox.LatestAsync(taken, AccountEmailMessages.AddressInUseSubject);
        Assert.DoesNotContain("/Account/ConfirmEmailChange", notice.TextBody);
        Assert.Empty(await app.Mailbox.To(taken, AccountEmailMessages.ChangeSubject));
        Assert.Equal(email, (await app.UserAsync(email))!.Email);
        Assert.Equal(taken, (await app.UserAsync(taken))!.Email);
    }

    [Fact]
    public async Task A_change_link_whose_address_was_taken_meanwhile_changes_nothing()
    {
        var email = AccountSteps.NewEmail();
        var contested = AccountSteps.NewEmail("contested");
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(email);
        await browser.RequestEmailChangeAsync(contested);
        var confirmPage = await browser.GetAsync((await ChangeLinkAsync(contested)).PathAndQuery);
        using (var quicker = app.CreateBrowser())
        {
            await quicker.SignUpAsync(contested);
        }

        var refused = await browser.SubmitAsync(confirmPage);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(ConfirmEmailChangeModel.AddressTakenMessage, refused.Summary);
        Assert.Equal(email, (await app.UserAsync(email))!.Email);
        Assert.Equal(email, (await app.UserAsync(email))!.UserName);
    }

    [Fact]
    public async Task A_change_link_edited_to_another_address_or_forged_changes_nothing()
    {
        var email = AccountSteps.NewEmail();
        var newEmail = AccountSteps.NewEmail("asked");
        var sneaky = ConfirmationApp.ConfiguredAdmin(5);
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(email);
        await browser.RequestEmailChangeAsync(newEmail);
        var link = await ChangeLinkAsync(newEmail);
        var query = QueryHelpers.ParseQuery(link.Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());

        foreach (var (name, value) in new[] { ("email", sneaky), ("code", "bm90LWEtdG9rZW4"), ("userId", Guid.NewGuid().ToString()), ("email", "") })
        {
            var forged = QueryHelpers.AddQueryString(link.AbsolutePath, new Dictionary<string, string?>(query) { [name] = value });
            var page = await browser.GetAsync(forged);
            Assert.True(page.Status == HttpStatusCode.BadRequest, $"{forged}: {page.Status}");
            Assert.Equal(ConfirmEmailChangeModel.InvalidLinkMessage, page.Summary);
        }
        var confirmPage = await browser.GetAsync(link.PathAndQuery);
        var posted = await browser.SubmitAsync(confirmPage, new Dictionary<string, string> { ["Input.Email"] = sneaky });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.Status);
        Assert.Equal(ConfirmEmailChangeModel.InvalidLinkMessage, posted.Summary);
        Assert.Equal(email, (await app.UserAsync(email))!.Email);
        Assert.Null(await app.UserAsync(sneaky));
        Assert.False(await app.IsAdminAsync(email));
    }

    [Fact]
    public async Task Moving_to_a_configured_admin_address_makes_an_admin_only_when_its_link_is_used()
    {
        var email = AccountSteps.NewEmail();
        var adminAddress = ConfirmationApp.ConfiguredAdmin(6);
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(email);

        await browser.RequestEmailChangeAsync(adminAddress);
        var confirmPage = await browser.GetAsync((await ChangeLinkAsync(adminAddress)).PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Admin", followRedirects: false)).Status);
        await browser.SubmitAsync(confirmPage);

        Assert.True(await app.IsAdminAsync(adminAddress));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Admin", followRedirects: false)).Status);
    }

    [Theory]
    [InlineData("not-an-email", AccountSteps.StrongPassword, "Input.NewEmail", "Enter a valid e-mail address, such as name@example.com.")]
    [InlineData("", AccountSteps.StrongPassword, "Input.NewEmail", "Enter the new e-mail address.")]
    [InlineData("SAME", AccountSteps.StrongPassword, "Input.NewEmail", ChangeEmailModel.SameAddressMessage)]
    [InlineData("fresh@example.com", "not my password at all", "Input.Password", "That password is not right.")]
    [InlineData("fresh@example.com", "", "Input.Password", "Enter your password to confirm.")]
    public async Task A_bad_change_request_shows_a_message_and_sends_nothing(string newEmail, string password, string field, string message)
    {
        var email = AccountSteps.NewEmail();
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync(email);
        var target = newEmail == "SAME" ? email.ToUpperInvariant() : newEmail;

        var page = await browser.RequestEmailChangeAsync(target, password);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(message, page.ErrorFor(field));
        Assert.True(string.IsNullOrEmpty(page.Document.QuerySelector("#Input_Password")?.GetAttribute("value")));
        // One worker sends in order: once a later request's link is out, anything the bad one queued would be too.
        var afterwards = AccountSteps.NewEmail("afterwards");
        await browser.RequestEmailChangeAsync(afterwards);
        await app.Mailbox.WaitForAsync(afterwards, AccountEmailMessages.ChangeSubject);
        Assert.Empty(await app.Mailbox.To(target, AccountEmailMessages.ChangeSubject));
        Assert.Equal(email, (await app.UserAsync(email))!.Email);
    }

    [Fact]
    public async Task The_change_page_needs_an_account()
    {
        using var guest = app.CreateBrowser();

        var page = await guest.GetAsync("/Account/Manage/ChangeEmail", followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/Account/Login", page.Response.Headers.Location!.PathAndQuery);
    }
}
