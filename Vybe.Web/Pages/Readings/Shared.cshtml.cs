using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.History;

namespace Vybe.Web.Pages.Readings;

/// <summary>A shared reading, read-only, for anyone who has the link; 404 once the owner revokes it.</summary>
public sealed class SharedModel(HistoryStore history, ReadingViews views) : PageModel
{
    public ReadingView Reading { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var row = token.Length is > 10 and < 64 ? await history.FindSharedAsync(token, cancellationToken) : null;
        if (row is null)
        {
            return NotFound();
        }
        Reading = views.From(row);
        return Page();
    }
}
