using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace Vybe.Web.Accounts;

/// <summary>
/// An address the mail library can write an e-mail to. <see cref="EmailAddressAttribute"/> only asks
/// for an @ with text on both sides, so an address it accepts may still be one no message can be
/// addressed to; the account would then never get its confirmation, and the error log a row each time.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class MailableEmailAttribute : ValidationAttribute
{
    public MailableEmailAttribute()
        : base("Enter a valid e-mail address, such as name@example.com.")
    {
    }

    public override bool IsValid(object? value) =>
        value is not string text || string.IsNullOrWhiteSpace(text) || IsMailable(text.Trim());

    public static bool IsMailable(string address) =>
        MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal);
}
