using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Vybe.Web.Tests.Infrastructure.Pages;

/// <summary>
/// The error-log list (<c>/Admin/Errors/Log</c>): its filter form, its table and pager, live tail's
/// poller. Reads a whole page or the results fragment htmx swaps in, the same way.
/// </summary>
public sealed class ErrorLogListPage(IParentNode root)
{
    public const string Path = "/Admin/Errors/Log";
    public const string ExportPath = "/Admin/Errors/Export";
    public const string TailPath = "/Admin/Errors/Tail";

    public ErrorLogListPage(HtmlBrowser.Page page) : this(page.Document)
    {
    }

    /// <summary>The htmx fragment (the results region, or live tail's rows) as a document.</summary>
    public static ErrorLogListPage FromFragment(string html) => new(new HtmlParser().ParseDocument(html));

    /// <summary>
    /// Live tail's answer, parsed the way htmx does when it prepends it into the list's tbody
    /// (the next poller comes inside a template, see <see cref="NextPoller"/>).
    /// </summary>
    public static ErrorLogListPage FromTailRows(string html)
    {
        var document = new HtmlParser().ParseDocument("<table><tbody id=\"error-rows\"></tbody></table>");
        document.GetElementById("error-rows")!.InnerHtml = html;
        return new(document.QuerySelector("table")!);
    }

    /// <summary>The text a person reads: the body of a page, or the whole fragment.</summary>
    public string Text => root is IDocument document ? document.Body?.TextContent ?? "" : ((INode)root).TextContent;

    // ------------------------------------------------------------ the filter form

    public IHtmlFormElement FilterForm => (IHtmlFormElement)root.QuerySelector("form.filter-form")!;

    /// <summary>The form's field that sends the query key <paramref name="name"/>.</summary>
    public IElement? Field(string name) => root.QuerySelector($"form.filter-form [name='{name}']");

    /// <summary>Every visible field of the form (inputs and selects).</summary>
    public IEnumerable<IElement> VisibleFields => FilterForm.QuerySelectorAll("input:not([type=hidden]), select");

    public string? SelectedLevel => root.QuerySelector("#filter-level option[selected]")?.GetAttribute("value");

    public IElement MessageField => root.QuerySelector("#filter-text")!;

    public IElement RequestIdField => root.QuerySelector("#filter-request")!;

    public string TimeHint => root.QuerySelector("#time-hint")!.TextContent;

    /// <summary>Whether the form keeps live tail on when the filter changes (its hidden tail=1).</summary>
    public bool KeepsLiveTail => root.QuerySelector("form.filter-form input[type=hidden][name=tail][value='1']") is not null;

    /// <summary>The summary of what is wrong with the filter; null when it is fine.</summary>
    public IElement? ErrorSummary => root.QuerySelector(".validation-summary-errors");

    public bool ErrorSummaryTakesFocus => root.QuerySelector(".validation-summary-errors[autofocus]") is not null;

    // ------------------------------------------------------------ the results

    public bool HeadingTakesFocus => root.QuerySelector("#error-results-heading[autofocus]") is not null;

    /// <summary>The list table's rows, top to bottom.</summary>
    public IReadOnlyList<IElement> Rows => root.QuerySelectorAll("#error-rows > tr").ToList();

    /// <summary>The entry ids in the list table, top to bottom.</summary>
    public List<long> EntryIds => root.QuerySelectorAll("#error-rows tr td:first-child a")
        .Select(a => long.Parse(a.TextContent.Trim().TrimStart('#'))).ToList();

    /// <summary>The code column, top to bottom.</summary>
    public List<string> Codes => root.QuerySelectorAll("#error-rows tr td:nth-child(6)").Select(td => td.TextContent.Trim()).ToList();

    public IElement FirstRow => root.QuerySelector("#error-rows tr")!;

    public static IElement DetailLink(IElement row) => row.QuerySelector("td:first-child a")!;

    public static IElement RequestLink(IElement row) => row.QuerySelector("td:last-child a")!;

    public IElement Table => root.QuerySelector("table.log-table")!;

    public string? CsvHref => root.QuerySelector($"a[href^='{ExportPath}']")?.GetAttribute("href");

    /// <summary>The link that turns live tail on or off (on the newest page only).</summary>
    public string? LiveTailToggleHref => root.QuerySelectorAll("section.results p.actions a")
        .FirstOrDefault(a => a.TextContent.Trim() is "Start live tail" or "Stop live tail")?.GetAttribute("href");

    /// <summary>"Older entries"; null on the last page.</summary>
    public IElement? OlderLink => root.QuerySelector("nav.pager a[rel='next']");

    /// <summary>The pager's first link: "Newest entries" on an older page.</summary>
    public IElement? PagerFirstLink => root.QuerySelector("nav.pager a");

    /// <summary>The live-tail poller on the page; null when live tail is off.</summary>
    public IElement? Poller => root.QuerySelector("#error-tail");

    /// <summary>The poller that comes with live tail's rows, for the next poll.</summary>
    public IElement NextPoller => ((IHtmlTemplateElement)root.QuerySelector("#error-rows > template")!).Content.QuerySelector("#error-tail")!;

    /// <summary>The count of entries the full queue dropped.</summary>
    public string DroppedCount => root.QuerySelector("main .hint strong, main .alert-warn strong")!.TextContent;
}

/// <summary>One entry's page (<c>/Admin/Errors/Details/{id}</c>).</summary>
public sealed class ErrorLogDetailPage(HtmlBrowser.Page page)
{
    public static string Url(long id) => $"/Admin/Errors/Details/{id}";

    public string Details => page.Document.QuerySelector("pre.details-json")!.TextContent;

    /// <summary>The ids of the other entries of the same request, as listed.</summary>
    public IEnumerable<long> SameRequestIds =>
        page.Document.QuerySelectorAll("table.log-table tbody tr td:first-child a").Select(a => long.Parse(a.TextContent.TrimStart('#')));
}

/// <summary>The digest (<c>/Admin/Errors/Digest</c>): per window, tables of counts.</summary>
public sealed class ErrorLogDigestPage(IDocument document)
{
    public const string Path = "/Admin/Errors/Digest";

    /// <summary>The table with this caption, as rows of cell texts (the row header first).</summary>
    public List<string[]> Table(string caption) =>
        document.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Trim() == caption)
            .QuerySelectorAll("tbody tr")
            .Select(tr => tr.Children.Select(cell => cell.TextContent.Trim()).ToArray())
            .ToList();

    /// <summary>Each window's summary line, in order.</summary>
    public List<string> WindowSummaries =>
        document.QuerySelectorAll("section.digest-window").Select(s => s.QuerySelector("p")!.TextContent).ToList();

    public bool LinksTo(string href) => document.QuerySelector($"a[href='{href}']") is not null;
}
