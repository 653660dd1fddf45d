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

/// <summary>
/// The sighting panel (<c>section.sighting-panel</c>): on a reading's answer, on its permalink, on
/// <c>/history/{id}/sighting</c>, or alone as htmx's answer. Its form, fields and facts live here.
/// </summary>
public sealed class SightingPanelView(IParentNode root)
{
    public const string FormSelector = "form.sighting-form";

    public SightingPanelView(HtmlBrowser.Page page) : this(page.Document)
    {
    }

    /// <summary>The field names the form posts (the page binds one <c>Sighting</c>).</summary>
    public static class Fields
    {
        public const string SeenAt = "Sighting.SeenAt";
        public const string TimeZone = "Sighting.TimeZone";
        public const string Place = "Sighting.Place";
        public const string Feeling = "Sighting.Feeling";
        public const string Note = "Sighting.Note";
    }

    /// <summary>The page that edits a reading's sighting (the history rows' "Log sighting" link).</summary>
    public static string Path(Guid id) => $"/history/{id}/sighting";

    public IElement? Panel => root.QuerySelector("section.sighting-panel");

    public IHtmlFormElement Form =>
        (IHtmlFormElement?)root.QuerySelector(FormSelector) ?? throw new InvalidOperationException($"No sighting form in: {((INode)root).TextContent}");

    public bool IsOpen => root.QuerySelector("details.sighting-details")?.HasAttribute("open") == true;

    /// <summary>A field's value as the form shows it (a select's chosen option, a textarea's text).</summary>
    public string? Value(string field) => root.QuerySelector($"{FormSelector} [name='{field}']") switch
    {
        IHtmlSelectElement select => select.Value,
        IHtmlTextAreaElement area => area.Value,
        IHtmlInputElement input => input.Value,
        _ => null,
    };

    /// <summary>The message next to a field (<c>Sighting_Note-error</c>), or "".</summary>
    public string ErrorFor(string field) => root.QuerySelector($"#{field.Replace('.', '_')}-error")?.TextContent.Trim() ?? "";

    /// <summary>What the panel says was logged: "Seen", "Where", "Felt", "Note".</summary>
    public string? Fact(string term) => root.QuerySelectorAll(".sighting-facts > div")
        .FirstOrDefault(d => d.QuerySelector("dt")?.TextContent.Trim() == term)?.QuerySelector("dd")?.TextContent.Trim();

    /// <summary>The <c>&lt;time&gt;</c> of "Seen".</summary>
    public IElement? SeenTime => root.QuerySelector(".sighting-facts time");

    public bool SaysSaved => root.QuerySelector(".sighting-saved") is not null;
}

/// <summary>The history's filter form and the journal lines of its rows.</summary>
public static class HistoryJournal
{
    public const string FilterFormSelector = "form.history-filters";

    /// <summary>The query names the filter form sends.</summary>
    public static class Filters
    {
        public const string Number = "number";
        public const string Kind = "kind";
        public const string Place = "place";
        public const string From = "from";
        public const string To = "to";
    }

    /// <summary>The link that opens a row's sighting page.</summary>
    public static string? SightingLink(this HistoryListPage list, Guid id) => list.Row(id)?.QuerySelector("a.history-log")?.GetAttribute("href");

    public static string? PlaceOf(this HistoryListPage list, Guid id) => list.Row(id)?.QuerySelector(".history-place")?.TextContent.Trim();

    public static string? FeelingOf(this HistoryListPage list, Guid id) => list.Row(id)?.QuerySelector(".history-feeling")?.TextContent.Trim();

    public static string? NoteOf(this HistoryListPage list, Guid id) => list.Row(id)?.QuerySelector(".history-note")?.TextContent.Trim();

    public static IElement? SeenOf(this HistoryListPage list, Guid id) => list.Row(id)?.QuerySelector("time.history-seen");

    /// <summary>The message next to a filter (<c>filter-number-error</c>), or "".</summary>
    public static string FilterError(this HtmlBrowser.Page page, string filter) =>
        page.Document.QuerySelector($"#filter-{filter}-error")?.TextContent.Trim() ?? "";

    public static bool SaysNothingMatches(this HtmlBrowser.Page page) => page.Document.QuerySelector(".filter-empty") is not null;

    public static string? JournalScope(this HtmlBrowser.Page page) => page.Document.QuerySelector(".journal-scope")?.TextContent;
}
