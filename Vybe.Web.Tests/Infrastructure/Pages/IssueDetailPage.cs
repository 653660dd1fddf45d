using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Vybe.Web.Tests.Infrastructure.Pages;

/// <summary>
/// An issue's page (<c>/Admin/Errors/Issues/{id}</c>), or the status panel htmx swaps in: its facts,
/// status forms, merge forms, tables of pages, browsers and releases, latest events and stack.
/// </summary>
public sealed class IssueDetailPage(IParentNode root)
{
    public IssueDetailPage(HtmlBrowser.Page page) : this(page.Document)
    {
    }

    public static string Url(long id) => $"/Admin/Errors/Issues/{id}";

    public string Text => root is IDocument document ? document.Body?.TextContent ?? "" : ((INode)root).TextContent;

    public string Heading => root.QuerySelector("h1")!.TextContent.Trim();

    /// <summary>The facts list: term → description.</summary>
    public Dictionary<string, string> Facts => root.QuerySelectorAll("#issue-facts dt")
        .ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim());

    public string LifetimeHint => root.QuerySelector("#lifetime-hint")!.TextContent;

    public IElement? StatusPanel => root.QuerySelector("#issue-status");

    public string StatusHeading => root.QuerySelector("#issue-status h2")!.TextContent.Trim();

    public string? Error => root.QuerySelector(".validation-summary-errors")?.TextContent.Trim();

    public IHtmlFormElement? StatusForm(string id) => (IHtmlFormElement?)root.QuerySelector($"#issue-status form#{id}");

    public IHtmlFormElement MergeHereForm => (IHtmlFormElement)root.QuerySelector("form#merge-here-form")!;

    public IHtmlFormElement MergeIntoForm => (IHtmlFormElement)root.QuerySelector("form#merge-into-form")!;

    public IHtmlFormElement? SplitForm(long sourceId) => root.QuerySelectorAll("#issue-merges form")
        .OfType<IHtmlFormElement>().FirstOrDefault(f => f.QuerySelector($"input[name='source'][value='{sourceId}']") is not null);

    /// <summary>A table of counts (<c>issue-pages</c>, <c>issue-browsers</c>, <c>issue-releases</c>): its rows' cells.</summary>
    public List<string[]> Table(string id) => root.QuerySelectorAll($"table#{id} tbody tr")
        .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();

    public List<long> LatestEventIds => root.QuerySelectorAll("#issue-events tbody tr td:first-child a")
        .Select(a => long.Parse(a.GetAttribute("href")!.Split('/').Last())).ToList();

    public string? Stack => root.QuerySelector("#issue-stack pre")?.TextContent;

    public bool LinksTo(string href) => root.QuerySelector($"a[href='{href}']") is not null;

    public bool HasTrendPlaceholder => root.QuerySelector("section#issue-trend") is not null;
}
