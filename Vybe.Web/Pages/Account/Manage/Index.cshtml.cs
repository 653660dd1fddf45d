using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vybe.Web.Accounts;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Account.Manage;

/// <summary>The account page; its one form sends the confirmation link again (counted with the other account e-mail forms).</summary>
[EnableRateLimiting(RateLimiting.PasswordResetPolicy)]
public sealed class IndexModel(UserManager<VybeUser> users, AccountMail mail) : PageModel
{
    public string Email { get; private set; } = "";
    public bool EmailConfirmed { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public bool HasBirthDate { get; private set; }
    public string? TimeZone { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Email = user.Email ?? "";
        EmailConfirmed = user.EmailConfirmed;
        CreatedAt = user.CreatedAt;
        HasBirthDate = user.BirthDate is not null;
        TimeZone = user.TimeZone;
        return Page();
    }

    public async Task<IActionResult> OnPostResendConfirmationAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (user.EmailConfirmed)
        {
            TempData["StatusMessage"] = "Your e-mail address is already confirmed.";
        }
        else
        {
            mail.QueueConfirmation(HttpContext, user.Id);
            TempData["StatusMessage"] = "We have sent a new confirmation link to your e-mail address. It works for a day.";
        }
        return RedirectToPage();
    }
}
