using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vybe.Web.Web;

public static class PageModelExtensions
{
    /// <summary>
    /// Re-renders the page with its field errors and status 422, so that the answer to bad input is a 4xx.
    /// htmx is configured (htmx-config meta tag) to swap 422 responses.
    /// </summary>
    public static PageResult InvalidForm(this PageModel page)
    {
        var result = page.Page();
        result.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return result;
    }

    /// <summary>A return URL from the query string is followed only when it stays on this site.</summary>
    public static string SafeReturnUrl(this PageModel page, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && page.Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
