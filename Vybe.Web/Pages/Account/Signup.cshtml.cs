using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vybe.Web.Accounts;
using Vybe.Web.History;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Account;

[EnableRateLimiting(RateLimiting.SignupPolicy)]
public sealed class SignupModel(
    UserManager<VybeUser> users,
    SignInManager<VybeUser> signIn,
    AccountMail mail,
    VisitorHistory visitors,
    TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address, such as name@example.com.")]
        [MailableEmail]
        [StringLength(254, ErrorMessage = "That e-mail address is too long.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [DataType(DataType.Password)]
        [StringLength(256, ErrorMessage = "Use at most 256 characters.")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the password again.")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return this.InvalidForm();
        }

        var email = Input.Email.Trim();
        var user = new VybeUser { UserName = email, Email = email, CreatedAt = clock.GetUtcNow() };
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors.DistinctBy(e => e.Description))
            {
                ModelState.AddModelError(FieldFor(error), error.Description);
            }
            return this.InvalidForm();
        }

        // The account works at once; the address is confirmed by the link, and only then can configuration
        // make it an admin. The e-mail leaves from a queue: a mail server that fails never fails the sign-up.
        mail.QueueConfirmation(HttpContext, user.Id);
        await signIn.SignInAsync(user, isPersistent: false);
        await visitors.MergeGuestIntoAsync(HttpContext, user.Id, HttpContext.RequestAborted);
        // Addresses stay out of status messages: a long one would not wrap on a phone.
        TempData["StatusMessage"] = "Welcome to Vybe. Your account is ready. We have sent you an e-mail with a link to confirm your address.";
        return LocalRedirect(this.SafeReturnUrl(ReturnUrl));
    }

    private static string FieldFor(IdentityError error) => error.Code switch
    {
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => $"{nameof(Input)}.{nameof(InputModel.Password)}",
        _ when error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal)
            => $"{nameof(Input)}.{nameof(InputModel.Email)}",
        _ => "",
    };
}
