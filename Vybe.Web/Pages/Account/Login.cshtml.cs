using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vybe.Web.Accounts;
using Vybe.Web.History;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Account;

[EnableRateLimiting(RateLimiting.LoginPolicy)]
public sealed class LoginModel(UserManager<VybeUser> users, SignInManager<VybeUser> signIn, VisitorHistory visitors) : PageModel
{
    public const string WrongCredentialsMessage = "That e-mail address and password do not match an account.";
    public const string LockedOutMessage =
        "Too many failed attempts: this account is locked for 15 minutes. Try again later, or reset your password.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true, Name = "reset")]
    public bool PasswordWasReset { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address, such as name@example.com.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        PasswordWasReset = false;
        if (!ModelState.IsValid)
        {
            return this.InvalidForm();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            // Spend the time a password check would, so response times do not reveal which e-mails have accounts.
            users.PasswordHasher.HashPassword(new VybeUser(), Input.Password);
            ModelState.AddModelError("", WrongCredentialsMessage);
            return this.InvalidForm();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await visitors.MergeGuestIntoAsync(HttpContext, user.Id, HttpContext.RequestAborted);
            return LocalRedirect(this.SafeReturnUrl(ReturnUrl));
        }

        ModelState.AddModelError("", result.IsLockedOut ? LockedOutMessage : WrongCredentialsMessage);
        return this.InvalidForm();
    }
}
