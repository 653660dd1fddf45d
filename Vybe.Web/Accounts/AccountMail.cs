using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Vybe.Web.ErrorLog;
using Vybe.Web.Web;

namespace Vybe.Web.Accounts;

/// <summary>
/// An account e-mail to send after the request has answered. It carries no token and no link: the
/// worker looks the account up and asks Identity for the token when it sends, so a request does the
/// same work whether or not an address has an account.
/// </summary>
public abstract record AccountMailJob(string BaseUrl, Guid? RequestId)
{
    /// <summary>What kind of e-mail this is, as the EMAIL_SEND_FAILED rows name it.</summary>
    public abstract string Kind { get; }
}

/// <summary>A password-reset link for whichever account has this address, if any.</summary>
public sealed record PasswordResetMailJob(string Email, string BaseUrl, Guid? RequestId) : AccountMailJob(BaseUrl, RequestId)
{
    public override string Kind => "password-reset";
}

/// <summary>A link that confirms the account's current address (nothing is sent once it is confirmed).</summary>
public sealed record ConfirmationMailJob(Guid UserId, string BaseUrl, Guid? RequestId) : AccountMailJob(BaseUrl, RequestId)
{
    public override string Kind => "confirmation";
}

/// <summary>A link, sent to the new address, that moves the account to it.</summary>
public sealed record EmailChangeMailJob(Guid UserId, string NewEmail, string BaseUrl, Guid? RequestId) : AccountMailJob(BaseUrl, RequestId)
{
    public override string Kind => "email-change";
}

/// <summary>
/// The bounded in-memory queue between the pages and <see cref="AccountMailWorker"/>. Queuing never
/// waits and never throws; a full queue refuses the new e-mail, which is then logged.
/// </summary>
public sealed class AccountMailQueue
{
    private readonly Channel<AccountMailJob> channel;

    public AccountMailQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        channel = Channel.CreateBounded<AccountMailJob>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: refuse the newest, never block
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public int Count => channel.Reader.Count;

    public bool TryEnqueue(AccountMailJob job) => channel.Writer.TryWrite(job);

    public ChannelReader<AccountMailJob> Reader => channel.Reader;

    private volatile bool closed;

    /// <summary>True once shutdown has begun: no more jobs are accepted.</summary>
    public bool IsClosed => closed;

    /// <summary>No more jobs are accepted; the worker sends what is left.</summary>
    public void Complete()
    {
        closed = true;
        channel.Writer.TryComplete();
    }
}

/// <summary>What pages call to send an account e-mail: it queues a job and returns at once.</summary>
public sealed class AccountMail(AccountMailQueue queue, PublicUrls urls, IErrorLog errorLog)
{
    public const string SendFailedCode = "EMAIL_SEND_FAILED";

    public void QueuePasswordReset(HttpContext context, string email) =>
        Queue(new PasswordResetMailJob(email.Trim(), urls.Base(context), RequestIdOf(context)));

    public void QueueConfirmation(HttpContext context, Guid userId) =>
        Queue(new ConfirmationMailJob(userId, urls.Base(context), RequestIdOf(context)));

    public void QueueEmailChange(HttpContext context, Guid userId, string newEmail) =>
        Queue(new EmailChangeMailJob(userId, newEmail.Trim(), urls.Base(context), RequestIdOf(context)));

    private void Queue(AccountMailJob job)
    {
        if (!queue.TryEnqueue(job))
        {
            errorLog.Error($"A {job.Kind} e-mail was not sent: the e-mail queue is full or the app is stopping.", SendFailedCode,
                new { kind = job.Kind, reason = "not queued" });
        }
    }

    private static Guid? RequestIdOf(HttpContext context) => context.Features.Get<RequestLogContext>()?.RequestId;
}

/// <summary>The account an e-mail link names, and the token it carries.</summary>
public sealed record AccountLink(VybeUser User, string Token);

public static class AccountLinks
{
    /// <summary>The account and token of a link's <c>userId</c> and <c>code</c>; null when the id is no account's or the code does not decode.</summary>
    public static async Task<AccountLink?> FindLinkAsync(this UserManager<VybeUser> users, string? userId, string? code)
    {
        var token = AccountLinkCodes.Decode(code);
        if (token is null || !Guid.TryParse(userId, out var id))
        {
            return null;
        }
        return await users.FindByIdAsync(id.ToString()) is { } user ? new AccountLink(user, token) : null;
    }
}

/// <summary>The token in a link, base64url-encoded so it survives the query string and mail clients.</summary>
public static class AccountLinkCodes
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token, or null when the code is not base64url (a tampered or truncated link).</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
