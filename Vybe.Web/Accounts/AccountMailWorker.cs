using MailKit.Net.Smtp;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Retry;
using Vybe.Web.ErrorLog;
using Vybe.Web.Web;

namespace Vybe.Web.Accounts;

/// <summary>
/// Sends the queued account e-mails, one at a time. For each job it looks the account up, asks
/// Identity for the token, builds the link and the message and hands it to the transport (pickup
/// folder or SMTP), with a per-try timeout and retries on failures that may pass (Polly). An e-mail
/// that still fails is logged as <see cref="AccountMail.SendFailedCode"/>, without its link or token.
/// On shutdown it sends what is queued, for at most <see cref="EmailOptions.ShutdownFlushTimeout"/>.
/// </summary>
public sealed class AccountMailWorker : DrainingBackgroundService
{
    private readonly AccountMailQueue queue;
    private readonly IServiceScopeFactory scopes;
    private readonly IMailTransport transport;
    private readonly IErrorLog errorLog;
    private readonly EmailOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<AccountMailWorker> diagnostics;
    private readonly ResiliencePipeline pipeline;
    private long sent;

    public AccountMailWorker(AccountMailQueue queue, IServiceScopeFactory scopes, IMailTransport transport, IErrorLog errorLog,
        IOptions<EmailOptions> options, TimeProvider clock, ILogger<AccountMailWorker> diagnostics)
        : base(clock)
    {
        this.queue = queue;
        this.scopes = scopes;
        this.transport = transport;
        this.errorLog = errorLog;
        this.options = options.Value;
        this.clock = clock;
        this.diagnostics = diagnostics;
        pipeline = BuildPipeline(this.options, clock, diagnostics);
    }

    /// <summary>E-mails handed to the transport since the process started.</summary>
    public long Sent => Interlocked.Read(ref sent);

    private static ResiliencePipeline BuildPipeline(EmailOptions options, TimeProvider clock, ILogger diagnostics)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(MayPass),
                OnRetry = args =>
                {
                    diagnostics.LogWarning("An account e-mail failed ({Error}); try {Attempt} in {Delay} ms",
                        args.Outcome.Exception?.GetType().Name, args.AttemptNumber + 2, args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }
        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <summary>
    /// Whether trying again may help: network failures, timeouts and SMTP 4xx replies may pass; an SMTP
    /// 5xx reply (the server refuses for good), refused credentials and settings the server does not
    /// support will not.
    /// </summary>
    public static bool MayPass(Exception exception) => exception switch
    {
        SmtpCommandException smtp => (int)smtp.StatusCode is >= 400 and < 500,
        MailKit.Security.AuthenticationException => false,
        NotSupportedException => false, // e.g. STARTTLS required but not offered
        FormatException => false, // an address MimeKit cannot parse
        OperationCanceledException => false, // shutdown gave up; a try that took too long is a TimeoutRejectedException
        _ => true,
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The loop ends when the queue is completed (at shutdown) and drained, not when stoppingToken fires,
        // so e-mails queued before shutdown still go out.
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (queue.Reader.TryRead(out var job))
            {
                await SendAsync(job);
            }
        }
    }

