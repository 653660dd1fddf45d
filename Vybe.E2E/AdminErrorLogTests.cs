using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vybe.E2E.Infrastructure;
using Vybe.E2E.Infrastructure.Pages;

namespace Vybe.E2E;

[Collection(AppServerCollection.Name)]
public sealed class AdminErrorLogTests(AppServerFixture server)
{
    private const string MemberPassword = "violet harbour engine 5120";

    [Fact]
    public async Task An_admin_finds_a_browser_error_a_members_page_raised_filters_for_it_and_opens_its_detail()
    {
        var marker = $"member page boom {Guid.NewGuid():N}";
        var member = await server.NewPageAsync();
        try
        {
            await AccountSteps.SignUpAsync(member, AccountSteps.NewEmail("member"), MemberPassword);
            await member.Home().OpenAsync(HomePage.Number);
            // An uncaught error in the member's page: error-reporter.js sends it to /errors/client.
            var reportSent = member.WaitForResponseAsync(r => r.Url.EndsWith("/errors/client", StringComparison.Ordinal));
            await member.EvaluateAsync("message => { setTimeout(() => { throw new Error(message); }, 0); }", marker);
            Assert.Equal(204, (await reportSent).Status);
        }
        finally
        {
            await member.Context.CloseAsync();
        }

        var admin = await server.NewAdminPageAsync();
        try
        {
            var problems = BrowserProblems.RecordFrom(admin);
            await AccountSteps.MainNavigationLink(admin, "Admin").ClickAsync();
            await PageChecks.CheckAsync(admin, "admin-home");
            var errors = new AdminErrorsPage(admin);
            await errors.OpenAsync();
            await PageChecks.CheckAsync(admin, "admin-errors");

            // The writer stores rows in batches from a background thread: wait until the row is
            // stored, then look for it as the admin would, once.
            await StoredRows.EventuallyAsync(
                server.DatabaseConnectionString,
                "SELECT id FROM error_logs WHERE service = 'client' AND position(@marker in message) > 0",
                new Dictionary<string, object> { ["marker"] = marker },
                reader => reader.GetInt64(0),
                ids => ids.Count > 0,
                _ => $"the browser error '{marker}' was never stored.\nServer output:\n{server.ServerOutput}");
            var row = errors.RowsWith(marker);
            await errors.FilterByMessageAsync(marker);
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(admin).ToHaveURLAsync(new Regex("[?&]q=member"));
            await Assertions.Expect(errors.Rows).ToHaveCountAsync(1);
            await Assertions.Expect(row).ToContainTextAsync("CLIENT_ERROR");
            await PageChecks.CheckAsync(admin, "admin-errors-filtered");

            await errors.OpenDetailsAsync(row);
            await Assertions.Expect(errors.Heading).ToHaveTextAsync(new Regex(@"^Entry #\d+$"));
            var facts = errors.Facts;
            await Assertions.Expect(facts).ToContainTextAsync(marker);
            await Assertions.Expect(facts).ToContainTextAsync("CLIENT_ERROR");
            await Assertions.Expect(facts).ToContainTextAsync("client");
            // The member was signed in, so the entry names them; a guest's would say "none".
            await Assertions.Expect(errors.Fact("User id")).ToHaveTextAsync(new Regex("^[0-9a-f-]{36}$"));
            await PageChecks.CheckAsync(admin, "admin-error-detail");

            // The same error in the issues list, one issue with its sparkline.
            await errors.OpenIssuesAsync(marker);
            await Assertions.Expect(errors.IssueRows).ToHaveCountAsync(1);
            await Assertions.Expect(errors.IssueRows.Locator("svg[role=img]")).ToHaveAttributeAsync("aria-label", new Regex("^1 event in the last 24 hours"));
            await PageChecks.CheckAsync(admin, "admin-error-issues");

            // The other admin pages a responder opens next to it.
            await admin.GotoAsync(AdminErrorsPage.DigestPath);
            await PageChecks.CheckAsync(admin, "admin-errors-digest");
            await admin.GotoAsync("/Admin/Vitals");
            await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await PageChecks.CheckAsync(admin, "admin-web-vitals");
            Assert.True(problems.All.Count == 0, string.Join('\n', problems.All));
        }
        finally
        {
            await admin.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_browser_error_reaches_the_admin_live_tail_once()
    {
        var page = await server.NewAdminPageAsync();
        try
        {
            var errors = new AdminErrorsPage(page);
            await errors.OpenAsync(liveTail: true);
            await Assertions.Expect(errors.RowsBody).ToBeAttachedAsync();
            var marker = $"e2e browser boom {Guid.NewGuid():N}";
            var reportSent = page.WaitForResponseAsync(r => r.Url.EndsWith("/errors/client", StringComparison.Ordinal));
            await page.EvaluateAsync("message => { setTimeout(() => { throw new Error(message); }, 0); }", marker);
            Assert.Equal(204, (await reportSent).Status);

            var row = errors.RowsWith(marker);
            await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Assertions.Expect(row).ToContainTextAsync("CLIENT_ERROR");
            await Assertions.Expect(row).ToContainTextAsync("client");
            // Later polls must not add the same row again: count once two more polls have been answered
            // and what they brought has been swapped in.
            for (var poll = 0; poll < 2; poll++)
            {
                await errors.NextPollAsync();
                await PageChecks.WaitUntilSettledAsync(page);
            }
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await PageChecks.CheckAsync(page, "admin-errors-live-tail");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
