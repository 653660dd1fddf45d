using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vybe.E2E.Infrastructure;

namespace Vybe.E2E;

/// <summary>The sighting journal in Chromium: log a sighting in place, see it in the browser's zone, filter the history.</summary>
[Collection(AppServerCollection.Name)]
public sealed class JournalJourneyTests(AppServerFixture server)
{
    [Fact]
    public async Task A_guest_logs_a_sighting_in_place_sees_times_in_the_browsers_zone_and_filters_the_history()
    {
        var page = await server.NewPageAsync(new BrowserNewContextOptions { TimezoneId = "Asia/Tokyo" });
        try
        {
            var problems = BrowserProblems.RecordFrom(page);
            await page.GotoAsync("/?form=number");
            await page.GetByLabel("Number you saw").FillAsync("444");
            await page.GetByRole(AriaRole.Button, new() { Name = "Read it" }).ClickAsync();
            var panel = page.Locator("section.sighting-panel");
            await Assertions.Expect(panel).ToBeVisibleAsync();

            // The script moved the form's time to the browser's zone, and said so.
            await panel.Locator("summary").ClickAsync();
            await Assertions.Expect(panel.Locator("[data-zone-label]")).ToHaveTextAsync("Asia/Tokyo");
            await PageChecks.CheckAsync(page, "sighting-form");

            // Bad input: the message in place, the note kept.
            await panel.GetByLabel("Note").FillAsync(new string('x', 10));
            await panel.GetByLabel("When you saw it").FillAsync("2099-01-01T10:00");
            await panel.GetByRole(AriaRole.Button, new() { Name = "Save sighting" }).ClickAsync();
            await Assertions.Expect(page.Locator("section.sighting-panel .field-error").First).ToContainTextAsync("in the future");
            await Assertions.Expect(page.Locator("section.sighting-panel").GetByLabel("Note")).ToHaveValueAsync(new string('x', 10));
            await PageChecks.CheckAsync(page, "sighting-form-error");

            panel = page.Locator("section.sighting-panel");
            await panel.GetByLabel("When you saw it").FillAsync("");
            await panel.GetByLabel("Where").SelectOptionAsync("clock");
            await panel.GetByLabel("How you felt").SelectOptionAsync("calm");
            await panel.GetByLabel("Note").FillAsync("On the station clock");
            await panel.GetByRole(AriaRole.Button, new() { Name = "Save sighting" }).ClickAsync();
            await Assertions.Expect(page.Locator(".sighting-saved")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".sighting-facts")).ToContainTextAsync("A clock");
            // The time shown is the browser's, without the server's "UTC" label.
            await Assertions.Expect(page.Locator(".sighting-facts time")).Not.ToContainTextAsync("UTC");

            await page.GotoAsync("/history");
            await Assertions.Expect(page.Locator(".history-item .history-place")).ToHaveTextAsync("A clock");
            await page.GetByLabel("Seen on").SelectOptionAsync("plate");
            await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("place=plate"));
            await Assertions.Expect(page.Locator(".filter-empty")).ToBeVisibleAsync();
            await PageChecks.CheckAsync(page, "history-filtered");

            // A page the server wrote in another zone (a stale cookie saying UTC) is rewritten in the
            // browser's zone, in the server's own format, and the cookie is put right.
            await page.Context.AddCookiesAsync([new Cookie { Name = "vybe-tz", Value = "UTC", Url = server.BaseUrl }]);
            await page.GotoAsync("/history");
            var seen = page.Locator(".history-item time.history-seen").First;
            await Assertions.Expect(seen).ToHaveAttributeAsync("data-written-in", "Asia/Tokyo");
            var instant = DateTimeOffset.Parse(await seen.GetAttributeAsync("datetime") ?? "", CultureInfo.InvariantCulture);
            var tokyo = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
            await Assertions.Expect(seen).ToHaveTextAsync(tokyo.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture));
            // What the server wrote stays in the tooltip.
            await Assertions.Expect(seen).ToHaveAttributeAsync("title", instant.UtcDateTime.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture));

            var cookies = await page.Context.CookiesAsync();
            Assert.Contains(cookies, c => c.Name == "vybe-tz" && c.Value == Uri.EscapeDataString("Asia/Tokyo") && c.SameSite == SameSiteAttribute.Lax);
            Assert.True(problems.All.Count == 0, string.Join('\n', problems.All));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
