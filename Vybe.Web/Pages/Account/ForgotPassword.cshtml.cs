using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vybe.Web.Accounts;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Account;

[EnableRateLimiting(RateLimiting.PasswordResetPolicy)]
public sealed class ForgotPasswordModel(AccountMail mail) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "sent")]
    public bool Sent { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address, such as name@example.com.")]
        [StringLength(254, ErrorMessage = "That e-mail address is too long.")]
        public string Email { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        if (!ModelState.IsValid)
        {
            return this.InvalidForm();
        }

        // The same work and the same answer whether or not the address has an account, so neither the page
        // nor its timing tells who is a member: the job is queued either way, and the worker looks the
        // account up, makes the token and sends the link (or nothing) after the answer has gone.
        mail.QueuePasswordReset(HttpContext, Input.Email);
        return RedirectToPage(new { sent = true });
    }
}
