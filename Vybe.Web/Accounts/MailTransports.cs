using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Vybe.Web.Accounts;

/// <summary>Delivers a finished message; the pickup folder by default, SMTP when a host is configured.</summary>
public interface IMailTransport
{
    /// <summary>How error-log rows name it: <c>pickup-folder</c> or <c>smtp</c>.</summary>
    string Name { get; }

    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

internal sealed class PickupFolderMailTransport(IOptions<EmailOptions> options, IHostEnvironment environment, TimeProvider clock) : IMailTransport
{
    public string Name => "pickup-folder";

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory));
        Directory.CreateDirectory(directory);
        var name = $"{clock.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml";
        // Write under a temporary name, then rename, so a reader never sees half a message.
        var temporary = Path.Combine(directory, name + ".tmp");
        try
        {
            await message.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, Path.Combine(directory, name));
        }
        catch
        {
            // A try that failed or was cancelled half-way leaves no partial file for the next one to trip on.
            File.Delete(temporary);
            throw;
        }
    }
}

internal sealed class SmtpMailTransport(IOptions<EmailOptions> options) : IMailTransport
{
    public string Name => "smtp";

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Vybe:Email:Smtp:Host is empty."), smtp.Port,
            smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.Auto, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
