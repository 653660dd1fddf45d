using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vybe.E2E.Infrastructure;
using Vybe.E2E.Infrastructure.Pages;

namespace Vybe.E2E;

/// <summary>
/// What a visitor sees while the database is briefly unavailable, as htmx shows it. The shared app's
/// database stays up: the browser's request is answered by the app's own 503 page, <c>/Status/503</c>,
/// fetched with the request's own method, headers and body (what a refused request is re-executed as;
/// Vybe.Web.Tests cut a database of their own to get there).
/// </summary>
[Collection(AppServerCollection.Name)]
public sealed class OutageJourneyTests(AppServerFixture server)
{
    [Fact]
    public async Task A_refused_htmx_reading_shows_the_unavailable_toast_and_a_refused_boosted_link_shows_the_whole_page()
    {
        var page = await server.NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            await page.RouteAsync(HomePage.TimeFormAction, AnswerAsUnavailable);
            await page.Home().TimeField.FillAsync("11:11");
            await page.Home().ReadButton.ClickAsync();

            var toast = page.Locator("#toasts .toast");
            await Assertions.Expect(toast).ToContainTextAsync("Vybe is briefly unavailable. That could not be finished just now.");
            await Assertions.Expect(page.Home().ResultReading).ToHaveCountAsync(0);
            await Assertions.Expect(page.Home().TimeField).ToHaveValueAsync("11:11"); // the form is left as it was
            await PageChecks.CheckAsync(page, "home-database-unavailable");

            // Asking again while it lasts (or a page that polls) replaces the toast rather than stacking another.
            await toast.EvaluateAsync("toast => toast.setAttribute('data-test-first', '')");
            await page.Home().ReadButton.ClickAsync();
            await Assertions.Expect(page.Locator("#toasts .toast:not([data-test-first])")).ToHaveCountAsync(1);
            await Assertions.Expect(toast).ToHaveCountAsync(1);

            await toast.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
            await Assertions.Expect(toast).ToHaveCountAsync(0);

            // A boosted link: htmx replaces the body with the whole page, not a toast.
            await page.RouteAsync(new Regex(@"/history$", RegexOptions.IgnoreCase), AnswerAsUnavailable);
            await AccountSteps.MainNavigationLink(page, "History").ClickAsync();
            await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Vybe is briefly unavailable");
            await Assertions.Expect(page.Locator("header.site-header")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#toasts .toast")).ToHaveCountAsync(0);
            await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Vybe is briefly unavailable"));
            await PageChecks.CheckAsync(page, "database-unavailable");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private async Task AnswerAsUnavailable(IRoute route)
    {
        var answer = await route.FetchAsync(new RouteFetchOptions { Url = $"{server.BaseUrl}/Status/503" });
        await route.FulfillAsync(new RouteFulfillOptions { Response = answer });
    }
}
