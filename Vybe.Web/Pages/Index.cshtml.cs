using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vybe.Web.Pages;

public sealed class IndexModel : PageModel
{
    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public void OnGet()
    {
    }
}
