using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.Accounts;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Account;

/// <summary>
/// The link sent to a new address. As for confirmation, opening it only shows a button: the address
/// changes on the POST, and only then. The token is bound to the account, its security stamp and the
/// new address, so a link edited to name another address is refused.
/// </summary>
[NoStore]
public sealed class ConfirmEmailChangeModel(UserManager<VybeUser> users, SignInManager<VybeUser> signIn, AdminGrants admins) : PageModel
{
    public const string InvalidLinkMessage =
        "This link is invalid, has expired or has already been used. Your e-mail address has not changed; you can ask for a new link on your account page.";

    public const string AddressTakenMessage = "Another account uses this address now, so your e-mail address has not changed.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required]
        public string UserId { get; set; } = "";

        [Required]
        public string Email { get; set; } = "";

        [Required]
        public string Code { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(string? userId, string? email, string? code)
    {
        if (await FindAsync(userId, email, code) is not { } link || !await users.VerifyUserTokenAsync(link.User, users.Options.Tokens.ChangeEmailTokenProvider,
                UserManager<VybeUser>.GetChangeEmailTokenPurpose(email!), link.Token))
        {
            return this.RefusedPage(InvalidLinkMessage, StatusCodes.Status400BadRequest);
        }
        Input = new InputModel { UserId = userId!, Email = email!, Code = code! };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if ((ModelState.IsValid ? await FindAsync(Input.UserId, Input.Email, Input.Code) : null) is not { } link)
        {
            return this.RefusedPage(InvalidLinkMessage, StatusCodes.Status422UnprocessableEntity);
        }
        var (user, token) = (link.User, link.Token);

        // The user name is the address too. Set here, it is saved by ChangeEmailAsync's own update, in the
        // same row write as the address, so the two never disagree (a later sign-up with the old address works).
        var newEmail = Input.Email;
        user.UserName = newEmail;
        var result = await users.ChangeEmailAsync(user, newEmail, token);
        if (!result.Succeeded)
        {
            var taken = result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));
            return this.RefusedPage(taken ? AddressTakenMessage : InvalidLinkMessage, StatusCodes.Status422UnprocessableEntity);
        }

        // ChangeEmailAsync confirmed the new address and renewed the security stamp (other sessions end).
        await admins.GrantIfConfiguredAsync(user);
        if (signIn.IsSignedIn(User) && users.GetUserId(User) == user.Id.ToString())
        {
            await signIn.RefreshSignInAsync(user);
            TempData["StatusMessage"] = "Your e-mail address is changed. Your other devices have been logged out.";
            return RedirectToPage("/Account/Manage/Index");
        }
        TempData["StatusMessage"] = "Your e-mail address is changed. Log in with the new one to continue.";
        return RedirectToPage("/Account/Login");
    }

    /// <summary>The link's account and token; a link without the new address leads nowhere.</summary>
    private Task<AccountLink?> FindAsync(string? userId, string? email, string? code) =>
        string.IsNullOrWhiteSpace(email) ? Task.FromResult<AccountLink?>(null) : users.FindLinkAsync(userId, code);
}
