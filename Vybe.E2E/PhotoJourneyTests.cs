using Microsoft.Playwright;
using Vybe.E2E.Infrastructure;
using Vybe.E2E.Infrastructure.Pages;
using Vybe.TestSupport.Photos;

namespace Vybe.E2E;

[Collection(AppServerCollection.Name)]
public sealed class PhotoJourneyTests(AppServerFixture server)
{
    [Fact]
    public async Task A_photo_shows_a_preview_uploads_in_place_and_offers_a_choice_when_it_holds_several_numbers()
    {
        var page = await server.NewPageAsync();
        try
        {
            var problems = BrowserProblems.RecordFrom(page);
            await page.Home().OpenAsync(HomePage.Photo);
            await page.EvaluateAsync("() => { window.vybeNoReloadMarker = true; }");
            await PageChecks.CheckAsync(page, "photo-form");

            // One number: a preview, then the reading in place.
            await page.Home().PhotoField.SetInputFilesAsync(new FilePayload
            {
                Name = "lock-screen.png",
                MimeType = "image/png",
                Buffer = TestPhotos.LockScreen("11:11"),
            });
            await Assertions.Expect(page.Locator("img[data-photo-preview]")).ToBeVisibleAsync();
            await page.Home().Depth("Deep").CheckAsync();
            await page.Home().ReadPhotoButton.ClickAsync();
            await Assertions.Expect(page.Home().ResultTitle).ToHaveTextAsync("11:11");
            await Assertions.Expect(page.Home().ResultKind).ToContainTextAsync("Photo · Deep reading");
            await Assertions.Expect(page.Locator("[data-upload-progress]")).ToBeHiddenAsync();
            await PageChecks.CheckAsync(page, "photo-reading");

            // Several numbers: offered most prominent first (the receipt's larger total), that one already chosen.
            await page.Home().PhotoField.SetInputFilesAsync(new FilePayload
            {
                Name = "receipt.png",
                MimeType = "image/png",
                Buffer = TestPhotos.ReceiptWithTotal("444.18"),
            });
            await page.Home().ReadPhotoButton.ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Which one did you see?" })).ToBeFocusedAsync();
            await Assertions.Expect(page.Locator("section.photo-choice").GetByRole(AriaRole.Radio).First).ToHaveAccessibleNameAsync("444");
            await Assertions.Expect(page.Home().Choice("444")).ToBeCheckedAsync();
            await PageChecks.CheckAsync(page, "photo-choice");
            await page.Home().ReadChoiceButton.ClickAsync();
            await Assertions.Expect(page.Home().ResultTitle).ToHaveTextAsync("444");

            // Not a picture: the message appears under the field.
            await page.Home().PhotoField.SetInputFilesAsync(new FilePayload
            {
                Name = "notes.png",
                MimeType = "image/png",
                Buffer = "just some text"u8.ToArray(),
            });
            await page.Home().ReadPhotoButton.ClickAsync();
            await Assertions.Expect(page.Home().PhotoError).ToContainTextAsync("not a PNG, JPEG, WebP or HEIC");
            await PageChecks.CheckAsync(page, "photo-error");

            Assert.True(await page.EvaluateAsync<bool>("() => window.vybeNoReloadMarker === true"), "an upload reloaded the page");
            Assert.True(problems.All.Count == 0, string.Join('\n', problems.All));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Without_javascript_a_photo_is_read_by_plain_form_posts()
    {
        var page = await server.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        try
        {
            await page.Home().OpenAsync(HomePage.Photo);
            await page.Home().PhotoField.SetInputFilesAsync(new FilePayload
            {
                Name = "receipt.png",
                MimeType = "image/png",
                Buffer = TestPhotos.Lines([("Table 12", 30), ("Order 444", 30)]),
            });
            await page.Home().ReadPhotoButton.ClickAsync();
            await page.Home().Choice("444").CheckAsync();
            await page.Home().ReadChoiceButton.ClickAsync();

            await Assertions.Expect(page.Home().ResultTitle).ToHaveTextAsync("444");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
