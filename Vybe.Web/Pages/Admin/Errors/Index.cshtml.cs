using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Admin.Errors;

/// <summary>
/// The issues list (<c>/Admin/Errors</c>): rows grouped by fingerprint, newest activity first, each
/// with its counts and a sparkline, filtered from the query string. The row log is <see cref="LogModel"/>.
/// </summary>
[NoStore]
public sealed class IndexModel(ErrorIssueQueries queries, ErrorIssueTrends trends) : PageModel
{
    /// <summary>The query key of the position the page starts after (absent on the first page).</summary>
    public const string CursorKey = "cursor";

    /// <summary>The filter, bound from the top-level query keys (<c>status</c>, <c>q</c>, …), not <c>Input.Status</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "")]
    public ErrorIssueFilterInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = CursorKey)]
    public string? Cursor { get; set; }

    public ErrorIssueResultsView Results { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        _ = ErrorIssueFilter.TryParse(Input, out var filter, out var errors);
        var problems = new Dictionary<string, string>(errors);
        var cursor = ErrorLogCursor.FromQuery(Cursor, CursorKey, "The link to older issues is damaged. Start again from the most recent issues.", problems);
        foreach (var (key, message) in problems)
        {
            ModelState.AddModelError(key, message);
        }

        ErrorIssuePage? page = null;
        IReadOnlyDictionary<long, ErrorIssueTrend> pageTrends = new Dictionary<long, ErrorIssueTrend>();
        if (problems.Count == 0)
        {
            page = await queries.PageAsync(filter, cursor, cancellationToken: cancellationToken);
            pageTrends = await trends.ForAsync(page.Rows.Select(r => r.Issue.Id).ToList(), filter.Period, cancellationToken);
        }

        Results = new ErrorIssueResultsView(Input, problems, filter, page, pageTrends, cursor is not null, Request.IsHtmxNonBoosted());
        return this.PageOrFragment("_IssueResults", Results, problems.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }
}
