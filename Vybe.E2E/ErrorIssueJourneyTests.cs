using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vybe.E2E.Infrastructure;

namespace Vybe.E2E;

/// <summary>
/// The error log as an operator of one small app uses it: one browser error thrown twice with
/// different numbers is one issue; the admin resolves it; the next release sees it again, it shows
/// as a regression and the admin is e-mailed about it.
/// </summary>
[Collection(AppServerCollection.Name)]
public sealed class ErrorIssueJourneyTests(AppServerFixture server)
{
    private const string NextRelease = "e2e-2";

    [Fact]
    public async Task A_browser_error_thrown_twice_is_one_issue_that_the_next_release_brings_back_as_a_regression_the_admin_is_told_of()
    {
        // Letters only: digits are what the fingerprint sets aside, and the word must tell this error from the others the journeys throw.
        var word = "quokka" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8));
        var admin = await server.NewAdminPageAsync();
        try
        {
            var problems = BrowserProblems.RecordFrom(admin);
            // Another journey's errors may have used this issue-free hour already; this admin wants
            // regressions only, so the new issue's e-mail does not take the issue's hourly e-mail.
            await admin.GotoAsync("/Account/Manage/Alerts");
            await admin.GetByLabel("a new issue appears").UncheckAsync();
            await admin.GetByLabel("a resolved issue comes back").CheckAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Save my choices" }).ClickAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("saved");
            await PageChecks.CheckAsync(admin, "account-error-emails");

            await ThrowInBrowserAsync(server.BaseUrl, $"{word} widget 12 failed");
            await ThrowInBrowserAsync(server.BaseUrl, $"{word} widget 3456 failed");
            var issue = await IssueOfAsync(word, "event_count = 2", "both errors counted into one issue");

            await admin.GotoAsync($"/Admin/Errors?q={word}");
            var rows = admin.Locator("#issue-rows tr");
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            var row = rows.First;
            await Assertions.Expect(row).ToContainTextAsync($"{word} widget 12 failed");
            await Assertions.Expect(row.Locator(".issue-status")).ToHaveTextAsync(new Regex(@"^\s*open\s*$"));
            await Assertions.Expect(row.GetByRole(AriaRole.Img)).ToHaveAttributeAsync("aria-label", new Regex(@"^2 events in the last 24 hours"));
            await PageChecks.CheckAsync(admin, "admin-issues");

            await row.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(word) }).ClickAsync();
            await Assertions.Expect(admin).ToHaveURLAsync(new Regex($"/Admin/Errors/Issues/{issue}$"));
            await Assertions.Expect(Fact(admin, "Events")).ToHaveTextAsync(new Regex(@"^\s*2\b"));
            await PageChecks.CheckAsync(admin, "admin-issue");

            var status = admin.Locator("#issue-status");
            await status.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();
            await Assertions.Expect(status.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Status: resolved");
            await Assertions.Expect(status).ToContainTextAsync($"in release {AppServerFixture.Release}");

            // The next deployment: another instance, a later release, on the same database. It counted
            // the row, so it sends the e-mail: it runs until the e-mail is there.
            MimeKit.MimeMessage mail;
            await using (var next = await server.StartInstanceAsync(NextRelease))
            {
                await ThrowInBrowserAsync(next.BaseUrl, $"{word} widget 789 failed");
                await IssueOfAsync(word, "status = 'open' AND regressed_at IS NOT NULL AND event_count = 3", "the issue reopened as a regression");
                mail = await MailAsync($"[Vybe] Regression: Uncaught Error: {word} widget 12 failed");
            }
            Assert.Equal($"/Admin/Errors/Issues/{issue}", Mailbox.LinkTo(mail, $"/Admin/Errors/Issues/{issue}"));

            await admin.ReloadAsync();
            await Assertions.Expect(status.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Status: open");
            await Assertions.Expect(status).ToContainTextAsync("Regression");
            await Assertions.Expect(Fact(admin, "Events")).ToHaveTextAsync(new Regex(@"^\s*3\b"));
            await PageChecks.CheckAsync(admin, "admin-issue-regression");

            await admin.GotoAsync($"/Admin/Errors?q={word}&status=open");
            await Assertions.Expect(rows.First.Locator(".issue-status")).ToContainTextAsync("regression");

            Assert.True(problems.All.Count == 0, string.Join('\n', problems.All));
        }
        finally
        {
            await admin.Context.CloseAsync();
        }
    }

    private async Task<MimeKit.MimeMessage> MailAsync(string subject)
    {
        try
        {
            return await Mailbox.WaitForAsync(server.EmailPickupDirectory, AppServerFixture.AdminEmail, subject);
        }
        catch (TimeoutException timeout)
        {
            var received = Directory.GetFiles(server.EmailPickupDirectory, "*.eml")
                .Select(file => MimeKit.MimeMessage.Load(file)).Select(m => $"{m.To} | {m.Subject}");
            throw new TimeoutException($"{timeout.Message}\nReceived:\n{string.Join('\n', received)}\nServer output:\n{server.ServerOutput}", timeout);
        }
    }

    /// <summary>A visitor's page on <paramref name="baseUrl"/> throws an uncaught error, which error-reporter.js sends.</summary>
    private async Task ThrowInBrowserAsync(string baseUrl, string message)
    {
        var visitor = await server.NewPageAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        try
        {
            await visitor.GotoAsync("/");
            var reportSent = visitor.WaitForResponseAsync(r => r.Url.EndsWith("/errors/client", StringComparison.Ordinal));
            await visitor.EvaluateAsync("message => { setTimeout(() => { throw new Error(message); }, 0); }", message);
            Assert.Equal(204, (await reportSent).Status);
        }
        finally
        {
            await visitor.Context.CloseAsync();
        }
    }

    /// <summary>Waits until the writer has stored the issue whose title holds <paramref name="word"/> in the state <paramref name="condition"/> says; returns its id.</summary>
    private async Task<long> IssueOfAsync(string word, string condition, string what)
    {
        var ids = await StoredRows.EventuallyAsync(
            server.DatabaseConnectionString,
            $"SELECT id FROM error_issues WHERE position(@word in title) > 0 AND merged_into_id IS NULL AND {condition}",
            new Dictionary<string, object> { ["word"] = word },
            reader => reader.GetInt64(0),
            found => found.Count == 1,
            found => $"{what}: {found.Count} matching issues.\nServer output:\n{server.ServerOutput}");
        return ids[0];
    }

    private static ILocator Fact(IPage page, string term) => page.Locator($"#issue-facts dt:text-is('{term}') + dd");
}
