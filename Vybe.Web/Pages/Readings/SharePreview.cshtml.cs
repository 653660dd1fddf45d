using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using Vybe.Web.History;
using Vybe.Web.History.Sharing;
using Vybe.Web.History.Storage;

namespace Vybe.Web.Pages.Readings;

/// <summary>
/// A shared reading's card image, for the Open Graph and Twitter tags of its page. Served only
/// while the reading is shared: after the owner stops sharing, 404 like the page.
/// </summary>
public sealed class SharePreviewModel(HistoryStore history, ReadingViews views, SharePreviewImages images) : PageModel
{
    /// <summary>
    /// Chat apps and feeds fetch the card once and keep it; a short lifetime with an ETag lets them
    /// revalidate cheaply, and bounds how long a copy outlives revoking the link.
    /// </summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(10);

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken cancellationToken)
    {
        var row = ShareToken.TryParse(token, out var share) ? await history.FindSharedAsync(share, cancellationToken) : null;
        if (row is null)
        {
            return NotFound();
        }
        var preview = SharePreview.For(views.From(row));
        var etag = new EntityTagHeaderValue($"\"{preview.ContentHash}\"");
        Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = CacheLifetime };
        Response.GetTypedHeaders().ETag = etag;
        if (Request.GetTypedHeaders().IfNoneMatch.Any(candidate => candidate.Compare(etag, useStrongComparison: false)))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }
        return File(images.RenderPng(preview), "image/png");
    }
}
