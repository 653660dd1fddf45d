using Microsoft.Playwright;
using Vybe.E2E.Infrastructure;
using Vybe.E2E.Infrastructure.Pages;

namespace Vybe.E2E;

/// <summary>"Your numbers" in Chromium: empty, then with readings, its tables unfolded, in light and dark mode.</summary>
[Collection(AppServerCollection.Name)]
public sealed class NumbersJourneyTests(AppServerFixture server)
{
    [Fact]
    public async Task A_guest_opens_your_numbers_empty_reads_three_numbers_and_sees_them_counted_in_light_and_dark_mode()
    {
        var page = await server.NewPageAsync();
        try
        {
            var problems = BrowserProblems.RecordFrom(page);
            await page.GotoAsync("/numbers");
            await Assertions.Expect(page.Locator(".numbers-empty")).ToBeVisibleAsync();
            await PageChecks.CheckAsync(page, "numbers-empty");

            foreach (var time in new[] { "11:11", "13:13" })
            {
                await page.Home().OpenAsync(HomePage.Time);
                await page.Home().TimeField.FillAsync(time);
                await page.Home().ReadButton.ClickAsync();
                await Assertions.Expect(page.Home().ResultTitle).ToHaveTextAsync(time);
            }
            await page.Home().OpenAsync(HomePage.Number);
            await page.Home().NumberField.FillAsync("444");
            await page.Home().ReadButton.ClickAsync();
            await Assertions.Expect(page.Home().ResultTitle).ToHaveTextAsync("444");

            await AccountSteps.MainNavigationLink(page, "Your numbers").ClickAsync();
            await Assertions.Expect(page.Locator("#numbers-count")).ToHaveTextAsync("3 sightings");
            await Assertions.Expect(page.Locator("#time-chance tbody tr")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("svg.bar-chart")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("svg.calendar-chart rect.calendar-seen")).ToHaveCountAsync(1);
            await PageChecks.CheckAsync(page, "numbers-guest");

            foreach (var summary in await page.Locator("details.chart-data > summary").AllAsync())
            {
                await summary.ClickAsync();
            }
            await Assertions.Expect(page.Locator("#hours-table")).ToBeVisibleAsync();
            await PageChecks.CheckAsync(page, "numbers-guest-tables");

            await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
            await PageChecks.CheckAsync(page, "numbers-guest-dark");

            Assert.True(problems.All.Count == 0,
                $"The numbers journey reported problems in the browser:\n{string.Join('\n', problems.All)}\n\nServer output:\n{server.ServerOutput}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
