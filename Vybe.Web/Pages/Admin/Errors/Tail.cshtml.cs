using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.ErrorLog;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Admin.Errors;

/// <summary>Live tail: the rows newer than <c>after</c> that match the filter, for the list page's poller to prepend.</summary>
[NoStore]
public sealed class TailModel(ErrorLogQueries queries, TimeProvider time) : PageModel
{
    /// <summary>The query key of the newest entry's id the poller has shown.</summary>
    public const string AfterKey = "after";

    /// <inheritdoc cref="LogModel.Input"/>
    [BindProperty(SupportsGet = true, Name = "")]
    public ErrorLogFilterInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = AfterKey)]
    public long? After { get; set; }

    public IReadOnlyList<ErrorLogEntry> Rows { get; private set; } = [];
    public TailPollerView Poller { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (After is not (>= 0 and var afterId))
        {
            return BadRequest("after must be the id of the newest entry shown, a whole number.");
        }
        if (!ErrorLogFilter.TryParse(Input, out var filter, out var errors))
        {
            return BadRequest(string.Join(" ", errors.Values));
        }

        Rows = await queries.TailAsync(afterId, filter, cancellationToken);
        if (Rows.Count == 0)
        {
            // htmx swaps nothing on 204 (htmx-config), so an idle poll changes nothing on the page.
            return new NoContentResult();
        }
        Poller = new TailPollerView(filter, Rows.Max(r => r.Id), Rows.Count, time.GetUtcNow(), OutOfBand: true);
        return Page();
    }
}
