using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Vybe.Web.Tests.Infrastructure.Pages;

/// <summary>
/// The history list (<c>/history</c>) as a browser sees it, or the rows a "Load more" fragment
/// brings: the one place that knows its selectors.
/// </summary>
public sealed class HistoryListPage(IParentNode root)
{
    public const string Path = "/history";

    public HistoryListPage(HtmlBrowser.Page page) : this(page.Document)
    {
    }

    /// <summary>The page that starts after a position (a "Load more" link's target).</summary>
    public static string Before(string position) => $"{Path}?before={position}";

    /// <summary>Where a row's delete form posts for the reading.</summary>
    public static string DeleteUrl(Guid id) => $"{Path}?handler=Delete&id={id}";

    /// <summary>The readings listed, top to bottom.</summary>
    public IReadOnlyList<Guid> Ids =>
        root.QuerySelectorAll("li.history-item").Select(li => Guid.ParseExact(li.Id!["reading-".Length..], "N")).ToList();

    /// <summary>Whether there is a list element at all (a "Load more" fragment is only rows).</summary>
    public bool HasList => root.QuerySelector("ol") is not null;

    public IElement? Row(Guid id) => root.QuerySelector($"li#reading-{id:N}");

    /// <summary>The core number a readable row shows.</summary>
    public string? CoreOf(Guid id) => Row(id)?.QuerySelector(".history-core")?.TextContent.Trim();

    public IHtmlFormElement DeleteForm(Guid id) =>
        (IHtmlFormElement?)Row(id)?.QuerySelector("form") ?? throw new InvalidOperationException($"No delete form for {id}: {((INode)root).TextContent}");

    public IElement? LoadMore => root.QuerySelector("li.load-more");

    /// <summary>Where "Load more" leads without JavaScript; null on the last page.</summary>
    public string? LoadMoreHref => LoadMore?.QuerySelector("a")?.GetAttribute("href");

    /// <summary>What htmx asks for when "Load more" is clicked.</summary>
    public string? LoadMoreHxGet => LoadMore?.QuerySelector("a")?.GetAttribute("hx-get");

    /// <summary>The message after a delete or a clear.</summary>
    public string? Status => root.QuerySelector("[role=status]")?.TextContent;

    public bool IsEmpty => root.QuerySelector(".empty-state") is not null;
}

public static class HistoryPageExtensions
{
    /// <summary>The page (or fragment) read as the history list.</summary>
    public static HistoryListPage AsHistory(this HtmlBrowser.Page page) => new(page);
}

/// <summary>The page that asks before clearing the history (<c>/history/clear</c>).</summary>
public sealed class HistoryClearPage(HtmlBrowser.Page page)
{
    public const string Path = "/history/clear";
    public const string FormSelector = "main form";

    public string? ConfirmButton => page.Form(FormSelector).QuerySelector("button[type=submit]")?.TextContent.Trim();

    /// <summary>Confirms: posts the form, as the button does.</summary>
    public Task<HtmlBrowser.Page> ConfirmAsync(HtmlBrowser browser) => browser.SubmitAsync(page, formSelector: FormSelector);
}

/// <summary>The history's downloads (<c>/history/export?format=…</c>).</summary>
public static class HistoryExportPage
{
    public const string Path = "/history/export";

    public static string Url(string format) => $"{Path}?format={format}";
}
