using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vybe.E2E.Infrastructure;

namespace Vybe.E2E;

[Collection(AppServerCollection.Name)]
public sealed class ReadingJourneyTests(AppServerFixture server)
{
    private const string Password = "copper lantern meadow 2207";

    [Fact]
    public async Task A_guest_reads_11_11_at_each_depth_in_place_then_signs_up_and_keeps_the_readings()
    {
        var page = await server.NewPageAsync();
        try
        {
            var problems = BrowserProblems.RecordFrom(page);
            await page.GotoAsync("/");
            await page.EvaluateAsync("() => { window.vybeNoReloadMarker = true; }");

            // Bad input first: the message appears in place and focus goes to the field.
            await page.GetByLabel("Time you saw").FillAsync("25:00");
            await page.GetByRole(AriaRole.Button, new() { Name = "Read it" }).ClickAsync();
            await Assertions.Expect(page.Locator("#Time-error")).ToContainTextAsync("no hour 25");
            await Assertions.Expect(page.GetByLabel("Time you saw")).ToBeFocusedAsync();

            foreach (var (depth, sections) in new[] { ("Lite", 1), ("Standard", 1), ("Deep", 5) })
            {
                await page.GetByLabel("Time you saw").FillAsync("11:11");
                await page.GetByLabel(depth).CheckAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Read it" }).ClickAsync();

                var reading = page.Locator("#result article.reading");
                await Assertions.Expect(reading.Locator(".reading-kind")).ToContainTextAsync($"{depth} reading");
                await Assertions.Expect(reading.Locator(".reading-title")).ToHaveTextAsync("11:11");
                await Assertions.Expect(reading.Locator(".reading-section")).ToHaveCountAsync(sections);
                await Assertions.Expect(reading.Locator(".reading-title")).ToBeFocusedAsync();
                await Assertions.Expect(page.Locator("#Time-error")).ToBeEmptyAsync();
            }
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("reading-deep-desktop.png"), FullPage = true });

            // The "now" button is there with JavaScript and fills a time the form accepts.
            await page.GetByRole(AriaRole.Button, new() { Name = "Now" }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("Time you saw")).ToHaveValueAsync(new Regex(@"^\d\d:\d\d$"));

            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
            await Assertions.Expect(page.Locator(".history-item")).ToHaveCountAsync(3);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("history-guest-desktop.png"), FullPage = true });

            await page.GetByRole(AriaRole.Link, new() { Name = "Sign up" }).First.ClickAsync();
            await page.GetByLabel("E-mail").FillAsync($"reader.{Guid.NewGuid():N}@example.com");
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
            await page.GetByLabel("Password again").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
            await Assertions.Expect(page.Locator(".history-item")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator(".history-item .history-meta").First).ToContainTextAsync("Deep");

            Assert.True(await page.EvaluateAsync<bool>("() => window.vybeNoReloadMarker === true"), "a form post reloaded the page");
            Assert.True(problems.All.Count == 0, string.Join('\n', problems.All));
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
            await page.GotoAsync("/?form=number");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Now" })).ToHaveCountAsync(0);
            await page.GetByLabel("Number you saw").FillAsync("444");
            await page.GetByLabel("Deep").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Read it" }).ClickAsync();
            await Assertions.Expect(page.Locator("#result .reading-title")).ToHaveTextAsync("444");
            await Assertions.Expect(page.Locator("#result .reading-section h3")).ToHaveCountAsync(5);

            await page.GetByRole(AriaRole.Link, new() { Name = "Compare two" }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("Deep")).ToBeCheckedAsync();
            await page.GetByLabel("First time or number").FillAsync("12:21");
            await page.GetByLabel("Second time or number").FillAsync("1212");
            await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
            await Assertions.Expect(page.Locator("#result .reading-title")).ToHaveTextAsync("12:21 & 1212");

            await page.GetByRole(AriaRole.Link, new() { Name = "Open this reading" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Make a share link" }).ClickAsync();
            var shareUrl = await page.GetByLabel("Share link").InputValueAsync();
            Assert.Matches("/s/[A-Za-z0-9_-]{24}$", shareUrl);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("reading-permalink-nojs.png"), FullPage = true });

            var stranger = await server.NewPageAsync();
            try
            {
                var response = await stranger.GotoAsync(new Uri(shareUrl).PathAndQuery);
                Assert.Equal(200, response!.Status);
                await Assertions.Expect(stranger.Locator(".reading-title")).ToHaveTextAsync("12:21 & 1212");
                await Assertions.Expect(stranger.GetByRole(AriaRole.Button, new() { Name = "Delete this reading" })).ToHaveCountAsync(0);
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
            await page.GotoAsync("/?form=compare");
            await page.GetByLabel("First time or number").FillAsync("999999999999");
            await page.GetByLabel("Second time or number").FillAsync("12:34");
            await page.GetByLabel("Deep").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
            await Assertions.Expect(page.Locator("#result .reading-title")).ToBeVisibleAsync();

            foreach (var url in new[] { (string?)null, "/history" })
            {
                if (url is not null)
                {
                    await page.GotoAsync(url);
                }
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{url ?? "the reading"} overflows the phone screen by {overflow}px");
            }
            await page.GotoAsync("/?form=time");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("home-phone.png"), FullPage = true });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
