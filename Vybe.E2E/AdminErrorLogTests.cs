using Microsoft.Playwright;
using Vybe.E2E.Infrastructure;

namespace Vybe.E2E;

[Collection(AppServerCollection.Name)]
public sealed class AdminErrorLogTests(AppServerFixture server)
{
    [Fact]
    public async Task A_browser_error_reaches_the_admin_live_tail_once()
    {
        var page = await server.NewPageAsync();
        try
        {
            await page.GotoAsync("/Account/Signup");
            await page.GetByLabel("E-mail").FillAsync(AppServerFixture.AdminEmail);
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync("admin lantern quartz 3301");
            await page.GetByLabel("Password again").FillAsync("admin lantern quartz 3301");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToBeVisibleAsync();

            await page.GotoAsync("/Admin/Errors?tail=1");
            await Assertions.Expect(page.Locator("#error-rows")).ToBeAttachedAsync();
            var marker = $"e2e browser boom {Guid.NewGuid():N}";
            // An uncaught error in the page: error-reporter.js sends it to /errors/client.
            var reportSent = page.WaitForResponseAsync(r => r.Url.EndsWith("/errors/client", StringComparison.Ordinal));
            await page.EvaluateAsync("message => { setTimeout(() => { throw new Error(message); }, 0); }", marker);
            Assert.Equal(204, (await reportSent).Status);

            var row = page.Locator("#error-rows tr", new() { HasText = marker });
            await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = 20_000 });
            await Assertions.Expect(row).ToContainTextAsync("CLIENT_ERROR");
            await Assertions.Expect(row).ToContainTextAsync("client");
            // Later polls must not add the same row again.
            await page.WaitForResponseAsync(r => r.Url.Contains("/Admin/Errors/Tail", StringComparison.Ordinal), new() { Timeout = 15_000 });
            await page.WaitForResponseAsync(r => r.Url.Contains("/Admin/Errors/Tail", StringComparison.Ordinal), new() { Timeout = 15_000 });
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("admin-errors-desktop.png"), FullPage = true });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
