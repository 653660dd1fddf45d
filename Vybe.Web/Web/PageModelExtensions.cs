using System.Reflection;
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
