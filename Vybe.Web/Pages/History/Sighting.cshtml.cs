using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.History;
using Vybe.Web.History.Storage;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.History;

/// <summary>
/// What the sighting panel (<c>_Sighting</c>) shows: the reading, its form filled in, and whether the
/// form starts open. <see cref="FromStored"/> says the form holds the stored values (not a person's
/// rejected ones), so the page script may move its time to the browser's zone.
/// </summary>
public sealed record SightingPanel(ReadingView Reading, SightingInput Sighting, VisitorTimeZone Zone, bool Open = false,
    bool FromStored = true, bool JustSaved = false, string? ReturnUrl = null)
{
    public string PanelId => $"sighting-{Reading.Id:N}";

    public StoredReading Row => Reading.Row;

    /// <summary>Whether the person has said anything about the sighting yet (a time of their own counts).</summary>
    public bool IsLogged => Row.SeenPlace is not null || Row.Feeling is not null || Row.Note is not null || Row.SeenAt != Row.CreatedAt;

    /// <summary>The panel for a reading as stored, its time in the visitor's zone.</summary>
    public static SightingPanel For(ReadingView reading, VisitorTimeZone zone, string? returnUrl = null) =>
        new(reading, SightingInput.From(reading.Row, zone), zone, ReturnUrl: returnUrl);
}

/// <summary>
/// Logs where, when and how a number was seen, on a reading the visitor owns (anyone else gets 404).
/// The form sits on the reading (home page answer, permalink) and, opened from history, on this page.
/// A plain post redirects back (to the reading's page unless a local return URL says otherwise);
/// htmx gets the updated panel in place. Invalid input is the form again with its messages, 422,
/// everything typed kept and nothing saved.
/// </summary>
[NoStore]
public sealed class SightingModel(HistoryStore history, ReadingViews views, VisitorTimeZones zones, TimeProvider clock) : PageModel
{
    [BindProperty]
    public SightingInput Sighting { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public SightingPanel Panel { get; private set; } = null!;

    /// <summary>Where "back" leads: the return URL when it stays on this site, else the reading's own page.</summary>
    public string BackUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Page("/Readings/View", new { id = Panel.Reading.Id })!;

    public async Task<IActionResult> OnGetAsync(Guid id, [FromVisitor] HistoryOwner visitor, CancellationToken cancellationToken)
    {
        var row = await history.FindAsync(visitor, id, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }
        Panel = SightingPanel.For(views.From(row), await zones.ForAsync(HttpContext, cancellationToken), returnUrl: LocalReturnUrl()) with { Open = true };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, [FromVisitor] HistoryOwner visitor, CancellationToken cancellationToken)
    {
        var row = await history.FindAsync(visitor, id, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }
        var zone = await zones.ForAsync(HttpContext, cancellationToken);
        if (!Sighting.TryParse(row, zone, clock.GetUtcNow(), out var entry, out var errors))
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError($"{nameof(Sighting)}.{field}", message);
            }
            var posted = views.From(row);
            Panel = new SightingPanel(posted, Sighting, zone, Open: true, FromStored: false, ReturnUrl: LocalReturnUrl());
            return this.PageOrFragment("_Sighting", Panel, StatusCodes.Status422UnprocessableEntity);
        }

        var saved = await history.LogSightingAsync(visitor, id, entry, cancellationToken);
        if (saved is null)
        {
            // Deleted between the two statements: as gone as if it never was.
            return NotFound();
        }
        Panel = SightingPanel.For(views.From(saved), zone, LocalReturnUrl()) with { JustSaved = true };
        if (Request.IsHtmxNonBoosted())
        {
            return Partial("_Sighting", Panel);
        }
        TempData["StatusMessage"] = "Your sighting was saved.";
        return Redirect(BackUrl);
    }

    private string? LocalReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;
}
