using System.Text.Encodings.Web;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Vybe.Web.Accounts;

/// <summary>The account e-mails, as plain text and HTML messages. Building one does no I/O.</summary>
public sealed class AccountEmailMessages(IOptions<EmailOptions> options)
{
    public const string ConfirmationSubject = "Confirm your e-mail address for Vybe";
    public const string ChangeSubject = "Confirm your new e-mail address for Vybe";
    public const string AddressInUseSubject = "This e-mail address already has a Vybe account";
    public const string PasswordResetSubject = "Reset your Vybe password";

    public MimeMessage Confirmation(string to, string link) => Build(to, ConfirmationSubject,
        [
            "Someone created a Vybe account with this e-mail address. If it was you, confirm the address with this link (it works for a day):",
        ],
        link,
        "If you did not create a Vybe account, ignore this message: that account stays unconfirmed.");

    public MimeMessage Change(string to, string link) => Build(to, ChangeSubject,
        [
            "Someone asked to use this e-mail address for their Vybe account. If it was you, confirm it with this link (it works for a day). The account's address changes only when you use it:",
        ],
        link,
        "If you did not ask for this, ignore this message: nothing changes.");

    public MimeMessage AddressInUse(string to) => Build(to, AddressInUseSubject,
        [
            "Someone asked to move a Vybe account to this e-mail address, but another Vybe account already uses it, so nothing was changed.",
            "If it was you, log in with this address instead, or ask for a password reset from the log-in page.",
        ],
        null,
        "If you did not ask for this, you can ignore this message.");

    public MimeMessage PasswordReset(string to, string link) => Build(to, PasswordResetSubject,
        [
            "Someone asked to reset the password of your Vybe account. If it was you, choose a new password here (the link works once, for a limited time):",
        ],
        link,
        "If you did not ask for this, you can ignore this message.");

    private MimeMessage Build(string to, string subject, string[] lead, string? link, string closing)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        var text = string.Join("\n\n", lead) + (link is null ? "" : $"\n\n{link}") + $"\n\n{closing}\n";
        var html = string.Concat(lead.Select(p => $"<p>{HtmlEncoder.Default.Encode(p)}</p>"))
            + (link is null ? "" : $"<p><a href=\"{HtmlEncoder.Default.Encode(link)}\">{HtmlEncoder.Default.Encode(link)}</a></p>")
            + $"<p>{HtmlEncoder.Default.Encode(closing)}</p>";
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }
}
