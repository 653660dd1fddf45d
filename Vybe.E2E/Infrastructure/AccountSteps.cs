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
