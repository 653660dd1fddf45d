using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.Accounts;

namespace Vybe.Web.Pages.Account;

/// <summary>Logging out is a POST with an antiforgery token; a GET only shows the button.</summary>
public sealed class LogoutModel(SignInManager<VybeUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        TempData["StatusMessage"] = "You are logged out.";
        return LocalRedirect("/");
    }
}
