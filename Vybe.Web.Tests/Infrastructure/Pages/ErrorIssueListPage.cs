using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Vybe.Web.Tests.Infrastructure.Pages;

/// <summary>
/// The issues list (<c>/Admin/Errors</c>): its filter form, its table of issues with their
/// sparklines, and its pager. Reads a whole page or the fragment htmx swaps in, the same way.
/// </summary>
public sealed class ErrorIssueListPage(IParentNode root)
{
    public const string Path = "/Admin/Errors";

    public ErrorIssueListPage(HtmlBrowser.Page page) : this(page.Document)
    {
    }

    /// <summary>The htmx fragment (the results region) as a document.</summary>
    public static ErrorIssueListPage FromFragment(string html) => new(new HtmlParser().ParseDocument(html));

    public static string IssueUrl(long id) => $"/Admin/Errors/Issues/{id}";

    public string Text => root is IDocument document ? document.Body?.TextContent ?? "" : ((INode)root).TextContent;

    // ------------------------------------------------------------ the filter form

    public IHtmlFormElement FilterForm => (IHtmlFormElement)root.QuerySelector("form.filter-form")!;

    /// <summary>The form's field that sends the query key <paramref name="name"/>.</summary>
    public IElement? Field(string name) => root.QuerySelector($"form.filter-form [name='{name}']");

    public IEnumerable<IElement> VisibleFields => FilterForm.QuerySelectorAll("input:not([type=hidden]), select");

    public string? Selected(string name) => root.QuerySelector($"form.filter-form select[name='{name}'] option[selected]")?.GetAttribute("value");

    public IElement? ErrorSummary => root.QuerySelector(".validation-summary-errors");

    public bool ErrorSummaryTakesFocus => root.QuerySelector(".validation-summary-errors[autofocus]") is not null;

    public bool HeadingTakesFocus => root.QuerySelector("#issue-results-heading[autofocus]") is not null;

    /// <summary>The links above the list (row log, digest, admin home).</summary>
    public bool LinksTo(string href) => root.QuerySelector($"a[href='{href}']") is not null;

    // ------------------------------------------------------------ the table

    public IReadOnlyList<IElement> Rows => root.QuerySelectorAll("#issue-rows > tr").ToList();

    /// <summary>The issue ids, top to bottom.</summary>
    public List<long> IssueIds => Rows.Select(r => long.Parse(r.GetAttribute("data-issue-id")!)).ToList();

    /// <summary>The code column, top to bottom.</summary>
    public List<string> Codes => Rows.Select(r => Cell(r, Column.Code)).ToList();

    public IElement Row(long issueId) => root.QuerySelector($"#issue-rows > tr[data-issue-id='{issueId}']")!;

    /// <summary>The columns after the title (a row header), counted from 1 among the data cells.</summary>
    public enum Column
    {
        Level = 1,
        Service,
        Code,
        Culprit,
        Status,
        Trend,
        Events,
        Users,
        FirstSeen,
        LastSeen,
        LastRelease,
    }

    public static string Cell(IElement row, Column column) =>
        Regex.Replace(row.QuerySelectorAll("td")[(int)column - 1].TextContent, @"\s+", " ").Trim();

    public static IElement CellElement(IElement row, Column column) => row.QuerySelectorAll("td")[(int)column - 1];

    public static IElement TitleLink(IElement row) => row.QuerySelector("th a")!;

    public static IElement Sparkline(IElement row) => CellElement(row, Column.Trend).QuerySelector("svg")!;

    /// <summary>The sparkline's buckets: start (as written in data-start) and count, oldest first.</summary>
    public static List<(string Start, long Count)> Buckets(IElement row) => Sparkline(row).QuerySelectorAll("rect.trend-bar")
        .Select(r => (r.GetAttribute("data-start")!, long.Parse(r.GetAttribute("data-count")!)))
        .ToList();

    public IElement Table => root.QuerySelector("table.issue-table")!;

    // ------------------------------------------------------------ the pager

    /// <summary>"Older issues"; null on the last page.</summary>
    public IElement? OlderLink => root.QuerySelector("nav.pager a[rel='next']");

    /// <summary>The pager's first link: "Most recent issues" on an older page.</summary>
    public IElement? PagerFirstLink => root.QuerySelector("nav.pager a");
}
