using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Vybe.Web.History;
using Vybe.Web.History.Storage;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.History;

/// <summary>
/// The visitor's readings, newest first, a page at a time, narrowed by the filters in the query
/// string (a GET form: number, kind, place, seen-at dates in the visitor's zone). "Load more" is a
/// plain link to the next page that keeps the filters; htmx turns it into a fragment of rows
/// appended in place. Filters that cannot be read answer 400 with the form and its messages.
/// </summary>
[NoStore]
public sealed class IndexModel(HistoryStore history, ReadingViews views, VisitorTimeZones zones, IOptions<HistoryOptions> options) : PageModel
{
    /// <summary>How much of a note a row shows.</summary>
    public const int NoteExcerptLength = 80;

    [BindProperty(SupportsGet = true, Name = "before")]
    public string? Before { get; set; }

    /// <summary>The filters as the query carries them (bound from ?number=&amp;kind=&amp;place=&amp;from=&amp;to=).</summary>
    [BindProperty(SupportsGet = true)]
    public HistoryFilterInput Filter { get; set; } = new();

    public IReadOnlyDictionary<string, string> FilterErrors { get; private set; } = new Dictionary<string, string>();

    public HistoryOptions Caps => options.Value;

    public VisitorTimeZone Zone { get; private set; } = VisitorTimeZone.Utc;

    /// <summary>This list's address (filters and position included), for pages that lead back to it.</summary>
    public string ListUrl => Request.Path + Request.QueryString;

    /// <summary>The note's start, cut at a word where one ends near the limit.</summary>
    public static string Excerpt(string note)
    {
        var flat = note.ReplaceLineEndings(" ");
        if (flat.Length <= NoteExcerptLength)
        {
            return flat;
        }
        var space = flat.LastIndexOf(' ', NoteExcerptLength - 1);
        return flat[..(space > NoteExcerptLength / 2 ? space : NoteExcerptLength - 1)].TrimEnd() + "…";
    }

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
        Zone = await zones.ForAsync(HttpContext, cancellationToken);
        if (!Filter.TryParse(Zone, out var filter, out var errors))
        {
            FilterErrors = errors;
            return this.PageOrFragment("_HistoryRows", this, StatusCodes.Status400BadRequest);
        }

        var page = await history.PageAsync(visitor, filter, after, cancellationToken);
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
