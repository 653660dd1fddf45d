using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vybe.Web.Pages;

/// <summary>
/// The answer to an unhandled exception (rendered by the exception handler after the error was logged).
/// It shows the request id as the reference an admin can search for. An htmx request gets a toast
/// fragment instead of a page, which htmx puts in the layout's toast area.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Reference => HttpContext.TraceIdentifier;

    public IActionResult OnGet() => Respond();

    // The exception handler re-executes the failed request's method, so a failed POST lands here too.
    public IActionResult OnPost() => Respond();

    private IActionResult Respond()
    {
        if (Request.IsHtmx())
        {
            Response.Htmx(headers => headers.Retarget("#toasts").Reswap("beforeend"));
            return Partial("_ErrorToast", this);
        }
        return Page();
    }
}
