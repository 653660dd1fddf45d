using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vybe.E2E.Infrastructure;
using Vybe.E2E.Infrastructure.Pages;

namespace Vybe.E2E;

[Collection(AppServerCollection.Name)]
public sealed class PersonalNumbersJourneyTests(AppServerFixture server)
{
    private const string Password = "copper lantern meadow 2718";

    [Fact]
    public async Task A_member_gives_a_birth_date_and_a_time_zone_and_sees_the_personal_day_under_a_reading()
    {
        var page = await server.NewPageAsync();
        try
        {
            var problems = BrowserProblems.RecordFrom(page);
            await AccountSteps.SignUpAsync(page, AccountSteps.NewEmail("personal"), Password);
            await AccountSteps.MainNavigationLink(page, "Account").ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Your personal numbers" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your personal numbers", Level = 1 })).ToBeVisibleAsync();
            await PageChecks.CheckAsync(page, "personal-numbers-empty");

            await page.GetByLabel("Your birth date").FillAsync("2999-01-01");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save my birth date" }).ClickAsync();
            await Assertions.Expect(page.Locator("#Input_BirthDate-error")).ToHaveTextAsync("A birth date cannot be in the future.");
            await Assertions.Expect(page.GetByLabel("Your birth date")).ToHaveAttributeAsync("aria-invalid", "true");
            await PageChecks.CheckAsync(page, "personal-numbers-future-date");

            await page.GetByLabel("Your birth date").FillAsync("1990-11-29");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save my birth date" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your birth date was saved.");
            await Assertions.Expect(page.Locator(".personal-numbers .core-number").First).ToHaveTextAsync("5");
            await PageChecks.CheckAsync(page, "personal-numbers");

            await page.GetByRole(AriaRole.Link, new() { Name = "your time zone" }).ClickAsync();
            await page.GetByLabel("Your time zone").SelectOptionAsync("Asia/Tokyo");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save my time zone" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Asia/Tokyo");
            await PageChecks.CheckAsync(page, "time-zone");

            await page.Home().OpenAsync(HomePage.Number);
            await page.Home().NumberField.FillAsync("317");
            await page.Home().ReadButton.ClickAsync();
            await Assertions.Expect(page.Home().ResultTitle).ToHaveTextAsync("317");
            await Assertions.Expect(page.Locator("section.personal-day")).ToContainTextAsync("Asia/Tokyo");
            await PageChecks.CheckAsync(page, "reading-personal-day");

            await page.GetByRole(AriaRole.Link, new() { Name = "Open this reading" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/r/[0-9a-f-]{36}$"));
            await Assertions.Expect(page.Locator("section.personal-day h2")).ToHaveTextAsync("Your personal day");
            await PageChecks.CheckAsync(page, "reading-permalink-personal-day");
            Assert.True(problems.All.Count == 0, string.Join('\n', problems.All));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
