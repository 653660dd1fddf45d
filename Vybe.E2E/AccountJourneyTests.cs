using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vybe.E2E.Infrastructure;

namespace Vybe.E2E;

[Collection(AppServerCollection.Name)]
public sealed class AccountJourneyTests(AppServerFixture server)
{
    private const string Password = "saffron kettle orbit 1492";

    [Fact]
    public async Task Signup_logout_and_login_work_in_place_with_htmx_boost_and_no_browser_errors()
    {
        var page = await server.NewPageAsync();
        try
        {
            var problems = BrowserProblems.RecordFrom(page);
            var email = $"e2e.{Guid.NewGuid():N}@example.com";
            await page.GotoAsync("/Account/Signup");
            // A marker on window survives only if htmx swaps pages in place instead of reloading them.
            await page.EvaluateAsync("() => { window.vybeNoReloadMarker = true; }");

            await page.GetByLabel("E-mail").FillAsync(email);
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync("password1234");
            await page.GetByLabel("Password again").FillAsync("password1234");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
            await Assertions.Expect(page.Locator("#Input_Password-error")).ToContainTextAsync("too easy to guess");
            await Assertions.Expect(page.Locator("#Input_Password")).ToHaveAttributeAsync("aria-invalid", "true");
            await PageChecks.CheckAsync(page, "signup-weak-password");

            await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
            await page.GetByLabel("Password again").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your account is ready");

            // After signing in, the token in the head must have been replaced, or this POST would fail.
            await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "Log in" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login$"));
            await PageChecks.CheckAsync(page, "login");
            await page.GetByLabel("E-mail").FillAsync(email);
            await page.GetByLabel("Password").FillAsync("not the password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("do not match an account");
            await PageChecks.CheckAsync(page, "login-wrong-password");

            await page.GetByLabel("E-mail").FillAsync(email);
            await page.GetByLabel("Password").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();

            Assert.True(await page.EvaluateAsync<bool>("() => window.vybeNoReloadMarker === true"), "a form post reloaded the page");
            await AccountSteps.MainNavigationLink(page, "Account").ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await PageChecks.CheckAsync(page, "account");
            Assert.True(problems.All.Count == 0, string.Join('\n', problems.All));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_member_confirms_the_address_from_the_email_then_moves_the_account_to_a_new_address()
    {
        var page = await server.NewPageAsync();
        try
        {
            var problems = BrowserProblems.RecordFrom(page);
            var email = AccountSteps.NewEmail("confirming");
            var newEmail = AccountSteps.NewEmail("moved");
            await AccountSteps.SignUpAsync(page, email, Password);

            await AccountSteps.MainNavigationLink(page, "Account").ClickAsync();
            await Assertions.Expect(page.Locator("#email-unconfirmed")).ToContainTextAsync("not confirmed yet");
            await PageChecks.CheckAsync(page, "account-unconfirmed");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send the link again" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("We have sent a new confirmation link");

            // The second e-mail, as a person clicks the newest one in their inbox.
            var confirmation = await Mailbox.WaitForAsync(server.EmailPickupDirectory, email, Mailbox.ConfirmationSubject, count: 2);
            await page.GotoAsync(Mailbox.LinkTo(confirmation, "/Account/ConfirmEmail"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Confirm your e-mail address");
            await PageChecks.CheckAsync(page, "confirm-email");
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my address" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("your e-mail address is confirmed");
            await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync("(confirmed)");
            await Assertions.Expect(page.Locator("#email-unconfirmed")).ToHaveCountAsync(0);

            await page.GetByRole(AriaRole.Link, new() { Name = "Change your e-mail address" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Change your e-mail address");
            await PageChecks.CheckAsync(page, "change-email");
            await page.GetByLabel("New e-mail address").FillAsync(newEmail);
            await page.GetByLabel("Your password, to confirm").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("We have sent a link to the new address");
            await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync(email);

            var change = await Mailbox.WaitForAsync(server.EmailPickupDirectory, newEmail, Mailbox.ChangeSubject);
            await page.GotoAsync(Mailbox.LinkTo(change, "/Account/ConfirmEmailChange"));
            await PageChecks.CheckAsync(page, "confirm-email-change");
            await page.GetByRole(AriaRole.Button, new() { Name = "Use this address" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your e-mail address is changed");
            await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync(newEmail);

            await AccountSteps.LogOutButton(page).ClickAsync();
            await AccountSteps.LogInAsync(page, newEmail, Password);
            Assert.True(problems.All.Count == 0, string.Join('\n', problems.All));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Login_with_wrong_password_shows_the_message_with_javascript_disabled()
    {
        var page = await server.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        try
        {
            await page.GotoAsync("/Account/Login");
            await page.GetByLabel("E-mail").FillAsync("nobody@example.com");
            await page.GetByLabel("Password").FillAsync("not the password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("do not match an account");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
