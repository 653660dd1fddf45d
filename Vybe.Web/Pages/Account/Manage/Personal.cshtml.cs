using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.Accounts;
using Vybe.Web.Readings;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Account.Manage;

/// <summary>
/// The member's birth date (optional, for personal numbers) and the numbers it gives today, in the
/// member's own zone. Two plain forms, each answered by a redirect: save the date, or remove it.
/// </summary>
[NoStore]
public sealed class PersonalModel(UserManager<VybeUser> users, VisitorTimeZones zones, TimeProvider clock) : PageModel
{
    public const string SavedMessage = "Your birth date was saved.";
    public const string RemovedMessage = "Your birth date was removed. Vybe no longer keeps it.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        /// <summary>As <c>input type="date"</c> sends it (year-month-day); parsed by <see cref="PersonalNumbers.TryParseBirthDate"/>.</summary>
        [Display(Name = "Your birth date")]
        public string? BirthDate { get; set; }
    }

    /// <summary>The birth date as saved (not as just typed).</summary>
    public DateOnly? SavedBirthDate { get; private set; }

    public DateOnly Today { get; private set; }

    public VisitorTimeZone Zone { get; private set; } = VisitorTimeZone.Utc;

    /// <summary>Today's numbers, when a birth date is saved.</summary>
    public PersonalNumberSet? Numbers { get; private set; }

    public static string DateText(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await LoadAsync(user, cancellationToken);
        Input.BirthDate = user.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await LoadAsync(user, cancellationToken);
        // "Not in the future" is judged by the member's own calendar, the same one the numbers use.
        if (!PersonalNumbers.TryParseBirthDate(Input.BirthDate, Today, out var birthDate, out var error))
        {
            // The page comes back with what was typed and the reason, so nothing is lost.
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.BirthDate)}", error!);
            return this.InvalidForm();
        }
        user.BirthDate = birthDate;
        await UpdateAsync(user);
        TempData["StatusMessage"] = SavedMessage;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        user.BirthDate = null;
        await UpdateAsync(user);
        TempData["StatusMessage"] = RemovedMessage;
        return RedirectToPage();
    }

    private async Task LoadAsync(VybeUser user, CancellationToken cancellationToken)
    {
        Zone = await zones.ForAsync(HttpContext, cancellationToken);
        Today = DateOnly.FromDateTime(Zone.ToLocal(clock.GetUtcNow()).DateTime);
        SavedBirthDate = user.BirthDate;
        Numbers = user.BirthDate is { } birthDate ? PersonalNumbers.On(birthDate, Today) : null;
    }

    private async Task UpdateAsync(VybeUser user)
    {
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Saving user {user.Id} failed: {string.Join("; ", result.Errors.Select(e => e.Code))}");
        }
    }
}
