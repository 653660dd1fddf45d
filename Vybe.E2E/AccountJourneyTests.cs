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
