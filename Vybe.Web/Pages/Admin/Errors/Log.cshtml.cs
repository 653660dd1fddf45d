using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.ErrorLog;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Admin.Errors;

/// <summary>The row log (<c>/Admin/Errors/Log</c>): every entry, newest first, filtered from the query string.</summary>
[NoStore]
public sealed class LogModel(ErrorLogQueries queries, ErrorLogQueue queue) : PageModel
{
    /// <summary>The query key of the position the page starts after (absent on the newest page).</summary>
    public const string CursorKey = "cursor";

    /// <summary>The query key that turns live tail on (<c>tail=1</c>).</summary>
    public const string LiveKey = "tail";

    /// <summary>The filter, bound from the top-level query keys (<c>level</c>, <c>q</c>, …), not <c>Input.Level</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "")]
    public ErrorLogFilterInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = CursorKey)]
    public string? Cursor { get; set; }

    [BindProperty(SupportsGet = true, Name = LiveKey)]
    public string? Live { get; set; }

    public ErrorLogResultsView Results { get; private set; } = null!;

    /// <summary>Entries this instance's queue dropped when it was full.</summary>
    public long DroppedCount => queue.DroppedCount;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // The errors, not the answer, decide: each names its field, and the cursor below adds its own.
        _ = ErrorLogFilter.TryParse(Input, out var filter, out var errors);
        var problems = new Dictionary<string, string>(errors);
        var cursor = ErrorLogCursor.FromQuery(Cursor, CursorKey, "The link to older entries is damaged. Start again from the newest entries.", problems);
        foreach (var (key, message) in problems)
        {
            ModelState.AddModelError(key, message);
        }

        // Live tail follows the newest entries, so it runs only on the first page.
        var live = Live == "1" && cursor is null;
        ErrorLogPage? page = null;
        long newestId = 0;
        if (problems.Count == 0)
        {
            page = await queries.PageAsync(filter, cursor, cancellationToken: cancellationToken);
            if (live)
            {
                newestId = await queries.NewestIdAsync(cancellationToken);
            }
        }

        Results = new ErrorLogResultsView(Input, problems, filter, page, cursor is not null, live, newestId, Request.IsHtmxNonBoosted());
        return this.PageOrFragment("_Results", Results, problems.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }
}
