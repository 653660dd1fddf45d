using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using MimeKit;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.ErrorLog;

/// <summary>A real password-reset link, as a person gets it: sign up, ask for a new password, open the e-mail in the pickup folder.</summary>
public static partial class ResetLinkSteps
{
    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\?\S+")]
    private static partial Regex ResetLink();

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

        var text = await Eventually.ReturnsAsync(() => MailTextToAsync(app, email), found => found is not null, $"the reset e-mail to {email}");
        var link = new Uri(ResetLink().Match(text!).Value);
        var code = QueryHelpers.ParseQuery(link.Query)["code"].ToString();
        Assert.True(code.Length >= 20, $"the link {link} carries a reset code");
        return (link, code);
    }

    private static async Task<string?> MailTextToAsync(VybeAppFactory app, string email)
    {
        foreach (var file in Directory.GetFiles(app.MailPickupDirectory, "*.eml"))
        {
            try
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => m.Address == email))
                {
                    return message.TextBody;
                }
            }
            catch (Exception exception) when (exception is IOException or FormatException)
            {
                // still being written
            }
        }
        return null;
    }
}
