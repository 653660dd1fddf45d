using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.Accounts;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Account.Manage;

/// <summary>
/// Which error-log e-mails an admin gets (each on unless turned off; stored as the <c>Mute…</c> flags of
/// <see cref="VybeUser"/>). Only admins have it: for anyone else the page does not exist (404).
/// </summary>
[NoStore]
public sealed class AlertsModel(UserManager<VybeUser> users) : PageModel
{
    public const string SavedMessage = "Your error e-mail choices are saved.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Display(Name = "a new issue appears")]
        public bool NewIssue { get; set; }

        [Display(Name = "a resolved issue comes back (a regression)")]
        public bool Regression { get; set; }

        [Display(Name = "an issue spikes (at least 20 events in an hour, 10 times its usual rate)")]
        public bool Spike { get; set; }

        [Display(Name = "a day had new issues, regressions or spikes (the daily digest)")]
        public bool DailyDigest { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await AdminAsync();
        if (user is null)
        {
            return NotFound();
        }
        Input = new InputModel
        {
            NewIssue = !user.MuteNewIssueAlerts,
            Regression = !user.MuteRegressionAlerts,
            Spike = !user.MuteSpikeAlerts,
            DailyDigest = !user.MuteDailyErrorDigest,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await AdminAsync();
        if (user is null)
        {
            return NotFound();
        }
        // A box sends "true" (and its hidden companion "false"); anything else saves nothing.
        if (!ModelState.IsValid)
        {
            return this.InvalidForm();
        }
        user.MuteNewIssueAlerts = !Input.NewIssue;
        user.MuteRegressionAlerts = !Input.Regression;
        user.MuteSpikeAlerts = !Input.Spike;
        user.MuteDailyErrorDigest = !Input.DailyDigest;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Saving user {user.Id} failed: {string.Join("; ", result.Errors.Select(e => e.Code))}");
        }
        TempData["StatusMessage"] = SavedMessage;
        return RedirectToPage();
    }

    /// <summary>The signed-in account when it is an admin's (the role as stored, not as the cookie says).</summary>
    private async Task<VybeUser?> AdminAsync() =>
        await users.GetUserAsync(User) is { } user && await users.IsInRoleAsync(user, VybeRole.Admin) ? user : null;
}
