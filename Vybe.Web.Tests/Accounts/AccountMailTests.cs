using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Vybe.Web.Accounts;
using Vybe.Web.ErrorLog;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;

namespace Vybe.Web.Tests.Accounts;

/// <summary>
/// Account e-mails leave from a background queue: a mail server that refuses, drops the connection or
/// stalls never fails a request, and never shows in what a request answers. Each test runs an app of
/// its own against a stand-in SMTP server on loopback, so it can also stop the app.
/// </summary>
public sealed class AccountMailTests
{
    public const int MaxAttempts = 3;

    private sealed class MailApp(FakeSmtpServer smtp, IDictionary<string, string?>? extra) : VybeAppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings
        {
            get
            {
                var settings = new Dictionary<string, string?>(smtp.Settings)
                {
                    ["Vybe:Email:MaxAttempts"] = MaxAttempts.ToString(),
                    // Short waits between tries, so a test sees the last one soon; nothing here waits on them.
                    ["Vybe:Email:RetryDelay"] = "00:00:00.010",
                };
                foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
                {
                    settings[key] = value;
                }
                return settings;
            }
        }
    }

    private static async Task<MailApp> StartAsync(FakeSmtpServer smtp, IDictionary<string, string?>? extra = null)
    {
        var app = new MailApp(smtp, extra);
        await app.InitializeAsync();
        return app;
    }

    private static Task StopAndDropAsync(VybeAppFactory app) => ((IAsyncLifetime)app).DisposeAsync();

    private static Task<List<ErrorLogEntry>> FailuresAsync(VybeAppFactory app, string kind, int atLeast) =>
        Eventually.ReturnsAsync(
            () => app.WithDbAsync(db => db.ErrorLogs.AsNoTracking().Where(e => e.Code == AccountMail.SendFailedCode).OrderBy(e => e.Id).ToListAsync()),
            rows => rows.Count(r => Detail(r, "kind") == kind) >= atLeast,
            $"{atLeast} {AccountMail.SendFailedCode} row(s) for {kind} e-mails")
        .ContinueWith(rows => rows.Result.Where(r => Detail(r, "kind") == kind).ToList(), TaskScheduler.Default);

    private static string? Detail(ErrorLogEntry row, string name) =>
        row.Details is null ? null
        : JsonDocument.Parse(row.Details).RootElement.TryGetProperty(name, out var value) ? value.ToString() : null;

    private static void HasNoLinkOrToken(ErrorLogEntry row)
    {
        foreach (var text in new[] { row.Message, row.Details ?? "" })
        {
            Assert.DoesNotContain("/Account/", text);
            Assert.DoesNotContain("code=", text);
            Assert.DoesNotContain("[redacted]", text); // nothing secret was there for the redactor to catch
        }
    }

    private static async Task<HtmlBrowser.Page> RequestResetAsync(HtmlBrowser browser, string email)
    {
        var forgot = await browser.GetAsync("/Account/ForgotPassword");
        return await browser.SubmitAsync(forgot, new Dictionary<string, string> { ["Input.Email"] = email });
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_a_member_and_an_unknown_address_while_the_mail_server_refuses()
    {
        await using var smtp = FakeSmtpServer.Start(FakeSmtpServer.Behaviour.Refuse554);
        var app = await StartAsync(smtp);
        try
        {
            var email = AccountSteps.NewEmail();
            using var browser = app.CreateBrowser();

            // Sign-up does not fail because its confirmation e-mail does.
            var welcome = await browser.SignUpAsync(email);
            Assert.Equal(HttpStatusCode.OK, welcome.Status);
            Assert.Contains("Your account is ready", welcome.Text);
            var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
            await browser.LogOutAsync();

            var forUnknown = await RequestResetAsync(browser, AccountSteps.NewEmail("ghost"));
            var forMember = await RequestResetAsync(browser, email);

            Assert.Equal(HttpStatusCode.OK, forUnknown.Status);
            Assert.Equal(HttpStatusCode.OK, forMember.Status);
            Assert.Equal(forMember.Url, forUnknown.Url);
            Assert.Equal(forMember.Text, forUnknown.Text);
            Assert.Contains("we have sent it a link", forMember.Text);

            // One worker sends in order, so when the member's failure is logged the unknown address's job is done:
            // it looked the address up, found no account and sent nothing (one row, one connection fewer).
            var resetFailures = await FailuresAsync(app, "password-reset", atLeast: 1);
            var confirmationFailures = await FailuresAsync(app, "confirmation", atLeast: 1);
            var failure = Assert.Single(resetFailures);
            Assert.Single(confirmationFailures);
            Assert.Equal(ErrorLogLevels.Error, failure.Level);
            Assert.Equal(userId.ToString(), Detail(failure, "userId"));
            Assert.Equal("smtp", Detail(failure, "transport"));
            Assert.Equal("554", Detail(failure, "smtpStatus"));
            // 554 is a refusal for good: not tried again.
            Assert.Equal("1", Detail(failure, "attempts"));
            Assert.Equal("refused for good", Detail(failure, "reason"));
            Assert.Equal(2, smtp.Connections);
            HasNoLinkOrToken(failure);
            HasNoLinkOrToken(confirmationFailures[0]);

            // Nothing else broke.
            Assert.Equal("/", (await browser.LogInAsync(email)).Url.AbsolutePath);
            Assert.Equal(HttpStatusCode.OK, (await browser.ReadNumberAsync("1212")).Status);
            Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/readyz")).StatusCode);
            Assert.Equal(0, await app.WithDbAsync(db => db.ErrorLogs.CountAsync(e => e.Level == ErrorLogLevels.Error && e.Code != AccountMail.SendFailedCode)));
        }
        finally
        {
            await StopAndDropAsync(app);
        }
    }

    [Fact]
    public async Task A_mail_server_that_drops_every_connection_is_tried_MaxAttempts_times_then_logged_once()
    {
        await using var smtp = FakeSmtpServer.Start(FakeSmtpServer.Behaviour.Close);
        var app = await StartAsync(smtp);
        try
        {
            using var browser = app.CreateBrowser();
            var welcome = await browser.SignUpAsync(AccountSteps.NewEmail());
            Assert.Equal(HttpStatusCode.OK, welcome.Status);

            var failure = Assert.Single(await FailuresAsync(app, "confirmation", atLeast: 1));

            Assert.Equal(MaxAttempts.ToString(), Detail(failure, "attempts"));
            Assert.Equal("retries exhausted", Detail(failure, "reason"));
            Assert.Equal(MaxAttempts, smtp.Connections);
            HasNoLinkOrToken(failure);
        }
        finally
        {
            await StopAndDropAsync(app);
        }
    }

    [Fact]
    public async Task Account_emails_go_out_over_smtp_with_a_link_that_works()
    {
        await using var smtp = FakeSmtpServer.Start(FakeSmtpServer.Behaviour.Accept);
        var app = await StartAsync(smtp);
        try
        {
            var email = AccountSteps.NewEmail();
            using var browser = app.CreateBrowser();
            await browser.SignUpAsync(email);

            await Eventually.TrueAsync(() => smtp.Messages.Count == 1, "the confirmation e-mail at the SMTP server");
            var message = smtp.Messages.Single();
            Assert.Equal(email, message.To.Mailboxes.Single().Address);
            Assert.Equal(AccountEmailMessages.ConfirmationSubject, message.Subject);
            var confirmed = await browser.SubmitAsync(await browser.GetAsync(Mailbox.Link(message, "/Account/ConfirmEmail").PathAndQuery));
            Assert.Contains("(confirmed)", confirmed.Text);
        }
        finally
        {
            await StopAndDropAsync(app);
        }
    }

    [Fact]
    public async Task Shutdown_sends_the_emails_still_queued_before_it_stops()
    {
        await using var smtp = FakeSmtpServer.Start(FakeSmtpServer.Behaviour.Accept);
        var app = await StartAsync(smtp);
        try
        {
            // The server says nothing yet: the worker waits on the first e-mail while the other two stay queued.
            smtp.HoldGreetings();
            var emails = Enumerable.Range(0, 3).Select(n => AccountSteps.NewEmail($"queued{n}")).ToList();
            foreach (var email in emails)
            {
                using var browser = app.CreateBrowser();
                Assert.Equal(HttpStatusCode.OK, (await browser.SignUpAsync(email)).Status);
            }
            await Eventually.TrueAsync(() => smtp.Connections == 1, "the worker's first connection");
            var queue = app.Services.GetRequiredService<AccountMailQueue>();
            Assert.Equal(2, queue.Count);

            var stopping = app.DisposeAsync().AsTask();
            // Let the server answer only once the worker has been told to stop.
            await Eventually.TrueAsync(() => queue.IsClosed, "the mail worker's shutdown to begin");
            smtp.ReleaseGreetings();
            await stopping;

            Assert.Equal(emails.Order(), smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        }
        finally
        {
            await StopAndDropAsync(app);
        }
    }

    [Fact]
    public async Task Shutdown_stops_waiting_after_the_flush_timeout_and_logs_each_email_not_sent()
    {
        await using var smtp = FakeSmtpServer.Start(FakeSmtpServer.Behaviour.Accept);
        var app = await StartAsync(smtp, new Dictionary<string, string?> { ["Vybe:Email:ShutdownFlushTimeout"] = "00:00:00.200" });
        try
        {
            smtp.HoldGreetings(); // and never lets them go
            foreach (var n in Enumerable.Range(0, 2))
            {
                using var browser = app.CreateBrowser();
                await browser.SignUpAsync(AccountSteps.NewEmail($"stuck{n}"));
            }
            await Eventually.TrueAsync(() => smtp.Connections == 1, "the worker's first connection");
            var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();

            await app.DisposeAsync();

            Assert.True(lifetime.ApplicationStopped.IsCancellationRequested);
            Assert.Empty(smtp.Messages);
            // The error log's writer stops after the mail worker, so these rows reached the database.
            await using var connection = new NpgsqlConnection(app.ConnectionString);
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand(
                "SELECT details->>'reason' FROM error_logs WHERE code = 'EMAIL_SEND_FAILED' AND details->>'kind' = 'confirmation'", connection);
            var reasons = new List<string>();
            await using (var reader = await query.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    reasons.Add(reader.GetString(0));
                }
            }
            Assert.Equal(["the app stopped before it could be sent", "the app stopped before it could be sent"], reasons);
        }
        finally
        {
            await StopAndDropAsync(app);
        }
    }
}
