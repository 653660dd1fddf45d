using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vybe.E2E.Infrastructure;

namespace Vybe.E2E;

[Collection(AppServerCollection.Name)]
public sealed class HomePageSmokeTests(AppServerFixture server)
{
    [Fact]
    public async Task Home_page_renders_in_chromium_with_its_heading_and_no_console_errors()
    {
        var page = await server.NewPageAsync();
        try
        {
            var problems = BrowserProblems.RecordFrom(page);

            var response = await page.GotoAsync("/");

            Assert.NotNull(response);
            Assert.Equal(200, response.Status);
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("11:11");
            await Assertions.Expect(page).ToHaveTitleAsync(new Regex("Vybe"));
            await PageChecks.CheckAsync(page, "home-first-visit");
            Assert.True(problems.All.Count == 0,
                $"The home page reported problems in the browser:\n{string.Join('\n', problems.All)}\n\nServer output:\n{server.ServerOutput}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
