using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.History;
using Vybe.Web.History.Storage;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.History;

/// <summary>Clear all history, after a confirmation page (a plain link cannot delete anything).</summary>
[NoStore]
public sealed class ClearModel(HistoryStore history, VisitorHistory visitors) : PageModel
{
    public int Count { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Count = visitors.Current(HttpContext) is { } owner ? await history.CountAsync(owner, cancellationToken) : 0;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var deleted = visitors.Current(HttpContext) is { } owner ? await history.ClearAsync(owner, cancellationToken) : 0;
        TempData["StatusMessage"] = deleted == 1 ? "1 reading was deleted." : $"{deleted} readings were deleted.";
        return RedirectToPage("/History/Index");
    }
}
