using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.History;
using Vybe.Web.History.Storage;
using Vybe.Web.Pages.Shared;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Readings;

/// <summary>A shared reading, read-only, for anyone who has the link; 404 once the owner revokes it.</summary>
public sealed class SharedModel(HistoryStore history, ReadingViews views, PublicUrls urls) : PageModel
{
    public ReadingView Reading { get; private set; } = null!;

    public OpenGraphCard Card { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken cancellationToken)
    {
        // Model binding turns a blank route value into null; a token that cannot be one leads nowhere, as an unknown one does.
        var row = ShareToken.TryParse(token, out var share) ? await history.FindSharedAsync(share, cancellationToken) : null;
        if (row is null)
        {
            return NotFound();
        }
        Reading = views.From(row);
        var preview = SharePreview.For(Reading);
        var pagePath = Url.Page("/Readings/Shared", new { token })!;
        var imagePath = Url.Page("/Readings/SharePreview", new { token, v = preview.ContentHash })!;
        Card = new OpenGraphCard(preview.Title, preview.Description, urls.Absolute(HttpContext, pagePath), urls.Absolute(HttpContext, imagePath),
            $"{preview.Number}, {preview.Headline}. {preview.Detail}.", SharePreview.Width, SharePreview.Height);
        return Page();
    }
}
