using AngleSharp.Dom;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Numbers;

/// <summary>"Your numbers" (<c>/numbers</c>) as a browser sees it: the one place that knows its selectors.</summary>
public sealed class NumbersPage(HtmlBrowser.Page page)
{
    public const string Path = "/numbers";

    private IDocument Document => page.Document;

    public bool IsEmpty => Document.QuerySelector(".numbers-empty") is not null;

    public string EmptyText => Document.QuerySelector(".numbers-empty")?.TextContent.Trim() ?? "";

    public string Lead => Document.QuerySelector("p.lead")?.TextContent.Trim() ?? "";

    public string Count => Text("#numbers-count");

    public string Zone => Text("#numbers-zone");

    public string LongestRun => Squash(Text("#longest-run"));

    public string CurrentRun => Squash(Text("#current-run"));

    /// <summary>The most-seen table's rows: (input, core number, count).</summary>
    public IReadOnlyList<(string Input, string Core, string Count)> MostSeen => Rows("#most-seen")
        .Select(r => (r[0], r[1], r[2])).ToList();

    /// <summary>The core-number table's rows: (core number, count).</summary>
    public IReadOnlyList<(string Core, string Count)> CoreNumbers => Rows("#core-numbers").Select(r => (r[0], r[1])).ToList();

    /// <summary>A chart's table (hours or weekdays) as label → count.</summary>
    public IReadOnlyDictionary<string, int> Chart(string id) => Rows($"#{id}-table").ToDictionary(r => r[0], r => int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The calendar table's cell for a day (yyyy-MM-dd), or null when the day is not in the 12 weeks.</summary>
    public string? CalendarDay(DateOnly day) =>
        Document.QuerySelector($"#calendar-table td[data-date='{day:yyyy-MM-dd}']")?.TextContent.Trim();

    public int CalendarCells => Document.QuerySelectorAll("#calendar-table td").Length;

    /// <summary>The time-and-chance table's rows: (time, your sightings, by chance).</summary>
    public IReadOnlyList<(string Time, string Yours, string Chance)> Times => Rows("#time-chance").Select(r => (r[0], r[1], Squash(r[2]))).ToList();

    public IReadOnlyList<IElement> Charts => Document.QuerySelectorAll("svg[role='img']").ToList();

    private string Text(string selector) => Document.QuerySelector(selector)?.TextContent.Trim() ?? "";

    private List<string[]> Rows(string tableSelector) => Document.QuerySelectorAll($"{tableSelector} tbody tr")
        .Select(tr => tr.Children.Select(cell => cell.TextContent.Trim()).ToArray()).ToList();

    private static string Squash(string text) => string.Join(' ', text.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}

public static class NumbersPageExtensions
{
    public static NumbersPage AsNumbers(this HtmlBrowser.Page page) => new(page);
}
