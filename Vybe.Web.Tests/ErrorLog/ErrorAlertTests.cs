using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Tests.Infrastructure;
using static Vybe.Web.Tests.ErrorLog.ErrorAlertAppFactory;

namespace Vybe.Web.Tests.ErrorLog;

/// <summary>
/// The alert e-mails, end to end on PostgreSQL: rows go through the app's queue and writer (or the
/// browser-error endpoint), the writer raises alerts, the sender e-mails the admins through the pickup
/// folder; time is the app's fake clock. Each test's errors have messages of their own, so each is its own issue.
/// </summary>
public sealed class ErrorAlertTests(ErrorAlertAppFactory app) : IClassFixture<ErrorAlertAppFactory>
{
    private async Task<HttpResponseMessage> BrowserErrorAsync(string message)
    {
        using var client = app.CreateClient();
        var body = JsonSerializer.Serialize(new { kind = "error", message, source = "http://localhost/js/wizard.js", line = 12, column = 7, page = "/" });
        return await client.PostAsync(ClientErrorEndpoint.Path, new StringContent(body, Encoding.UTF8, "application/json"));
    }

    [Fact]
    public async Task A_new_browser_error_mails_each_admin_who_wants_it_once_and_a_second_number_is_the_same_issue()
    {
        const string first = "TypeError: wizard step 41 has no answer";
        const string second = "TypeError: wizard step 97 has no answer";
        var subject = $"[Vybe] New issue: {first}";

        Assert.Equal(HttpStatusCode.NoContent, (await BrowserErrorAsync(first)).StatusCode);
        var issue = await app.IssueAsync(first);
        var mail = Assert.Single(await app.Mail.WaitForAsync(Everything, subject));
        Assert.Equal(HttpStatusCode.NoContent, (await BrowserErrorAsync(second)).StatusCode);
        Assert.Equal(issue.Id, (await app.IssueAsync(second)).Id);
        await app.AlertsSettledAsync();

        Assert.Single(await app.ErrorMailTo(Everything, subject));
        Assert.Empty(await app.ErrorMailTo(Everything, $"[Vybe] New issue: {second}"));
        Assert.Empty(await app.ErrorMailTo(Nothing, subject));
        Assert.Empty(await app.ErrorMailTo(NoNewIssues, subject));
        Assert.Empty(await app.ErrorMailTo(NotAdmin));
        Assert.Equal(new Uri($"{BaseUrl}/Admin/Errors/Issues/{issue.Id}"), Mailbox.Link(mail, $"/Admin/Errors/Issues/{issue.Id}"));
        Assert.Contains($"Service: {ClientErrorEndpoint.Service}", mail.TextBody);
        Assert.Contains($"Last release: {Release}", mail.TextBody);
        Assert.Contains($"{BaseUrl}/Account/Manage/Alerts", mail.TextBody);
        Assert.Contains($"href=\"{BaseUrl}/Admin/Errors/Issues/{issue.Id}\"", mail.HtmlBody);
        Assert.Equal(2, await app.WithDbAsync(db => db.ErrorIssues.Where(i => i.Id == issue.Id).Select(i => i.EventCount).SingleAsync()));
    }

