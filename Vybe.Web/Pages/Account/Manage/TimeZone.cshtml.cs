using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Vybe.Web.Accounts;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Account.Manage;

/// <summary>
/// The member's time zone: one of <see cref="VisitorTimeZones.All"/>, or none, which leaves it to the
/// browser (the <c>vybe-tz</c> cookie) and else UTC. Times, weekdays and personal days are taken in it.
/// </summary>
[NoStore]
public sealed class TimeZoneModel(UserManager<VybeUser> users, VisitorTimeZones zones) : PageModel
{
    public const string UnknownZoneMessage = "Choose a time zone from the list, or \"Use my browser's zone\".";
    public const string BrowserZoneOption = "Use my browser's zone";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        /// <summary>An IANA zone id, or empty for the browser's zone.</summary>
        [Display(Name = "Your time zone")]
        public string? TimeZone { get; set; }
    }

    /// <summary>The zone pages use for this member now, and where it comes from.</summary>
    public VisitorTimeZone Zone { get; private set; } = VisitorTimeZone.Utc;

    /// <summary>The zones, grouped by region (the part of the id before the first slash).</summary>
    public static IReadOnlyList<SelectListItem> Choices { get; } = BuildChoices();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Input.TimeZone = user.TimeZone;
        Zone = await zones.ForAsync(HttpContext, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        string? chosen = null;
        if (!string.IsNullOrWhiteSpace(Input.TimeZone))
        {
            if (!VisitorTimeZones.TryFind(Input.TimeZone.Trim(), out var zone))
            {
                Zone = await zones.ForAsync(HttpContext, cancellationToken);
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.TimeZone)}", UnknownZoneMessage);
                return this.InvalidForm();
            }
            chosen = zone.Id;
        }
        user.TimeZone = chosen;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Saving user {user.Id} failed: {string.Join("; ", result.Errors.Select(e => e.Code))}");
        }
        TempData["StatusMessage"] = chosen is null
            ? "Vybe now shows times in your browser's time zone (UTC where it cannot tell)."
            : $"Vybe now shows times in {chosen}.";
        return RedirectToPage();
    }

    private static List<SelectListItem> BuildChoices()
    {
        var groups = new Dictionary<string, SelectListGroup>(StringComparer.Ordinal);
        var items = new List<SelectListItem> { new(BrowserZoneOption, "") };
        foreach (var id in VisitorTimeZones.All)
        {
            var slash = id.IndexOf('/', StringComparison.Ordinal);
            var region = slash > 0 ? id[..slash] : "Other";
            if (!groups.TryGetValue(region, out var group))
            {
                groups[region] = group = new SelectListGroup { Name = region };
            }
            items.Add(new SelectListItem(id.Replace('_', ' '), id) { Group = group });
        }
        return items;
    }
}
