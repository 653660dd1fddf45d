using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vybe.Web.Accounts;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Account.Manage;

/// <summary>
/// Asks for a new address. Nothing changes here: a link goes to the new address, and the address
/// changes when it is used (<c>/Account/ConfirmEmailChange</c>). The answer is the same whether or not
/// another account has the address (its owner gets a note instead of a link), so this form tells less
/// than sign-up does.
/// </summary>
[EnableRateLimiting(RateLimiting.PasswordResetPolicy)]
public sealed class ChangeEmailModel(UserManager<VybeUser> users, AccountMail mail) : PageModel
{
    public const string SameAddressMessage = "That is already your e-mail address.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string CurrentEmail { get; private set; } = "";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the new e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address, such as name@example.com.")]
        [MailableEmail]
        [StringLength(254, ErrorMessage = "That e-mail address is too long.")]
        public string NewEmail { get; set; } = "";

        [Required(ErrorMessage = "Enter your password to confirm.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        CurrentEmail = user.Email ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        CurrentEmail = user.Email ?? "";
        if (!ModelState.IsValid)
        {
            return this.InvalidForm();
        }
        var newEmail = Input.NewEmail.Trim();
        if (string.Equals(users.NormalizeEmail(newEmail), user.NormalizedEmail, StringComparison.Ordinal))
        {
            ModelState.AddModelError("Input.NewEmail", SameAddressMessage);
            return this.InvalidForm();
        }
        // Someone who finds a signed-in browser must not be able to move the account to their own mailbox.
        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            ModelState.AddModelError("Input.Password", "That password is not right.");
            return this.InvalidForm();
        }

        mail.QueueEmailChange(HttpContext, user.Id, newEmail);
        TempData["StatusMessage"] =
            "We have sent a link to the new address. Your e-mail address changes to it when you use the link (it works for a day); until then it stays as it is.";
        return RedirectToPage("/Account/Manage/Index");
    }
}
