using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.History;
using Vybe.Web.History.Storage;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.History;

/// <summary>Clear all history, after a confirmation page (a plain link cannot delete anything).</summary>
[NoStore]
public sealed class ClearModel(HistoryStore history) : PageModel
{
    public int Count { get; private set; }

    public async Task OnGetAsync([FromVisitor] HistoryOwner visitor, CancellationToken cancellationToken)
    {
        Count = await history.CountAsync(visitor, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync([FromVisitor] HistoryOwner visitor, CancellationToken cancellationToken)
    {
        var deleted = await history.ClearAsync(visitor, cancellationToken);
        TempData["StatusMessage"] = deleted == 1 ? "1 reading was deleted." : $"{deleted} readings were deleted.";
        return RedirectToPage("/History/Index");
    }
}
