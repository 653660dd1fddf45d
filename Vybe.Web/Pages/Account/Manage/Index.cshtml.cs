using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.Accounts;

namespace Vybe.Web.Pages.Account.Manage;

public sealed class IndexModel(UserManager<VybeUser> users) : PageModel
{
    public string Email { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Email = user.Email ?? "";
        CreatedAt = user.CreatedAt;
        return Page();
    }
}
