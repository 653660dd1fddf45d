using Microsoft.AspNetCore.Mvc;

namespace Vybe.Web.Pages.Admin.Errors;

/// <summary>
/// Error-log data must not stay in browser or proxy caches. The response-cache filter resets
/// <c>Vary</c> after the global <c>HtmxVaryPageFilter</c> has added <c>HX-Request</c> (page-level
/// filters run later), so this attribute names that header itself.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NoStoreAttribute : ResponseCacheAttribute
{
    public NoStoreAttribute()
    {
        NoStore = true;
        Location = ResponseCacheLocation.None;
        VaryByHeader = "HX-Request";
    }
}
