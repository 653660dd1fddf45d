using System.Net;
using MimeKit;
using Vybe.Web.Accounts;
using Vybe.Web.Pages.Account;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Accounts;

public sealed class PasswordTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    private const string NewPassword = "copper meadow whistle 2040";

    private async Task<(HtmlBrowser Browser, string Email)> SignedInMemberAsync()
    {
        var email = AccountSteps.NewEmail();
        var browser = app.CreateBrowser();
        await browser.SignUpAsync(email);
        return (browser, email);
    }

    private Task<MimeMessage> ResetMailToAsync(string email) =>
        new Mailbox(app.MailPickupDirectory).LatestAsync(email, AccountEmailMessages.PasswordResetSubject);

    [Fact]
    public async Task Password_reset_link_from_the_pickup_folder_sets_a_new_password_and_the_old_one_stops_working()
    {
        var (member, email) = await SignedInMemberAsync();
        member.Dispose();
        using var browser = app.CreateBrowser();

        var forgot = await browser.GetAsync("/Account/ForgotPassword");
        var sent = await browser.SubmitAsync(forgot, new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Contains("we have sent it a link", sent.Text);

        var message = await ResetMailToAsync(email);
        var link = Mailbox.Link(message, "/Account/ResetPassword");
        var resetPage = await browser.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, resetPage.Status);
        var done = await browser.SubmitAsync(resetPage, new Dictionary<string, string>
        {
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.Equal("/Account/Login", done.Url.AbsolutePath);
        Assert.Contains("Your password was changed", done.Text);

        var withOldPassword = await browser.LogInAsync(email);
        Assert.Equal(LoginModel.WrongCredentialsMessage, withOldPassword.Summary);
        var withNewPassword = await browser.LogInAsync(email, NewPassword);
        Assert.Equal("/", withNewPassword.Url.AbsolutePath);

        // The link works once.
        var again = await browser.GetAsync(link.PathAndQuery);
        var reused = await browser.SubmitAsync(again, new Dictionary<string, string>
        {
            ["Input.Password"] = "another fresh passphrase 77",
            ["Input.ConfirmPassword"] = "another fresh passphrase 77",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.Status);
        Assert.Equal(ResetPasswordModel.InvalidLinkMessage, reused.Summary);
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_an_unknown_email_and_sends_nothing()
    {
        var (member, email) = await SignedInMemberAsync();
        member.Dispose();
        using var browser = app.CreateBrowser();
        var unknown = AccountSteps.NewEmail("ghost");

        var forUnknown = await RequestResetAsync(browser, unknown);
        var forMember = await RequestResetAsync(browser, email);

        // The same page, byte for byte apart from the antiforgery token, after the same redirect.
        Assert.Equal(HttpStatusCode.OK, forUnknown.Status);
        Assert.Equal(forMember.Status, forUnknown.Status);
        Assert.Equal(forMember.Url, forUnknown.Url);
        Assert.Contains("we have sent it a link", forUnknown.Text);
        Assert.Equal(forMember.Text, forUnknown.Text);
        // One worker sends the queue in order: once the member's link is there, the unknown address's job is done.
        await ResetMailToAsync(email);
        Assert.Empty(await new Mailbox(app.MailPickupDirectory).To(unknown));
    }

    private static async Task<HtmlBrowser.Page> RequestResetAsync(HtmlBrowser browser, string email)
    {
        var forgot = await browser.GetAsync("/Account/ForgotPassword");
        return await browser.SubmitAsync(forgot, new Dictionary<string, string> { ["Input.Email"] = email });
    }

    [Fact]
    public async Task Reset_with_a_tampered_code_is_refused_with_a_message()
    {
        var (member, _) = await SignedInMemberAsync();
        using (member)
        {
            var userId = await app.WithDbAsync(db => Task.FromResult(db.Users.First().Id));
            var page = await member.GetAsync($"/Account/ResetPassword?userId={userId}&code=bm90LWEtdG9rZW4");

            var result = await member.SubmitAsync(page, new Dictionary<string, string>
            {
                ["Input.Password"] = NewPassword,
                ["Input.ConfirmPassword"] = NewPassword,
            });

            Assert.Equal(HttpStatusCode.UnprocessableEntity, result.Status);
            Assert.Equal(ResetPasswordModel.InvalidLinkMessage, result.Summary);
        }
    }

    [Fact]
    public async Task Password_change_keeps_this_session_and_signs_out_the_others()
    {
        var (thisDevice, email) = await SignedInMemberAsync();
        using var _ = thisDevice;
        using var otherDevice = app.CreateBrowser();
        await otherDevice.LogInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await otherDevice.GetAsync("/Account/Manage", followRedirects: false)).Status);

        var form = await thisDevice.GetAsync("/Account/Manage/ChangePassword");
        var changed = await thisDevice.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = AccountSteps.StrongPassword,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Contains("Your password was changed", changed.Text);
        Assert.Equal(HttpStatusCode.OK, (await thisDevice.GetAsync("/Account/Manage", followRedirects: false)).Status);
        var other = await otherDevice.GetAsync("/Account/Manage", followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, other.Status);
        Assert.StartsWith("/Account/Login", other.Response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Password_change_with_wrong_current_password_shows_message_and_changes_nothing()
    {
        var (browser, email) = await SignedInMemberAsync();
        using var _ = browser;

        var form = await browser.GetAsync("/Account/Manage/ChangePassword");
        var result = await browser.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "this is not my password",
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, result.Status);
        Assert.Equal("The current password is not right.", result.ErrorFor("Input.CurrentPassword"));
        using var fresh = app.CreateBrowser();
        Assert.Equal("/", (await fresh.LogInAsync(email)).Url.AbsolutePath);
    }

    [Fact]
    public async Task Account_deletion_removes_the_user_and_signs_out()
    {
        var (browser, email) = await SignedInMemberAsync();
        using var _ = browser;

        var form = await browser.GetAsync("/Account/Manage/Delete");
        var wrong = await browser.SubmitAsync(form, new Dictionary<string, string> { ["Input.Password"] = "not my password at all" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.Status);
        Assert.True(await app.WithDbAsync(db => Task.FromResult(db.Users.Any(u => u.Email == email))));

        var deleted = await browser.SubmitAsync(wrong, new Dictionary<string, string> { ["Input.Password"] = AccountSteps.StrongPassword });

        Assert.Equal("/", deleted.Url.AbsolutePath);
        Assert.Contains("were deleted", deleted.Text);
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Users.Any(u => u.Email == email))));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Account/Manage", followRedirects: false)).Status);
    }
}
