using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Vybe.Web.Accounts;

/// <summary>Identity's own e-mail contract, written as plain text and HTML messages.</summary>
internal sealed class AccountEmailSender(IMailTransport transport, IOptions<EmailOptions> options) : IEmailSender<VybeUser>
{
    public Task SendConfirmationLinkAsync(VybeUser user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your Vybe account",
            "Welcome to Vybe. Confirm your e-mail address with this link:", confirmationLink);

    public Task SendPasswordResetLinkAsync(VybeUser user, string email, string resetLink) =>
        SendAsync(email, "Reset your Vybe password",
            "Someone asked to reset the password of your Vybe account. If it was you, choose a new password here (the link works once, for a limited time):",
            resetLink);

    public Task SendPasswordResetCodeAsync(VybeUser user, string email, string resetCode) =>
        SendAsync(email, "Your Vybe password reset code", "Your password reset code is:", resetCode);

    private Task SendAsync(string to, string subject, string lead, string linkOrCode)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        var body = new BodyBuilder
        {
            TextBody = $"{lead}\n\n{linkOrCode}\n\nIf you did not ask for this, you can ignore this message.\n",
            HtmlBody = $"<p>{HtmlEncoder.Default.Encode(lead)}</p><p><a href=\"{HtmlEncoder.Default.Encode(linkOrCode)}\">{HtmlEncoder.Default.Encode(linkOrCode)}</a></p>"
                + "<p>If you did not ask for this, you can ignore this message.</p>",
        };
        message.Body = body.ToMessageBody();
        return transport.SendAsync(message, CancellationToken.None);
    }
}
