using System.Diagnostics;
using System.Text.RegularExpressions;
using MimeKit;

namespace Vybe.E2E.Infrastructure;

/// <summary>
/// The pickup folder the app writes its e-mails to (<see cref="AppServerFixture.EmailPickupDirectory"/>),
/// read as a person reads their mail. The app sends account e-mails from a background queue after the
/// page has answered, so reading polls the folder until the message is there (with a deadline).
/// </summary>
public static partial class Mailbox
{
    public const string ConfirmationSubject = "Confirm your e-mail address for Vybe";
    public const string ChangeSubject = "Confirm your new e-mail address for Vybe";

    // A ceiling, as StoredRows.Deadline: the wait ends when the message is there. 30 s was once not
    // enough with the machine's load average at 27 (a mutation run and the browser tests together).
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Waits for <paramref name="count"/> messages with this subject to the address; returns the newest.</summary>
    public static async Task<MimeMessage> WaitForAsync(string directory, string to, string subject, int count = 1)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var found = new List<MimeMessage>();
            // The app writes each message under a temporary name and renames it, so every .eml is complete.
            foreach (var file in Directory.GetFiles(directory, "*.eml").Order(StringComparer.Ordinal))
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.Subject == subject && message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase)))
                {
                    found.Add(message);
                }
            }
            if (found.Count >= count)
            {
                return found[^1];
            }
            if (waited.Elapsed > Deadline)
            {
                throw new TimeoutException($"No e-mail \"{subject}\" to {to} reached {directory} within {Deadline.TotalSeconds} s.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The path and query of the link to <paramref name="path"/> in the message's text, to open in the browser.</summary>
    public static string LinkTo(MimeMessage message, string path)
    {
        var link = Links().Matches(message.TextBody ?? "").Select(m => new Uri(m.Value)).FirstOrDefault(u => u.AbsolutePath == path);
        return link?.PathAndQuery ?? throw new InvalidOperationException($"No link to {path} in \"{message.Subject}\": {message.TextBody}");
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
