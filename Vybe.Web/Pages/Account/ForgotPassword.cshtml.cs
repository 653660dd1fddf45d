using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Vybe.Web.Accounts;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Account;

[EnableRateLimiting(RateLimiting.PasswordResetPolicy)]
public sealed class ForgotPasswordModel(
    UserManager<VybeUser> users,
    IEmailSender<VybeUser> email,
    PublicUrls publicUrls) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "sent")]
    public bool Sent { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address, such as name@example.com.")]
        public string Email { get; set; } = "";
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

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user?.Email is not null)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
            var path = Url.Page("/Account/ResetPassword", new { userId = user.Id, code })!;
            await email.SendPasswordResetLinkAsync(user, user.Email, publicUrls.Absolute(HttpContext, path));
        }

        // The same answer whether or not the address has an account, so the form cannot be used to find members.
        return RedirectToPage(new { sent = true });
    }
}
