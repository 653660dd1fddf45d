using Htmx;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vybe.Web.Pages.Readings;
using Vybe.Web.Web;

namespace Vybe.Web.Pages;

/// <summary>The page shown for error status codes without a body of their own (404, 403, 405…, and 503 while the database is unreachable).</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public string Heading => Code switch
    {
        StatusCodes.Status403Forbidden => "This page is not for your account",
        StatusCodes.Status404NotFound => "We could not find that page",
        StatusCodes.Status405MethodNotAllowed => "That action is not available here",
        StatusCodes.Status429TooManyRequests => "Slow down a little",
        StatusCodes.Status413PayloadTooLarge => "That file is too large",
        StatusCodes.Status503ServiceUnavailable => "Vybe is briefly unavailable",
        >= 500 => "Something went wrong",
        _ => "That request could not be handled",
    };

    public string Explanation => Code switch
    {
        StatusCodes.Status403Forbidden => "You are signed in, but this part of Vybe is only for admins.",
        StatusCodes.Status404NotFound => "The link may be old or mistyped. Start again from the home page.",
        StatusCodes.Status429TooManyRequests => int.TryParse(Response.Headers.RetryAfter, out var seconds)
            ? RateLimiting.WaitMessage(seconds)
            : "You have made many requests in a short time. Wait a minute, then try again.",
        StatusCodes.Status400BadRequest =>
            "The server could not read the request: it may hold an invisible control character, or a file larger than the 5 MB a photo may be. Go back, check it and try again.",
        StatusCodes.Status413PayloadTooLarge => Pages.Readings.PhotoUpload.TooLargeMessage,
        StatusCodes.Status503ServiceUnavailable => UnavailableExplanation,
        >= 500 => "This failed on our side. Try again in a moment.",
        _ => $"The server answered {Code}. Go back and try again.",
    };

    /// <summary>
    /// Says what was lost: a reading is saved in one transaction, so a refused reading post saved nothing.
    /// Another post may have done part of its work before the database went (a sign-up creates the
    /// account before it signs in), so it is not told that nothing was saved.
    /// </summary>
    private string UnavailableExplanation =>
        !HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method)
            ? HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath is { } path
              && ReadingForms.All.Any(form => path.Equals(form.PageName(), StringComparison.OrdinalIgnoreCase))
                ? "Your reading was not saved. Try again in a moment."
                : "That could not be finished just now. Try again in a moment."
            : "This page could not be loaded just now. Try again in a moment.";

    public IActionResult OnGet(int code) => Show(code);

    public IActionResult OnPost(int code) => Show(code);

    private IActionResult Show(int code)
    {
        // Re-executed after an error, the response already carries the original status; the route value
        // is not always bound then (a POST whose form cannot be read binds nothing).
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        // Reached directly with a body it cannot read (a NUL in a form value), nothing binds: that request was bad.
        var named = ModelState.IsValid ? code : StatusCodes.Status400BadRequest;
        Code = reExecuted ? Response.StatusCode : named;
        // Reached directly rather than re-executed after an error: answer with the code it names.
        if (!reExecuted && named is >= 400 and <= 599)
        {
            Response.StatusCode = named;
        }
        if (Code >= 500)
        {
            return ServerError();
        }
        // An htmx request swaps the answer into part of a page: it gets the message, not a second layout.
        return this.PageOrFragment("_StatusFragment", this);
    }

    /// <summary>
    /// The layout's htmx-config sends every 5xx answer to the toast area, taking only its <c>.toast</c>:
    /// an htmx request gets that toast. A boosted request (a link or a form htmx fetches for the whole
    /// body) gets the whole page, and headers that take it past that rule to replace the body.
    /// </summary>
    private IActionResult ServerError()
    {
        if (Request.IsHtmxNonBoosted())
        {
            Response.Htmx(headers => headers.Retarget("#toasts").Reswap("beforeend"));
            return Partial("_StatusToast", this);
        }
        if (Request.IsHtmx())
        {
            Response.Htmx(headers => headers.Retarget("body").Reswap("innerHTML").Reselect("unset"));
        }
        return Page();
    }
}
