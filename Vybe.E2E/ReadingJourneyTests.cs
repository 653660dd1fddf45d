using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vybe.E2E.Infrastructure;
using Vybe.E2E.Infrastructure.Pages;
using Vybe.TestSupport;

namespace Vybe.E2E;

[Collection(AppServerCollection.Name)]
public sealed class ReadingJourneyTests(AppServerFixture server)
{
    private const string Password = "copper lantern meadow 2207";

    [Fact]
    public async Task A_guest_reads_11_11_at_each_depth_in_place_signs_up_keeps_the_readings_deletes_one_and_exports()
    {
        var page = await server.NewPageAsync();
        try
        {
            var problems = BrowserProblems.RecordFrom(page);
            await page.GotoAsync("/");
            await page.EvaluateAsync("() => { window.vybeNoReloadMarker = true; }");
            await PageChecks.CheckAsync(page, "home");

            // Bad input first: the message appears in place and focus goes to the field.
            await page.Home().TimeField.FillAsync("25:00");
            await page.Home().ReadButton.ClickAsync();
            await Assertions.Expect(page.Home().TimeError).ToContainTextAsync("no hour 25");
            await Assertions.Expect(page.Home().TimeField).ToBeFocusedAsync();
            await PageChecks.CheckAsync(page, "home-time-error");

            foreach (var (depth, sections) in new[] { ("Lite", 1), ("Standard", 1), ("Deep", 5) })
            {
                await page.Home().TimeField.FillAsync("11:11");
                await page.Home().Depth(depth).CheckAsync();
                await page.Home().ReadButton.ClickAsync();

                var reading = page.Home().ResultReading;
                await Assertions.Expect(reading.Locator(".reading-kind")).ToContainTextAsync($"{depth} reading");
                await Assertions.Expect(reading.Locator(".reading-title")).ToHaveTextAsync("11:11");
                await Assertions.Expect(reading.Locator(".reading-section")).ToHaveCountAsync(sections);
                await Assertions.Expect(reading.Locator(".reading-title")).ToBeFocusedAsync();
                await Assertions.Expect(page.Home().TimeError).ToBeEmptyAsync();
                await PageChecks.CheckAsync(page, $"reading-11-11-{depth.ToLowerInvariant()}");
            }

            // The "now" button is there with JavaScript and fills a time the form accepts.
            await page.Home().NowButton.ClickAsync();
            await Assertions.Expect(page.Home().TimeField).ToHaveValueAsync(new Regex(@"^\d\d:\d\d$"));

            // The deep reading's own page, shared in place.
            await page.GetByRole(AriaRole.Link, new() { Name = "Open this reading" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/r/[0-9a-f-]{36}$"));
            await PageChecks.CheckAsync(page, "reading-permalink");
            await page.GetByRole(AriaRole.Button, new() { Name = "Make a share link" }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("Share link")).ToHaveValueAsync(new Regex("/s/[A-Za-z0-9_-]{24}$"));
            await PageChecks.CheckAsync(page, "reading-permalink-shared");

            await AccountSteps.MainNavigationLink(page, "History").ClickAsync();
            await Assertions.Expect(page.Locator(".history-item")).ToHaveCountAsync(3);
            await PageChecks.CheckAsync(page, "history-guest");

            await page.GetByRole(AriaRole.Link, new() { Name = "Sign up" }).First.ClickAsync();
            await PageChecks.CheckAsync(page, "signup");
            await AccountSteps.FillSignupAsync(page, AccountSteps.NewEmail("reader"), Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
            await Assertions.Expect(AccountSteps.LogOutButton(page)).ToBeVisibleAsync();

            await AccountSteps.MainNavigationLink(page, "History").ClickAsync();
            var items = page.Locator(".history-item");
            await Assertions.Expect(items).ToHaveCountAsync(3);
            await Assertions.Expect(items.Locator(".history-meta").First).ToContainTextAsync("Deep");
            await PageChecks.CheckAsync(page, "history-member");

            // Delete the oldest (the lite reading): its row goes in place.
            await items.Last.GetByRole(AriaRole.Button, new() { Name = "Delete the reading of 11:11" }).ClickAsync();
            await Assertions.Expect(items).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator(".history-meta", new() { HasText = "Lite" })).ToHaveCountAsync(0);

            var json = await DownloadAsync(page, "Export JSON");
            using (var export = JsonDocument.Parse(json))
            {
                var depths = export.RootElement.GetProperty("readings").EnumerateArray().Select(r => r.GetProperty("depth").GetString()).ToList();
                Assert.Equal(["deep", "standard"], depths);
            }
            var csv = await DownloadAsync(page, "Export CSV");
            Assert.StartsWith("id,created_at,kind,input", csv, StringComparison.Ordinal);
            // A row starts with the reading's id; the prose in the last column may span lines.
            Assert.Equal(2, Regex.Count(csv, @"^[0-9a-f]{8}-[0-9a-f]{4}-", RegexOptions.Multiline));

            await page.GetByRole(AriaRole.Link, new() { Name = "Clear all…" }).ClickAsync();
            await PageChecks.CheckAsync(page, "history-clear");

            await AccountSteps.LogOutButton(page).ClickAsync();
            await Assertions.Expect(AccountSteps.MainNavigationLink(page, "Log in")).ToBeVisibleAsync();

            Assert.True(await page.EvaluateAsync<bool>("() => window.vybeNoReloadMarker === true"), "a form post reloaded the page");
            Assert.True(problems.All.Count == 0, string.Join('\n', problems.All));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Without_javascript_a_guest_reads_11_11_at_each_depth_deletes_one_signs_up_and_clears_the_history()
    {
        var page = await server.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        try
        {
            await page.GotoAsync("/");
            await Assertions.Expect(page.Home().NowButton).ToHaveCountAsync(0);
            await page.Home().TimeField.FillAsync("9:55 pm");
            await page.Home().ReadButton.ClickAsync();
            await Assertions.Expect(page.Home().ResultTitle).ToHaveTextAsync("9:55 pm");

            await page.Home().TimeField.FillAsync("12:60");
            await page.Home().ReadButton.ClickAsync();
            await Assertions.Expect(page.Home().TimeError).ToContainTextAsync("60");
            await PageChecks.ScreenshotsAsync(page, "home-time-error-nojs");

            foreach (var (depth, sections) in new[] { ("Lite", 1), ("Standard", 1), ("Deep", 5) })
            {
                await page.Home().TimeField.FillAsync("11:11");
                await page.Home().Depth(depth).CheckAsync();
                await page.Home().ReadButton.ClickAsync();
                await Assertions.Expect(page.Home().ResultKind).ToContainTextAsync($"{depth} reading");
                await Assertions.Expect(page.Home().ResultTitle).ToHaveTextAsync("11:11");
                await Assertions.Expect(page.Home().ResultSections).ToHaveCountAsync(sections);
            }
            await PageChecks.ScreenshotsAsync(page, "reading-11-11-deep-nojs");

            await AccountSteps.MainNavigationLink(page, "History").ClickAsync();
            var items = page.Locator(".history-item");
            await Assertions.Expect(items).ToHaveCountAsync(4);
            await items.Last.GetByRole(AriaRole.Button, new() { Name = "Delete the reading of 9:55 pm" }).ClickAsync();
            await Assertions.Expect(items).ToHaveCountAsync(3);
            await PageChecks.ScreenshotsAsync(page, "history-guest-nojs");

            await page.GetByRole(AriaRole.Link, new() { Name = "Sign up" }).First.ClickAsync();
            await AccountSteps.FillSignupAsync(page, AccountSteps.NewEmail("nojs"), Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
            await Assertions.Expect(AccountSteps.LogOutButton(page)).ToBeVisibleAsync();

            await AccountSteps.MainNavigationLink(page, "History").ClickAsync();
            await Assertions.Expect(items).ToHaveCountAsync(3);
            await page.GetByRole(AriaRole.Link, new() { Name = "Clear all…" }).ClickAsync();
            await PageChecks.ScreenshotsAsync(page, "history-clear-nojs");
            await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^(Clear|Delete) all") }).ClickAsync();
            await Assertions.Expect(page.GetByText("No readings yet.")).ToBeVisibleAsync();
            await Assertions.Expect(items).ToHaveCountAsync(0);

            await AccountSteps.LogOutButton(page).ClickAsync();
            await Assertions.Expect(AccountSteps.MainNavigationLink(page, "Log in")).ToBeVisibleAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Without_javascript_a_number_and_a_compare_still_read_and_a_reading_can_be_shared()
    {
        var page = await server.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        try
        {
            await page.Home().OpenAsync(HomePage.Number);
            await Assertions.Expect(page.Home().NowButton).ToHaveCountAsync(0);
            await page.Home().NumberField.FillAsync("444");
            await page.Home().Depth("Deep").CheckAsync();
            await page.Home().ReadButton.ClickAsync();
            await Assertions.Expect(page.Home().ResultTitle).ToHaveTextAsync("444");
            await Assertions.Expect(page.Home().ResultSections.Locator("h3")).ToHaveCountAsync(5);
            await PageChecks.ScreenshotsAsync(page, "reading-number-nojs");

            await page.GetByRole(AriaRole.Link, new() { Name = "Compare two" }).ClickAsync();
            await Assertions.Expect(page.Home().Depth("Deep")).ToBeCheckedAsync();
            await page.Home().FirstField.FillAsync("12:21");
            await page.Home().SecondField.FillAsync("1212");
            await page.Home().CompareButton.ClickAsync();
            await Assertions.Expect(page.Home().ResultTitle).ToHaveTextAsync("12:21 & 1212");
            await PageChecks.ScreenshotsAsync(page, "reading-compare-nojs");

            await page.GetByRole(AriaRole.Link, new() { Name = "Open this reading" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Make a share link" }).ClickAsync();
            var shareUrl = await page.GetByLabel("Share link").InputValueAsync();
            Assert.Matches("/s/[A-Za-z0-9_-]{24}$", shareUrl);
            await PageChecks.ScreenshotsAsync(page, "reading-permalink-nojs");

            var stranger = await server.NewPageAsync();
            try
            {
                var response = await stranger.GotoAsync(new Uri(shareUrl).PathAndQuery);
                Assert.Equal(200, response!.Status);
                await Assertions.Expect(stranger.Locator(".reading-title")).ToHaveTextAsync("12:21 & 1212");
                await Assertions.Expect(stranger.GetByRole(AriaRole.Button, new() { Name = "Delete this reading" })).ToHaveCountAsync(0);
                await PageChecks.CheckAsync(stranger, "reading-shared");
            }
            finally
            {
                await stranger.Context.CloseAsync();
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task On_a_phone_the_reading_and_history_fit_the_screen()
    {
        var page = await server.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 375, Height = 740 }, IsMobile = true, HasTouch = true });
        try
        {
            await page.Home().OpenAsync(HomePage.Compare);
            await page.Home().FirstField.FillAsync("999999999999");
            await page.Home().SecondField.FillAsync("12:34");
            await page.Home().Depth("Deep").CheckAsync();
            await page.Home().CompareButton.ClickAsync();
            await Assertions.Expect(page.Home().ResultTitle).ToBeVisibleAsync();
            await PageChecks.CheckAsync(page, "reading-compare");

            await page.Home().OpenAsync(HomePage.Number);
            await page.Home().NumberField.FillAsync("444");
            await page.Home().ReadButton.ClickAsync();
            await Assertions.Expect(page.Home().ResultTitle).ToHaveTextAsync("444");
            await PageChecks.CheckAsync(page, "reading-number");

            foreach (var url in new[] { (string?)null, "/history" })
            {
                if (url is not null)
                {
                    await page.GotoAsync(url);
                }
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{url ?? "the reading"} overflows the phone screen by {overflow}px");
            }
            await page.Home().OpenAsync(HomePage.Time);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("home-phone-touch.png"), FullPage = true });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Clicks a download link and returns the downloaded file's text.</summary>
    private static async Task<string> DownloadAsync(IPage page, string linkName)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = linkName }).ClickAsync());
        var path = await download.PathAsync();
        return await File.ReadAllTextAsync(path);
    }
}
