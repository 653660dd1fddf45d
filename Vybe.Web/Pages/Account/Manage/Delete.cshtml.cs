using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.Accounts;
using Vybe.Web.Web;

namespace Vybe.Web.Pages.Account.Manage;

public sealed class DeleteModel(UserManager<VybeUser> users, SignInManager<VybeUser> signIn, ILogger<DeleteModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your password to confirm.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
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
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            ModelState.AddModelError("Input.Password", "That password is not right.");
            return this.InvalidForm();
        }

        // The user's rows (readings, history) are removed with the account by the database's cascading keys.
        var result = await users.DeleteAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Deleting user {user.Id} failed: {string.Join("; ", result.Errors.Select(e => e.Code))}");
        }
        logger.LogInformation("Deleted user {UserId}", user.Id);
        await signIn.SignOutAsync();
        TempData["StatusMessage"] = "Your account and everything saved with it were deleted.";
        return LocalRedirect("/");
    }
}
