using Microsoft.AspNetCore.Mvc;

namespace Vybe.Web.Web;

/// <summary>
/// Private data (the error log, a member's history) must not stay in browser or proxy caches. (<c>Vary: HX-Request</c> is added to
/// every HTML response by <c>SecurityHeadersMiddleware</c>, after this filter has run.)
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NoStoreAttribute : ResponseCacheAttribute
{
    public NoStoreAttribute()
    {
        NoStore = true;
        Location = ResponseCacheLocation.None;
    }
}
