using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.History;
using Vybe.Web.History.Storage;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Readings;

/// <summary>
/// A reading's permalink, for its owner only. Anyone else gets 404, exactly as for an id that does
/// not exist, so ids reveal nothing. The owner can share it (an unguessable read-only link) and revoke it.
/// </summary>
[NoStore]
public sealed class ViewModel(HistoryStore history, ReadingViews views, PublicUrls urls) : PageModel
{
    public ReadingView Reading { get; private set; } = null!;

    public string? ShareUrl => Reading.Row.ShareToken is { } token ? urls.Absolute(HttpContext, Url.Page("/Readings/Shared", new { token })!) : null;

    /// <summary>The card the share link shows in chats, so the owner sees what others will see.</summary>
    public string? SharePreviewUrl => Reading.Row.ShareToken is { } token
        ? Url.Page("/Readings/SharePreview", new { token, v = Card.ContentHash })
        : null;

    /// <summary>What the card says, worked out once per response for its URL and its alt text.</summary>
    public SharePreview Card => card ??= SharePreview.For(Reading);

    private SharePreview? card;

    public async Task<IActionResult> OnGetAsync(Guid id, [FromVisitor] HistoryOwner visitor, CancellationToken cancellationToken)
    {
        var row = await history.FindAsync(visitor, id, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }
        Reading = views.From(row);
        return Page();
    }

    public async Task<IActionResult> OnPostShareAsync(Guid id, bool share, [FromVisitor] HistoryOwner visitor, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // "share" is true or false; anything else (which binds as false) must not stop the sharing.
            return BadRequest("share must be true or false.");
        }
        var row = await history.SetSharedAsync(visitor, id, share, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }
        Reading = views.From(row);
        if (Request.IsHtmxNonBoosted())
        {
            return Partial("_SharePanel", this);
        }
        TempData["StatusMessage"] = share ? "Anyone with the link can now read this reading." : "The link no longer works; the reading is private again.";
        return RedirectToPage(new { id });
    }
}
