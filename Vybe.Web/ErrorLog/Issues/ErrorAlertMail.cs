using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Retry;
using Vybe.Web.Accounts;
using Vybe.Web.Data;
using Vybe.Web.Web;

namespace Vybe.Web.ErrorLog.Issues;

/// <summary>The four kinds of error e-mail, each of which an admin can turn off on the account page.</summary>
public enum ErrorMailKind
{
    NewIssue,
    Regression,
    Spike,
    DailyDigest,
}

/// <summary>Who gets an error e-mail: admins with a confirmed address who have not turned that kind off.</summary>
public static class ErrorAlertRecipients
{
    private static readonly string AdminRole = VybeRole.Admin.ToUpperInvariant();

    public static ErrorMailKind KindOf(ErrorIssueAlertKind alert) => alert switch
    {
        ErrorIssueAlertKind.NewIssue => ErrorMailKind.NewIssue,
        ErrorIssueAlertKind.Regression => ErrorMailKind.Regression,
        ErrorIssueAlertKind.Spike => ErrorMailKind.Spike,
        _ => throw new ArgumentOutOfRangeException(nameof(alert), alert, null),
    };

    public static async Task<List<string>> AddressesAsync(VybeDbContext db, ErrorMailKind kind, CancellationToken cancellationToken)
    {
        var admins = from user in db.Users
                     where user.EmailConfirmed && user.Email != null
                     where db.UserRoles.Any(link => link.UserId == user.Id
                         && db.Roles.Any(role => role.Id == link.RoleId && role.NormalizedName == AdminRole))
                     select user;
        admins = kind switch
        {
            ErrorMailKind.NewIssue => admins.Where(u => !u.MuteNewIssueAlerts),
            ErrorMailKind.Regression => admins.Where(u => !u.MuteRegressionAlerts),
            ErrorMailKind.Spike => admins.Where(u => !u.MuteSpikeAlerts),
            ErrorMailKind.DailyDigest => admins.Where(u => !u.MuteDailyErrorDigest),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return await admins.OrderBy(u => u.Email).Select(u => u.Email!).ToListAsync(cancellationToken);
    }
}

/// <summary>
/// The absolute links in error e-mails. They are built with no request at hand, so on the configured
/// <c>Vybe:PublicBaseUrl</c>; without one, on the address the server listens on (right for a local
/// run, and what an operator sees), and with neither, the links are paths only.
/// </summary>
public sealed class ErrorAlertLinks(IOptions<PublicUrlOptions> options, IServer server)
{
    public const string AccountSettingsPath = "/Account/Manage/Alerts";

    public static string IssuePath(long issueId) => $"/Admin/Errors/Issues/{issueId}";

    public string Issue(long issueId) => Base() + IssuePath(issueId);

    public string AccountSettings() => Base() + AccountSettingsPath;

    public string Base()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
        {
            return options.Value.PublicBaseUrl.TrimEnd('/');
        }
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (listening is null || !Uri.TryCreate(listening.Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return "";
        }
        // A wildcard address (0.0.0.0, [::]) is no place to click; the machine itself is.
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return new UriBuilder(uri) { Host = host }.Uri.GetLeftPart(UriPartial.Authority);
    }
}

/// <summary>
/// Hands error e-mails to the app's mail transport (pickup folder or SMTP), one per admin, with the
/// account e-mails' retries (<see cref="EmailOptions.MaxAttempts"/>, <see cref="AccountMailWorker.MayPass"/>).
/// An e-mail that still fails becomes an error-log row with code <see cref="SendFailedCode"/>, whose
/// issue never raises an alert itself: mail that cannot go out would only fail again.
/// </summary>
public sealed class ErrorAlertMailer
{
    public const string SendFailedCode = "ERROR_ALERT_SEND_FAILED";

    private readonly IMailTransport transport;
    private readonly IErrorLog errorLog;
    private readonly ILogger<ErrorAlertMailer> diagnostics;
    private readonly ResiliencePipeline pipeline;

    public ErrorAlertMailer(IMailTransport transport, IErrorLog errorLog, IOptions<EmailOptions> options, TimeProvider clock,
        ILogger<ErrorAlertMailer> diagnostics)
    {
        this.transport = transport;
        this.errorLog = errorLog;
        this.diagnostics = diagnostics;
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (options.Value.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.Value.MaxAttempts - 1,
                Delay = options.Value.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(AccountMailWorker.MayPass),
            });
        }
        pipeline = builder.AddTimeout(options.Value.AttemptTimeout).Build();
    }

    /// <summary>E-mails handed to the transport since the process started.</summary>
    public long Sent => Interlocked.Read(ref sent);
    private long sent;

    /// <summary>Whether an issue is the one these e-mails' own failures are counted in.</summary>
    public static bool IsOwnFailure(ErrorIssue issue) => issue.Code == SendFailedCode;

    /// <summary>Sends one message per address; returns how many went. Failures are logged, never thrown.</summary>
    public async Task<int> SendAsync(ErrorMailKind kind, long? issueId, IReadOnlyList<string> addresses, Func<string, MimeMessage> build,
        CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var address in addresses)
        {
            var attempts = 0;
            try
            {
                var message = build(address);
                await pipeline.ExecuteAsync(async token =>
                {
                    attempts++;
                    await transport.SendAsync(message, token);
                }, cancellationToken);
                Interlocked.Increment(ref sent);
                delivered++;
            }
            catch (Exception exception)
            {
                diagnostics.LogError("An error e-mail ({Kind}) could not be sent after {Attempts} tries: {Error}", kind, attempts, exception.GetType().Name);
                // The message is the same for every failure of a kind, so they all count towards one issue.
                errorLog.Error($"An error-log {Describe(kind)} e-mail could not be sent: {exception.GetType().Name}.", SendFailedCode, new
                {
                    kind = kind.ToString(),
                    issueId,
                    attempts,
                    transport = transport.Name,
                    reason = cancellationToken.IsCancellationRequested ? "the app stopped"
                        : AccountMailWorker.MayPass(exception) ? "retries exhausted" : "refused for good",
                    error = exception.GetType().Name,
                    serverMessage = exception.Message.Length <= 300 ? exception.Message : exception.Message[..300] + "…",
                });
            }
        }
        return delivered;
    }

    private static string Describe(ErrorMailKind kind) => kind switch
    {
        ErrorMailKind.NewIssue => "new-issue",
        ErrorMailKind.Regression => "regression",
        ErrorMailKind.Spike => "spike",
        _ => "daily digest",
    };
}
