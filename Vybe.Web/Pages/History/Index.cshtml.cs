using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.History;
using Vybe.Web.History.Storage;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.History;

/// <summary>
/// The visitor's readings, newest first, a page at a time. "Load more" is a plain link to the next
/// page; htmx turns it into a fragment of rows appended in place.
/// </summary>
[NoStore]
public sealed class IndexModel(HistoryStore history, ReadingViews views) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "before")]
    public string? Before { get; set; }

    public IReadOnlyList<ReadingView> Readings { get; private set; } = [];

    public HistoryCursor? Older { get; private set; }

    public bool IsFirstPage => Before is null;

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public async Task<IActionResult> OnGetAsync([FromVisitor] HistoryOwner visitor, CancellationToken cancellationToken)
    {
        HistoryCursor? after = null;
        if (Before is not null)
        {
            if (!HistoryCursor.TryParse(Before, out var cursor))
            {
                return BadRequest("That 'before' position is not one this page made. Open the history from its first page.");
            }
            after = cursor;
        }

        var page = await history.PageAsync(visitor, after, cancellationToken);
        Readings = views.From(page.Readings);
        Older = page.Older;
        return this.PageOrFragment("_HistoryRows", this);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, [FromVisitor] HistoryOwner visitor, CancellationToken cancellationToken)
    {
        if (!await history.DeleteAsync(visitor, id, cancellationToken))
        {
            return NotFound();
        }
        if (Request.IsHtmxNonBoosted())
        {
            // The row asked to be replaced by this (empty) answer: it disappears from the list.
            return Content("", "text/html");
        }
        TempData["StatusMessage"] = "The reading was deleted.";
        return RedirectToPage();
    }
}
