using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vybe.Web.Data;

namespace Vybe.Web.ErrorLog.Issues;

public enum ErrorDigestOutcome
{
    /// <summary>This instance had the day, and e-mailed the digest.</summary>
    Sent,

    /// <summary>This instance had the day, and nothing new happened in it: no e-mail.</summary>
    NothingNew,

    /// <summary>Another instance (or an earlier run) had the day already.</summary>
    AlreadyTaken,

    /// <summary>Alerts are turned off (<see cref="ErrorAlertOptions.Enabled"/>).</summary>
    Disabled,
}

/// <summary>
/// The daily digest of one day: the 24 hours before <see cref="ErrorAlertOptions.DigestHourUtc"/>
/// that day. The instance that records the day first (<see cref="ErrorDigestRun"/>, whose key is the
/// day) looks at new issues, regressions and spikes in the window and the issues with the most events
/// in it (from the hourly counts, never the rows), and e-mails the admins who want the digest, only
/// when there is something new (a new issue, a regression or a spike).
/// </summary>
public sealed class ErrorDigest(IServiceScopeFactory scopes, ErrorAlertMailer mailer, ErrorAlertMessages messages,
    IOptions<ErrorAlertOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(1);

    /// <summary>When the digest of <paramref name="day"/> is due: that day at the digest hour, UTC.</summary>
    public DateTimeOffset DueAt(DateOnly day) => new(day.ToDateTime(new TimeOnly(options.Value.DigestHourUtc, 0)), TimeSpan.Zero);

    public async Task<ErrorDigestOutcome> RunAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return ErrorDigestOutcome.Disabled;
        }
        if (!await TryTakeDayAsync(day, cancellationToken))
        {
            return ErrorDigestOutcome.AlreadyTaken;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VybeDbContext>();
        var to = DueAt(day);
        var digest = await ContentAsync(db, to - Window, to, options.Value.DigestTopIssues, cancellationToken);
        if (!digest.HasNews)
        {
            return ErrorDigestOutcome.NothingNew;
        }
        var addresses = await ErrorAlertRecipients.AddressesAsync(db, ErrorMailKind.DailyDigest, cancellationToken);
        await mailer.SendAsync(ErrorMailKind.DailyDigest, null, addresses, address => messages.Digest(address, digest), cancellationToken);
        return ErrorDigestOutcome.Sent;
    }

    /// <summary>Records the day; false when it was recorded already (the key refused this one).</summary>
    private async Task<bool> TryTakeDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VybeDbContext>();
        if (await db.ErrorDigestRuns.AnyAsync(r => r.Day == day, cancellationToken))
        {
            return false;
        }
        db.ErrorDigestRuns.Add(new ErrorDigestRun { Day = day, SentAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the day between the look and the insert: its key refused this one.
            if (await DayTakenAsync(day, cancellationToken))
            {
                return false;
            }
            throw;
        }
    }

    private async Task<bool> DayTakenAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VybeDbContext>().ErrorDigestRuns.AnyAsync(r => r.Day == day, cancellationToken);
    }

    /// <summary>
    /// What happened from <paramref name="start"/> (inclusive) to <paramref name="end"/>, among issues that
    /// would alert: errors and warnings, open or resolved, not merged into another.
    /// </summary>
    public static async Task<ErrorDigestContent> ContentAsync(VybeDbContext db, DateTimeOffset start, DateTimeOffset end, int topCount,
        CancellationToken cancellationToken)
    {
        var alerting = db.ErrorIssues.AsNoTracking().Where(i => i.MergedIntoId == null && i.Level != ErrorLogLevels.Info
            && (i.Status == ErrorIssueStatus.Open || i.Status == ErrorIssueStatus.Resolved));
        var fresh = await alerting.Where(i => i.FirstSeen >= start && i.FirstSeen < end).OrderBy(i => i.FirstSeen).ToListAsync(cancellationToken);
        var regressed = await alerting.Where(i => i.RegressedAt >= start && i.RegressedAt < end).OrderBy(i => i.RegressedAt).ToListAsync(cancellationToken);
        var spiked = await alerting.Where(i => i.SpikeHour >= start && i.SpikeHour < end).OrderBy(i => i.SpikeHour).ToListAsync(cancellationToken);

        var busiest = await (from hour in db.ErrorIssueHours
                             where hour.Hour >= start && hour.Hour < end
                             join print in db.ErrorIssueFingerprints on hour.Fingerprint equals print.Fingerprint
                             group hour by print.IssueId into issue
                             select new { IssueId = issue.Key, Events = issue.Sum(h => (long)h.EventCount) })
            .ToListAsync(cancellationToken);
        var ids = busiest.Select(b => b.IssueId).ToList();
        var issues = await alerting.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var top = busiest.Where(b => issues.ContainsKey(b.IssueId))
            .OrderByDescending(b => b.Events).ThenBy(b => b.IssueId)
            .Take(topCount)
            .Select(b => new ErrorDigestTopIssue(issues[b.IssueId], b.Events))
            .ToList();
        return new ErrorDigestContent(start, end, fresh, regressed, spiked, top);
    }
}

/// <summary>
/// Runs <see cref="ErrorDigest"/> once a day at <see cref="ErrorAlertOptions.DigestHourUtc"/>, on the
/// injected clock. An instance that starts after today's hour runs today's digest at once (the day's
/// record makes sure only one instance sends it). A run that fails (the database out of reach) is
/// tried again after <see cref="RetryAfterFailure"/>.
/// </summary>
public sealed class ErrorDigestJob(ErrorDigest digest, TimeProvider clock, ILogger<ErrorDigestJob> diagnostics) : BackgroundService
{
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(10);

    private long runs;

    /// <summary>Days this instance has dealt with (whatever the outcome) since it started.</summary>
    public long Runs => Interlocked.Read(ref runs);

    /// <summary>What the latest run did.</summary>
    public ErrorDigestOutcome? LastOutcome { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateOnly? done = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var due = digest.DueAt(today);
            var wait = now >= due ? digest.DueAt(today.AddDays(1)) - now : due - now;
            if (now >= due && done != today)
            {
                try
                {
                    LastOutcome = await digest.RunAsync(today, stoppingToken);
                    diagnostics.LogInformation("Error digest of {Day}: {Outcome}", today, LastOutcome);
                    done = today;
                    Interlocked.Increment(ref runs);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    diagnostics.LogError(exception, "The error digest of {Day} failed; it is tried again in {Delay}", today, RetryAfterFailure);
                    wait = RetryAfterFailure;
                }
            }
            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
