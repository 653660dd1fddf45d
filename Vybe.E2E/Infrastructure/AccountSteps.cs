using Microsoft.Playwright;

namespace Vybe.E2E.Infrastructure;

/// <summary>Signing up, logging in and out through the app's own forms, with or without JavaScript.</summary>
public static class AccountSteps
{
    public static async Task SignUpAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Signup");
        await FillSignupAsync(page, email, password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(LogOutButton(page)).ToBeVisibleAsync();
    }

    /// <summary>
    /// Confirms the address as its owner would: reads the confirmation e-mail the app wrote to the pickup
    /// folder, opens its link in this page and presses the button there.
    /// </summary>
    public static async Task ConfirmEmailAsync(IPage page, string mailDirectory, string email)
    {
        var message = await Mailbox.WaitForAsync(mailDirectory, email, Mailbox.ConfirmationSubject);
        await page.GotoAsync(Mailbox.LinkTo(message, "/Account/ConfirmEmail"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my address" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("your e-mail address is confirmed");
    }

    public static async Task FillSignupAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Password again").FillAsync(password);
    }

    public static async Task LogInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(LogOutButton(page)).ToBeVisibleAsync();
    }

    public static ILocator LogOutButton(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Log out" });

    public static ILocator MainNavigationLink(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = name });

    public static string NewEmail(string prefix) => $"{prefix}.{Guid.NewGuid():N}@example.com";
}
