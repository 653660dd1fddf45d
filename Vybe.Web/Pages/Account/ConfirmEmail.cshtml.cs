using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.Accounts;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Account;

/// <summary>
/// The link in the confirmation e-mail. Opening it only shows a button; the address is confirmed by the
/// POST, so a mail scanner that fetches links cannot confirm an account for the person who owns the
/// mailbox (which, for an address in Vybe:Admin:Emails, would make a stranger an admin).
/// </summary>
[NoStore]
public sealed class ConfirmEmailModel(UserManager<VybeUser> users, SignInManager<VybeUser> signIn, AdminGrants admins) : PageModel
{
    public const string InvalidLinkMessage =
        "This confirmation link is invalid or has expired. Log in and ask for a new one on your account page.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool AlreadyConfirmed { get; private set; }

    public sealed class InputModel
    {
        [Required]
        public string UserId { get; set; } = "";

        [Required]
        public string Code { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(string? userId, string? code)
    {
        if (await users.FindLinkAsync(userId, code) is not { } link || !await users.VerifyUserTokenAsync(
                link.User, users.Options.Tokens.EmailConfirmationTokenProvider, UserManager<VybeUser>.ConfirmEmailTokenPurpose, link.Token))
        {
            return this.RefusedPage(InvalidLinkMessage, StatusCodes.Status400BadRequest);
        }
        AlreadyConfirmed = link.User.EmailConfirmed;
        Input = new InputModel { UserId = userId!, Code = code! };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var link = ModelState.IsValid ? await users.FindLinkAsync(Input.UserId, Input.Code) : null;
        if (link is null || !(await users.ConfirmEmailAsync(link.User, link.Token)).Succeeded)
        {
            return this.RefusedPage(InvalidLinkMessage, StatusCodes.Status422UnprocessableEntity);
        }
        var user = link.User;

        // Now that the owner of the address has spoken, configuration may make the account an admin.
        await admins.GrantIfConfiguredAsync(user);
        var signedInAsThem = signIn.IsSignedIn(User) && users.GetUserId(User) == user.Id.ToString();
        if (signedInAsThem)
        {
            await signIn.RefreshSignInAsync(user);
            TempData["StatusMessage"] = "Thank you: your e-mail address is confirmed.";
            return RedirectToPage("/Account/Manage/Index");
        }
        TempData["StatusMessage"] = "Thank you: your e-mail address is confirmed. Log in to continue.";
        return RedirectToPage("/Account/Login");
    }
}
