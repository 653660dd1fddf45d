using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vybe.E2E.Infrastructure;
using Vybe.E2E.Infrastructure.Pages;
using Vybe.TestSupport.Photos;

namespace Vybe.E2E;

/// <summary>
/// Issue 16's journey: a member logs a sighting from a photo, adds a note, filters the history,
/// opens "your numbers", shares the reading and fetches the card a chat would show.
/// </summary>
[Collection(AppServerCollection.Name)]
public sealed partial class SightingJournalJourneyTests(AppServerFixture server)
{
    [Fact]
    public async Task A_member_logs_a_sighting_from_a_photo_with_a_note_filters_history_opens_your_numbers_and_shares_a_card()
    {
        var page = await server.NewPageAsync();
        try
        {
            var problems = BrowserProblems.RecordFrom(page);
            await AccountSteps.SignUpAsync(page, AccountSteps.NewEmail("journal"), "Journal Sighting Pass 2026!");

            // A photo of a lock screen reads as 11:11, in place.
            await page.Home().OpenAsync(HomePage.Photo);
            await page.Home().PhotoField.SetInputFilesAsync(new FilePayload
            {
                Name = "lock-screen.png",
                MimeType = "image/png",
                Buffer = TestPhotos.LockScreen("11:11"),
            });
            await page.Home().ReadPhotoButton.ClickAsync();
            await Assertions.Expect(page.Home().ResultTitle).ToHaveTextAsync("11:11");

            // Log where it was seen, how it felt and a note, in place.
            var sighting = page.Locator("#result .sighting-panel");
            await sighting.GetByText("Log this sighting").ClickAsync();
            await sighting.GetByLabel("Where").SelectOptionAsync("phone");
            await sighting.GetByLabel("How you felt").SelectOptionAsync("hopeful");
            await sighting.GetByLabel("Note").FillAsync("On the train home, just as the doors closed.");
            await sighting.GetByRole(AriaRole.Button, new() { Name = "Save sighting" }).ClickAsync();
            await Assertions.Expect(page.Locator("#result .sighting-saved")).ToHaveTextAsync("Saved to your journal.");
            await Assertions.Expect(page.Locator("#result .sighting-note dd")).ToHaveTextAsync("On the train home, just as the doors closed.");
            await PageChecks.CheckAsync(page, "journal-sighting-logged");

            // A second reading, seen nowhere in particular.
            await page.Home().OpenAsync(HomePage.Number);
            await page.Home().NumberField.FillAsync("444");
            await page.Home().ReadButton.ClickAsync();
            await Assertions.Expect(page.Home().ResultTitle).ToHaveTextAsync("444");

            // History, filtered to sightings on a phone, keeps the filter in the URL.
            await AccountSteps.MainNavigationLink(page, "History").ClickAsync();
            await Assertions.Expect(page.Locator(".history-item")).ToHaveCountAsync(2);
            await page.GetByLabel("Seen on").SelectOptionAsync("phone");
            await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(PlaceFilterUrl());
            await Assertions.Expect(page.Locator(".history-item")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator(".history-item")).ToContainTextAsync("On the train home");
            await PageChecks.CheckAsync(page, "journal-history-filtered");

            // Your numbers counts both sightings.
            await AccountSteps.MainNavigationLink(page, "Your numbers").ClickAsync();
            await Assertions.Expect(page.Locator("#numbers-count")).ToHaveTextAsync("2 sightings");
            await Assertions.Expect(page.Locator("#time-chance tbody tr")).ToHaveCountAsync(1);
            await PageChecks.CheckAsync(page, "journal-your-numbers");

            // Share the 11:11 reading: the shared page names a card image, and the image is a PNG.
            await AccountSteps.MainNavigationLink(page, "History").ClickAsync();
            await page.Locator(".history-item", new() { HasText = "11:11" }).Locator("a.history-link").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Make a share link" }).ClickAsync();
            // The owner sees the card itself, loaded: the 1200 × 630 PNG, not a broken image.
            await Assertions.Expect(page.Locator("#share-panel .share-preview img")).ToHaveJSPropertyAsync("naturalWidth", 1200);
            await PageChecks.CheckAsync(page, "journal-shared");
            var shareUrl = await page.GetByLabel("Share link").InputValueAsync();

            var stranger = await server.NewPageAsync();
            try
            {
                await stranger.GotoAsync(new Uri(shareUrl).PathAndQuery);
                await Assertions.Expect(stranger.Locator(".reading-title")).ToHaveTextAsync("11:11");
                // The journal stays private: the shared page shows neither the note nor the place.
                await Assertions.Expect(stranger.GetByText("On the train home")).ToHaveCountAsync(0);
                var imageUrl = await stranger.Locator("meta[property='og:image']").GetAttributeAsync("content");
                var image = await stranger.APIRequest.GetAsync(new Uri(imageUrl!).PathAndQuery);
                Assert.Equal(200, image.Status);
                Assert.Equal("image/png", image.Headers["content-type"]);
                var png = await image.BodyAsync();
                Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
            }
            finally
            {
                await stranger.Context.CloseAsync();
            }

            Assert.True(problems.All.Count == 0, string.Join('\n', problems.All));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [GeneratedRegex(@"/history\?.*place=phone")]
    private static partial Regex PlaceFilterUrl();
}
