using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Vybe.Web.Accounts;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.ErrorLog;

/// <summary>
/// The app on a fake clock (<see cref="Clock"/>, the whole app's), with the pickup folder as the mail
/// server and four accounts: three admins (one who wants every error e-mail, one who wants none, one
/// who turned off new-issue alerts only) and a member who is not an admin. The clock starts at 05:00
/// UTC on a day still to come, so the 07:00 digest waits for a test to move the clock.
/// </summary>
public class ErrorAlertAppFactory : VybeAppFactory
{
    public const string BaseUrl = "https://vybe.example";
    public const string Release = "7.0.0-alerts";
    public const string Everything = "alice.admin@example.com";
    public const string Nothing = "bob.admin@example.com";
    public const string NoNewIssues = "carol.admin@example.com";
    public const string NotAdmin = "dave.member@example.com";
    public const string AlertSubjectStart = "[Vybe] ";
    public const string DigestSubjectStart = "[Vybe] Error digest";

    private int barriers;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(1).AddHours(5), TimeSpan.Zero));

    public Mailbox Mail => new(MailPickupDirectory);

    public static IReadOnlyList<string> Everyone => [Everything, Nothing, NoNewIssues, NotAdmin];

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Vybe:Admin:Emails:0"] = Everything,
        ["Vybe:Admin:Emails:1"] = Nothing,
        ["Vybe:Admin:Emails:2"] = NoNewIssues,
        ["Vybe:PublicBaseUrl"] = BaseUrl,
        ["Vybe:Release"] = Release,
        // The mail retries' per-try timeout runs on the fake clock: moving it by an hour or two must not time out a send in flight (Polly allows at most a day).
        ["Vybe:Email:AttemptTimeout"] = "23:00:00",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<VybeUser>>();
        foreach (var email in Everyone)
        {
            var user = new VybeUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                CreatedAt = Clock.GetUtcNow(),
                MuteNewIssueAlerts = email is Nothing or NoNewIssues,
                MuteRegressionAlerts = email is Nothing,
                MuteSpikeAlerts = email is Nothing,
                MuteDailyErrorDigest = email is Nothing,
            };
            var created = await users.CreateAsync(user, AccountSteps.StrongPassword);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        // As at start-up: the configured addresses, now confirmed, get the admin role.
        await scope.ServiceProvider.GetRequiredService<AdminGrants>().ApplyConfiguredAsync();
    }

    public static ErrorLogEntry Row(string message, DateTimeOffset ts, string level = ErrorLogLevels.Error) => new()
    {
        Ts = ts,
        Environment = "test",
        Service = "web",
        Level = level,
        Code = "ALERT_TEST",
        Message = message,
        Release = Release,
    };

    /// <summary>Rows at the clock's time (or <paramref name="ts"/>), through the app's queue and writer, as the error logger sends them.</summary>
    public void Push(string message, int count = 1, DateTimeOffset? ts = null)
    {
        var queue = Services.GetRequiredService<ErrorLogQueue>();
        for (var i = 0; i < count; i++)
        {
            Assert.True(queue.TryEnqueue(Row(message, ts ?? Clock.GetUtcNow())));
        }
    }

    /// <summary>The issue of the rows with this message, once <paramref name="rows"/> of them are written.</summary>
    public async Task<ErrorIssue> IssueAsync(string message, int rows = 1)
    {
        var written = await Eventually.ReturnsAsync(
            () => WithDbAsync(db => db.ErrorLogs.AsNoTracking().Where(e => e.Message == message).ToListAsync()),
            found => found.Count >= rows, $"{rows} row(s) \"{message}\"");
        var issueId = written.Select(r => r.IssueId).Distinct().Single();
        return await WithDbAsync(db => db.ErrorIssues.AsNoTracking().SingleAsync(i => i.Id == issueId));
    }

    /// <summary>Resolves the issue as an admin would, now, in the current release (under the error log's lock, as every change to issues is).</summary>
    public Task ResolveAsync(long issueId) => WithDbAsync(db => DatabaseErrorLogStore.InErrorLogTransactionAsync(db, async () =>
    {
        var issue = await db.ErrorIssues.SingleAsync(i => i.Id == issueId);
        issue.Status = ErrorIssueStatus.Resolved;
        issue.ResolvedAt = Clock.GetUtcNow();
        issue.ResolvedInRelease = Release;
        issue.ResolvedInNextRelease = false;
        return await db.SaveChangesAsync();
    }, CancellationToken.None));

    /// <summary>
    /// Waits until every alert raised so far has been dealt with: the sender takes alerts one at a time
    /// in order, so once a new issue raised after them has reached its admin, they are done.
    /// </summary>
    public async Task AlertsSettledAsync()
    {
        var barrier = $"Barrier {Word(Interlocked.Increment(ref barriers))}";
        Push(barrier);
        await Mail.WaitForAsync(Everything, $"[Vybe] New issue: {barrier}");
    }

    /// <summary>
    /// A word of its own for each call, for messages that must make issues of their own: fingerprints
    /// read numbers, UUIDs and hex as variable parts, so only letters past <c>f</c> tell messages apart.
    /// </summary>
    public static string UniqueWord() => Word(Interlocked.Increment(ref words) + 1_000_000);

    private static int words;

    private static string Word(int number)
    {
        var letters = new System.Text.StringBuilder();
        do
        {
            letters.Insert(0, (char)('g' + number % 20));
            number /= 20;
        }
        while (number > 0);
        return letters.ToString();
    }

    /// <summary>Every error e-mail each account has received, whatever its subject.</summary>
    public async Task<List<MimeMessage>> ErrorMailTo(string address, string? subject = null) =>
        (await Mail.To(address)).Where(m => (m.Subject ?? "").StartsWith(AlertSubjectStart, StringComparison.Ordinal)
            && (subject is null || m.Subject == subject)).ToList();
}
