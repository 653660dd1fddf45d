using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vybe.Web.Accounts;
using Vybe.Web.Data;
using Vybe.Web.Web;

namespace Vybe.Web.ErrorLog.Issues;

/// <summary>
/// E-mails admins the alerts the error-log writer raises (<see cref="ErrorIssueAlertQueue"/>), in the
/// background, never in a request. For each alert it reads the issue as committed, skips it when an
/// admin has since set it aside (ignored, snoozed, merged), finds the admins who want that kind, takes
/// the issue's alert slot (<see cref="ErrorAlertSlots"/>: at most one e-mail per issue per
/// <see cref="ErrorAlertOptions.MinimumIntervalPerIssue"/>, across instances) and sends one e-mail each.
/// The issue of its own failures (<see cref="ErrorAlertMailer.SendFailedCode"/>) never alerts: mail
/// that failed would fail again, and each failure would make a new alert.
/// </summary>
public sealed class ErrorIssueAlertSender : DrainingBackgroundService
{
    private readonly ErrorIssueAlertQueue queue;
    private readonly IServiceScopeFactory scopes;
    private readonly ErrorAlertMailer mailer;
    private readonly ErrorAlertMessages messages;
    private readonly IErrorLog errorLog;
    private readonly ErrorAlertOptions options;
    private readonly EmailOptions email;
    private readonly TimeProvider clock;
    private readonly ILogger<ErrorIssueAlertSender> diagnostics;
    private long handled;
    private long held;

    public ErrorIssueAlertSender(ErrorIssueAlertQueue queue, IServiceScopeFactory scopes, ErrorAlertMailer mailer, ErrorAlertMessages messages,
        IErrorLog errorLog, IOptions<ErrorAlertOptions> options, IOptions<EmailOptions> email, TimeProvider clock, ILogger<ErrorIssueAlertSender> diagnostics)
        : base(clock)
    {
        this.queue = queue;
        this.scopes = scopes;
        this.mailer = mailer;
        this.messages = messages;
        this.errorLog = errorLog;
        this.options = options.Value;
        this.email = email.Value;
        this.clock = clock;
        this.diagnostics = diagnostics;
    }

    /// <summary>Alerts taken from the queue and dealt with (sent, held back or skipped).</summary>
    public long Handled => Interlocked.Read(ref handled);

    /// <summary>Alerts not sent because the issue had one within the hour (here or on another instance).</summary>
    public long Held => Interlocked.Read(ref held);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The loop ends when the queue is completed (the writer does it when it stops) and drained.
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (queue.Reader.TryRead(out var alert))
            {
                await HandleAsync(alert);
                Interlocked.Increment(ref handled);
            }
        }
    }

    private async Task HandleAsync(ErrorIssueAlert alert)
    {
        if (!options.Enabled)
        {
            return;
        }
        if (Abandoned.IsCancellationRequested)
        {
            diagnostics.LogWarning("A {Kind} alert about issue {IssueId} was not sent: the app stopped", alert.Kind, alert.IssueId);
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VybeDbContext>();
            var issue = await db.ErrorIssues.AsNoTracking().FirstOrDefaultAsync(i => i.Id == alert.IssueId, Abandoned);
            if (issue is null || issue.IsMerged || issue.Status is ErrorIssueStatus.Ignored or ErrorIssueStatus.Snoozed
                || ErrorAlertMailer.IsOwnFailure(issue))
            {
                return;
            }
            var kind = ErrorAlertRecipients.KindOf(alert.Kind);
            var addresses = await ErrorAlertRecipients.AddressesAsync(db, kind, Abandoned);
            // No one wants this kind: the slot stays free for a kind someone does want.
            if (addresses.Count == 0)
            {
                return;
            }
            if (!await ErrorAlertSlots.TryTakeAsync(db, issue.Id, clock.GetUtcNow(), options.MinimumIntervalPerIssue, Abandoned))
            {
                Interlocked.Increment(ref held);
                return;
            }
            await mailer.SendAsync(kind, issue.Id, addresses, to => messages.Alert(to, alert, issue), Abandoned);
        }
        catch (Exception exception)
        {
            diagnostics.LogError(exception, "A {Kind} alert about issue {IssueId} could not be prepared", alert.Kind, alert.IssueId);
            errorLog.Error($"An error-log alert could not be prepared: {exception.GetType().Name}.", ErrorAlertMailer.SendFailedCode,
                new { kind = alert.Kind.ToString(), issueId = alert.IssueId, error = exception.GetType().Name });
        }
    }

    protected override TimeSpan ShutdownFlushTimeout => email.ShutdownFlushTimeout;

    protected override void CompleteQueue() => queue.Complete();

    protected override void OnFlushTimedOut() =>
        diagnostics.LogWarning("Error alerts were still being sent after {Timeout}; the rest are not sent", email.ShutdownFlushTimeout);
}

/// <summary>
/// The one alert e-mail an issue may have per interval, taken with one conditional UPDATE of
/// <see cref="ErrorIssue.LastAlertedAt"/>: of several instances (or alerts) asking at once, only the one
/// whose UPDATE changed the row sends.
/// </summary>
public static class ErrorAlertSlots
{
    public static async Task<bool> TryTakeAsync(VybeDbContext db, long issueId, DateTimeOffset now, TimeSpan interval, CancellationToken cancellationToken)
    {
        var freeBefore = now - interval;
        var changed = await db.ErrorIssues
            .Where(i => i.Id == issueId && (i.LastAlertedAt == null || i.LastAlertedAt <= freeBefore))
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.LastAlertedAt, now), cancellationToken);
        return changed == 1;
    }
}
