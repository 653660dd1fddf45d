using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vybe.Web.Accounts;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Account;

[EnableRateLimiting(RateLimiting.PasswordResetPolicy)]
public sealed class ResetPasswordModel(UserManager<VybeUser> users) : PageModel
{
    public const string InvalidLinkMessage = "This reset link is invalid or has already been used. Ask for a new one from the log-in page.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required]
        public string UserId { get; set; } = "";

        [Required]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Choose a new password.")]
        [DataType(DataType.Password)]
        [StringLength(256, ErrorMessage = "Use at most 256 characters.")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the new password again.")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public IActionResult OnGet(string? userId, string? code)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code))
        {
            return this.RefusedPage(InvalidLinkMessage, StatusCodes.Status400BadRequest);
        }
        Input = new InputModel { UserId = userId, Code = code };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return this.InvalidForm();
        }

        if (await users.FindLinkAsync(Input.UserId, Input.Code) is not { } link)
        {
            ModelState.AddModelError("", InvalidLinkMessage);
            return this.InvalidForm();
        }

        var user = link.User;
        var reset = await users.ResetPasswordAsync(user, link.Token, Input.Password);
        if (!reset.Succeeded)
        {
            foreach (var error in reset.Errors)
            {
                var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "";
                ModelState.AddModelError(field, error.Code == "InvalidToken" ? InvalidLinkMessage : error.Description);
            }
            return this.InvalidForm();
        }

        // Whoever can read the mailbox may unlock the account: a reset also ends a lockout.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return RedirectToPage("/Account/Login", new { reset = true });
    }
}
