using System.Text.RegularExpressions;
using MimeKit;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>
/// The pickup folder the app writes its e-mails to, read the way a person reads their mail. Account
/// e-mails leave from a background queue after the request has answered, so reading waits (with a
/// deadline) for the message to arrive.
/// </summary>
public sealed partial class Mailbox(string directory)
{
    /// <summary>Every message to this address so far, oldest first.</summary>
    public async Task<List<MimeMessage>> To(string address, string? subject = null)
    {
        var messages = new List<MimeMessage>();
        // The transport writes under a temporary name and renames, so every .eml is complete.
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.eml") : [];
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase))
                && (subject is null || message.Subject == subject))
            {
                messages.Add(message);
            }
        }
        return messages;
    }

    /// <summary>Waits until <paramref name="count"/> messages with this subject have reached the address; returns them, oldest first.</summary>
    public Task<List<MimeMessage>> WaitForAsync(string address, string subject, int count = 1) =>
        Eventually.ReturnsAsync(() => To(address, subject), found => found.Count >= count,
            $"{count} e-mail(s) \"{subject}\" to {address} in {directory}");

    /// <summary>The newest message with this subject to the address, once there is one.</summary>
    public async Task<MimeMessage> LatestAsync(string address, string subject) => (await WaitForAsync(address, subject))[^1];

    /// <summary>The link to <paramref name="path"/> in a message's text, as a person would click it.</summary>
    public static Uri Link(MimeMessage message, string path)
    {
        var match = Links().Matches(message.TextBody ?? "").FirstOrDefault(m => new Uri(m.Value).AbsolutePath == path);
        return match is null
            ? throw new InvalidOperationException($"No link to {path} in \"{message.Subject}\": {message.TextBody}")
            : new Uri(match.Value);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
