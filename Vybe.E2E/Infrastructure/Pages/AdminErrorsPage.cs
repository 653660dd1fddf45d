using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Vybe.E2E.Infrastructure.Pages;

/// <summary>The admin error-log pages as the journeys use them: the row log, its filter form and live tail, an entry's page, the issues list.</summary>
public sealed class AdminErrorsPage(IPage page)
{
    /// <summary>The row log: every entry.</summary>
    public const string Path = "/Admin/Errors/Log";
    /// <summary>The issues list: the entries grouped.</summary>
    public const string IssuesPath = "/Admin/Errors";
    public const string DigestPath = "/Admin/Errors/Digest";
    public const string TailPath = "/Admin/Errors/Tail";

    public Task OpenAsync(bool liveTail = false) => page.GotoAsync(liveTail ? $"{Path}?tail=1" : Path);

    /// <summary>Opens the issues list, filtered by the text its titles contain.</summary>
    public Task OpenIssuesAsync(string text) => page.GotoAsync($"{IssuesPath}?q={Uri.EscapeDataString(text)}");

    /// <summary>The issues list's rows.</summary>
    public ILocator IssueRows => page.Locator("#issue-rows tr");

    /// <summary>The list table's body, where live tail prepends.</summary>
    public ILocator RowsBody => page.Locator("#error-rows");

    /// <summary>The list's rows.</summary>
    public ILocator Rows => page.Locator("#error-rows tr");

    public ILocator RowsWith(string text) => page.Locator("#error-rows tr", new() { HasText = text });

    /// <summary>Types into "Message contains" and applies the filter, as the admin does.</summary>
    public async Task FilterByMessageAsync(string text)
    {
        await page.GetByLabel("Message contains").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filter" }).ClickAsync();
    }

    public Task OpenDetailsAsync(ILocator row) => row.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Details of entry") }).ClickAsync();

    /// <summary>An entry page's heading ("Entry #12").</summary>
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>An entry page's list of facts.</summary>
    public ILocator Facts => page.Locator("dl.facts");

    public ILocator Fact(string term) => Facts.Locator($"dt:has-text('{term}') + dd code");

    /// <summary>Waits for live tail's next poll to be answered.</summary>
    public Task<IResponse> NextPollAsync() =>
        page.WaitForResponseAsync(r => r.Url.Contains(TailPath, StringComparison.Ordinal), new() { Timeout = 30_000 });
}