    private async Task SendAsync(AccountMailJob job)
    {
        if (Abandoned.IsCancellationRequested)
        {
            LogFailure(job, null, 0, null, "the app stopped before it could be sent");
            return;
        }
        Composed? composed = null;
        var attempts = 0;
        try
        {
            await pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                // Composed again on each try: a new token is as good as the last, and a database that
                // failed the look-up gets another chance.
                composed = await ComposeAsync(job);
                if (composed is not null)
                {
                    await transport.SendAsync(composed.Message, token);
                }
            }, Abandoned);
            if (composed is not null)
            {
                Interlocked.Increment(ref sent);
            }
        }
        catch (Exception exception)
        {
            LogFailure(job, composed, attempts, exception,
                Abandoned.IsCancellationRequested ? "the app stopped before it could be sent" : null);
        }
    }

    private sealed record Composed(MimeMessage Message, Guid UserId, string? Link, string? Code);

    private async Task<Composed?> ComposeAsync(AccountMailJob job)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<VybeUser>>();
        var messages = scope.ServiceProvider.GetRequiredService<AccountEmailMessages>();
        var links = scope.ServiceProvider.GetRequiredService<LinkGenerator>();
        switch (job)
        {
            case PasswordResetMailJob reset:
                {
                    // Unknown addresses get nothing; the request that queued this answered the same either way.
                    var user = await users.FindByEmailAsync(reset.Email);
                    if (user?.Email is null)
                    {
                        return null;
                    }
                    var code = AccountLinkCodes.Encode(await users.GeneratePasswordResetTokenAsync(user));
                    var link = Link(links, job, "/Account/ResetPassword", new { userId = user.Id, code });
                    return new Composed(messages.PasswordReset(user.Email, link), user.Id, link, code);
                }
            case ConfirmationMailJob confirmation:
                {
                    var user = await users.FindByIdAsync(confirmation.UserId.ToString());
                    if (user?.Email is null || user.EmailConfirmed)
                    {
                        return null;
                    }
                    var code = AccountLinkCodes.Encode(await users.GenerateEmailConfirmationTokenAsync(user));
                    var link = Link(links, job, "/Account/ConfirmEmail", new { userId = user.Id, code });
                    return new Composed(messages.Confirmation(user.Email, link), user.Id, link, code);
                }
            case EmailChangeMailJob change:
                {
                    var user = await users.FindByIdAsync(change.UserId.ToString());
                    if (user is null || string.Equals(users.NormalizeEmail(user.Email), users.NormalizeEmail(change.NewEmail), StringComparison.Ordinal))
                    {
                        return null;
                    }
                    // The page answered the same whether or not the address was taken; its owner is told here instead.
                    if (await users.FindByEmailAsync(change.NewEmail) is not null)
                    {
                        return new Composed(messages.AddressInUse(change.NewEmail), user.Id, null, null);
                    }
                    var code = AccountLinkCodes.Encode(await users.GenerateChangeEmailTokenAsync(user, change.NewEmail));
                    var link = Link(links, job, "/Account/ConfirmEmailChange", new { userId = user.Id, email = change.NewEmail, code });
                    return new Composed(messages.Change(change.NewEmail, link), user.Id, link, code);
                }
            default:
                throw new InvalidOperationException($"No e-mail for {job.GetType().Name}");
        }
    }

    private static string Link(LinkGenerator links, AccountMailJob job, string page, object values) =>
        job.BaseUrl + (links.GetPathByPage(page, handler: null, values) ?? throw new InvalidOperationException($"No route to {page}"));

    private void LogFailure(AccountMailJob job, Composed? composed, int attempts, Exception? exception, string? reason)
    {
        var error = exception is null ? null : Scrub(exception.Message, composed);
        var smtpStatus = exception is SmtpCommandException smtp ? (int?)smtp.StatusCode : null;
        diagnostics.LogError("A {Kind} e-mail could not be sent after {Attempts} tries: {Error}", job.Kind, attempts, exception?.GetType().Name ?? reason);
        // The row names the e-mail, the account and the failure; never the link or the token in it.
        errorLog.Error(
            $"A {job.Kind} e-mail could not be sent" + (exception is null ? $": {reason}." : $" after {attempts} tries: {exception.GetType().Name}."),
            AccountMail.SendFailedCode,
            new
            {
                kind = job.Kind,
                userId = composed?.UserId ?? (job as ConfirmationMailJob)?.UserId ?? (job as EmailChangeMailJob)?.UserId,
                attempts,
                transport = transport.Name,
                reason = reason ?? (exception is not null && MayPass(exception) ? "retries exhausted" : "refused for good"),
                error = exception?.GetType().Name,
                smtpStatus,
                serverMessage = error,
                originRequestId = job.RequestId,
            });
    }

    /// <summary>The failure's own words, without anything of the message it was sending, and short.</summary>
    private static string Scrub(string text, Composed? composed)
    {
        foreach (var secret in new[] { composed?.Link, composed?.Code })
        {
            if (!string.IsNullOrEmpty(secret))
            {
                text = text.Replace(secret, "[link]", StringComparison.Ordinal);
            }
        }
        return text.Length <= 300 ? text : text[..300] + "…";
    }

    protected override TimeSpan ShutdownFlushTimeout => options.ShutdownFlushTimeout;

    protected override void CompleteQueue() => queue.Complete();

    protected override void OnFlushTimedOut() =>
        diagnostics.LogWarning("Account e-mails were still being sent after {Timeout}; the rest are logged as not sent", options.ShutdownFlushTimeout);
}
