using System.Reflection;
using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
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
        ForgetUnreadableBooleans(page);
        var result = page.Page();
        result.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return result;
    }

    /// <summary>
    /// The page with one message for the whole form and nothing else it was sent (a link that cannot
    /// be used: expired, edited, already used), answered with the given 4xx status.
    /// </summary>
    public static PageResult RefusedPage(this PageModel page, string message, int statusCode)
    {
        page.ModelState.Clear();
        page.ModelState.AddModelError("", message);
        var result = page.Page();
        result.StatusCode = statusCode;
        return result;
    }

    /// <summary>
    /// The same form with its messages, 422: the whole page for a plain or boosted post; for htmx the
    /// form's partial alone, told to replace the form itself (<c>HX-Retarget</c>, <c>outerHTML</c>)
    /// wherever the form meant its answer to go.
    /// </summary>
    public static IActionResult InvalidForm(this PageModel page, string formId, string formPartial, object formModel)
    {
        if (!page.Request.IsHtmxNonBoosted())
        {
            return page.InvalidForm();
        }
        page.Response.Htmx(headers => headers.Retarget($"#{formId}").Reswap("outerHTML"));
        var form = page.Partial(formPartial, formModel);
        form.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return form;
    }

    /// <summary>
    /// The fragment for an htmx request (not boosted), else the whole page: the page renders the same
    /// partial inside it, so there is one template per fragment. Without a status code, the response's stands.
    /// </summary>
    public static IActionResult PageOrFragment(this PageModel page, string partialName, object? model, int? statusCode = null)
    {
        if (page.Request.IsHtmxNonBoosted())
        {
            var fragment = page.Partial(partialName, model);
            fragment.StatusCode = statusCode;
            return fragment;
        }
        var whole = page.Page();
        whole.StatusCode = statusCode;
        return whole;
    }

    /// <summary>A return URL from the query string is followed only when it stays on this site.</summary>
    public static string SafeReturnUrl(this PageModel page, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && page.Url.IsLocalUrl(returnUrl) ? returnUrl : "/";

    /// <summary>
    /// A checkbox posted with something other than true or false keeps its error message, but not the
    /// posted value: the checkbox tag helper would read that value back as a boolean, and throw.
    /// </summary>
    private static void ForgetUnreadableBooleans(PageModel page)
    {
        var unreadable = page.ModelState
            .Where(entry => entry.Value is { ValidationState: ModelValidationState.Invalid, RawValue: not null } value
                && IsBoolean(page.GetType(), entry.Key) && !bool.TryParse(value.AttemptedValue, out _))
            .Select(entry => (entry.Key, entry.Value!.AttemptedValue))
            .ToList();
        foreach (var (key, attempted) in unreadable)
        {
            page.ModelState.SetModelValue(key, rawValue: null, attempted);
        }
    }

    /// <summary>Whether the model-state key (<c>Input.RememberMe</c>) names a bool property of the page model.</summary>
    private static bool IsBoolean(Type model, string key)
    {
        Type? type = model;
        foreach (var name in key.Split('.'))
        {
            type = type?.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
        }
        return type == typeof(bool) || type == typeof(bool?);
    }
}