    [Fact]
    public async Task A_regression_mails_the_admins_who_want_regressions()
    {
        var message = $"Regression test failure {UniqueWord()}";
        var subject = $"[Vybe] Regression: {message}";
        app.Push(message);
        var issue = await app.IssueAsync(message);
        await app.Mail.WaitForAsync(Everything, $"[Vybe] New issue: {message}");
        await app.AlertsSettledAsync();
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.ResolveAsync(issue.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        app.Push(message);

        var mail = Assert.Single(await app.Mail.WaitForAsync(Everything, subject));
        Assert.Single(await app.Mail.WaitForAsync(NoNewIssues, subject));
        await app.AlertsSettledAsync();
        Assert.Empty(await app.ErrorMailTo(Nothing, subject));
        Assert.Empty(await app.ErrorMailTo(NotAdmin));
        Assert.Contains("regression", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Status: open", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(ErrorIssueStatus.Open, (await app.IssueAsync(message, rows: 2)).Status);
    }

    [Fact]
    public async Task Two_alerts_about_one_issue_within_the_hour_send_one_email_and_after_the_hour_another()
    {
        var message = $"Hourly limit failure {UniqueWord()}";
        var regression = $"[Vybe] Regression: {message}";
        var sender = app.Services.GetRequiredService<ErrorIssueAlertSender>();
        app.Push(message);
        var issue = await app.IssueAsync(message);
        await app.Mail.WaitForAsync(Everything, $"[Vybe] New issue: {message}");
        await app.AlertsSettledAsync();

        // 11 minutes after the new-issue e-mail: a regression, held back.
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.ResolveAsync(issue.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var heldBefore = sender.Held;
        app.Push(message);
        await app.IssueAsync(message, rows: 2);
        await app.AlertsSettledAsync();
        Assert.Empty(await app.ErrorMailTo(Everything, regression));
        Assert.Equal(heldBefore + 1, sender.Held);

        // An hour after the e-mail: the next regression is sent.
        app.Clock.Advance(TimeSpan.FromMinutes(49));
        await app.ResolveAsync(issue.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        app.Push(message);

        Assert.Single(await app.Mail.WaitForAsync(Everything, regression));
        await app.AlertsSettledAsync();
        Assert.Single(await app.ErrorMailTo(Everything, regression));
        Assert.Single(await app.ErrorMailTo(Everything, $"[Vybe] New issue: {message}"));
    }

    [Fact]
    public async Task Twenty_events_in_an_hour_after_a_quiet_day_mail_a_spike()
    {
        var message = $"Spike failure {UniqueWord()}";
        // One event in the day before the hour: an average of 1/24 an hour, so 20 is 480 times that.
        var subject = $"[Vybe] Spike: 20 events in an hour (480× usual): {message}";
        app.Push(message);
        await app.IssueAsync(message);
        await app.Mail.WaitForAsync(Everything, $"[Vybe] New issue: {message}");
        await app.AlertsSettledAsync();
        app.Clock.Advance(TimeSpan.FromHours(1));

        app.Push(message, count: 19);
        await app.IssueAsync(message, rows: 20);
        await app.AlertsSettledAsync();
        Assert.DoesNotContain(await app.ErrorMailTo(Everything), m => (m.Subject ?? "").StartsWith("[Vybe] Spike:", StringComparison.Ordinal) && (m.Subject ?? "").EndsWith(message, StringComparison.Ordinal));
        app.Push(message);

        var mail = Assert.Single(await app.Mail.WaitForAsync(Everything, subject));
        Assert.Single(await app.Mail.WaitForAsync(NoNewIssues, subject));
        await app.AlertsSettledAsync();
        Assert.Empty(await app.ErrorMailTo(Nothing, subject));
        Assert.Contains("An issue had 20 events in the hour", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alert_email_that_fails_is_logged_under_its_own_code_whose_issue_never_alerts()
    {
        var mailer = app.Services.GetRequiredService<ErrorAlertMailer>();

        // A recipient MimeKit cannot parse: the send fails for good, not tried again.
        var sent = await mailer.SendAsync(ErrorMailKind.NewIssue, 1, ["not an address"], to => new MimeKit.MimeMessage
        {
            To = { MimeKit.MailboxAddress.Parse(to) },
        }, CancellationToken.None);

        Assert.Equal(0, sent);
        var failures = await Eventually.ReturnsAsync(
            () => app.WithDbAsync(db => db.ErrorLogs.AsNoTracking().Where(e => e.Code == ErrorAlertMailer.SendFailedCode).ToListAsync()),
            rows => rows.Count >= 1, "the failure row");
        var issueId = Assert.Single(failures).IssueId;
        await app.AlertsSettledAsync();
        Assert.DoesNotContain(await app.ErrorMailTo(Everything), m => (m.Subject ?? "").Contains("could not be sent", StringComparison.Ordinal));
        Assert.Null(await app.WithDbAsync(db => db.ErrorIssues.Where(i => i.Id == issueId).Select(i => i.LastAlertedAt).SingleAsync()));
    }
}
