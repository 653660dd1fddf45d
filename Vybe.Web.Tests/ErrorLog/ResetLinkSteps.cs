using Microsoft.AspNetCore.WebUtilities;
using Vybe.Web.Accounts;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.ErrorLog;

/// <summary>A real password-reset link, as a person gets it: sign up, ask for a new password, open the e-mail in the pickup folder.</summary>
public static class ResetLinkSteps
{
    public static async Task<(Uri Link, string Code)> RealResetLinkAsync(VybeAppFactory app)
    {
        var email = AccountSteps.NewEmail("reset");
        using (var member = app.CreateBrowser())
        {
            await member.SignUpAsync(email);
        }
        using var browser = app.CreateBrowser();
        var forgot = await browser.GetAsync("/Account/ForgotPassword");
        await browser.SubmitAsync(forgot, new Dictionary<string, string> { ["Input.Email"] = email });

        // Sign-up sent a confirmation first; the reset e-mail is the one with the reset subject.
        var message = await new Mailbox(app.MailPickupDirectory).LatestAsync(email, AccountEmailMessages.PasswordResetSubject);
        var link = Mailbox.Link(message, "/Account/ResetPassword");
        var code = QueryHelpers.ParseQuery(link.Query)["code"].ToString();
        Assert.True(code.Length >= 20, $"the link {link} carries a reset code");
        return (link, code);
    }
}
