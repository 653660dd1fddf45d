using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Tests.Infrastructure;
using static Vybe.Web.Tests.ErrorLog.ErrorAlertAppFactory;

namespace Vybe.Web.Tests.ErrorLog;

/// <summary>
/// The daily digest on PostgreSQL and the app's fake clock: the job runs when the clock reaches the
/// digest hour, sends only when the 24 hours before had something new, and of two instances on one
/// database only the first to record the day sends it. Each test moves the clock to the next digest hour.
/// </summary>
public sealed class ErrorDigestTests(ErrorAlertAppFactory app) : IClassFixture<ErrorAlertAppFactory>
{
    private ErrorDigestJob Job => app.Services.GetServices<IHostedService>().OfType<ErrorDigestJob>().Single();

    /// <summary>Moves the clock to the next digest hour and waits for the app's job to deal with that day.</summary>
    private async Task<(DateOnly Day, ErrorDigestOutcome? Outcome)> RunNextDigestAsync()
    {
        var digest = app.Services.GetRequiredService<ErrorDigest>();
        var now = app.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var day = now < digest.DueAt(today) ? today : today.AddDays(1);
        var runs = Job.Runs;
        app.Clock.SetUtcNow(digest.DueAt(day));
        await Eventually.TrueAsync(() => Job.Runs > runs, $"the digest of {day}");
        return (day, Job.LastOutcome);
    }

    private async Task<List<MimeKit.MimeMessage>> DigestsTo(string address) =>
        (await app.Mail.To(address)).Where(m => (m.Subject ?? "").StartsWith(DigestSubjectStart, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task A_day_with_nothing_new_sends_no_digest()
    {
        var before = await DigestsTo(Everything);

        var (day, outcome) = await RunNextDigestAsync();

        Assert.Equal(ErrorDigestOutcome.NothingNew, outcome);
        Assert.Equal(before.Count, (await DigestsTo(Everything)).Count);
        Assert.True(await app.WithDbAsync(db => db.ErrorDigestRuns.AnyAsync(r => r.Day == day)));
    }

    [Fact]
    public async Task A_day_with_a_new_issue_sends_one_digest_to_each_admin_who_wants_it_and_a_second_instance_sends_none()
    {
        var message = $"Digest news {UniqueWord()}";
        app.Push(message, count: 3);
        var issue = await app.IssueAsync(message, rows: 3);
        var before = (await DigestsTo(Everything)).Count;

        var (day, outcome) = await RunNextDigestAsync();

        Assert.Equal(ErrorDigestOutcome.Sent, outcome);
        var digests = await DigestsTo(Everything);
        Assert.Equal(before + 1, digests.Count);
        var digest = digests[^1];
        Assert.StartsWith($"{DigestSubjectStart} for ", digest.Subject);
        Assert.Contains("1 new issue", digest.Subject);
        Assert.Contains(message, digest.TextBody);
        Assert.Contains("3 events in these 24 hours", digest.TextBody);
        Assert.Equal(new Uri($"{BaseUrl}/Admin/Errors/Issues/{issue.Id}"), Mailbox.Link(digest, $"/Admin/Errors/Issues/{issue.Id}"));
        Assert.Single(await DigestsTo(NoNewIssues), m => m.Subject == digest.Subject);
        Assert.Empty(await DigestsTo(Nothing));
        Assert.Empty(await DigestsTo(NotAdmin));

        // Another instance of the job on the same database, the same day: the day is taken.
        var secondDigest = ActivatorUtilities.CreateInstance<ErrorDigest>(app.Services);
        using var second = ActivatorUtilities.CreateInstance<ErrorDigestJob>(app.Services, secondDigest);
        await second.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => second.Runs == 1, "the second instance's run");
        await second.StopAsync(CancellationToken.None);

        Assert.Equal(ErrorDigestOutcome.AlreadyTaken, second.LastOutcome);
        Assert.Equal(before + 1, (await DigestsTo(Everything)).Count);
        Assert.Equal(1, await app.WithDbAsync(db => db.ErrorDigestRuns.CountAsync(r => r.Day == day)));
    }
}
