using Vybe.Web.Readings;

namespace Vybe.Web.Pages.Readings;

/// <summary>The depth a visitor last read at, remembered in a cookie so every form starts there.</summary>
public static class DepthPreference
{
    public const string CookieName = "vybe.depth";

    /// <summary>The depth a form shows selected: what was posted, else the visitor's last choice, else standard.</summary>
    public static ReadingDepth Selected(string? posted, HttpRequest request) =>
        ReadingDepths.TryParse(posted, out var depth, out _) ? depth
        : ReadingDepths.TryParse(request.Cookies[CookieName], out var remembered, out _) ? remembered
        : ReadingDepth.Standard;

    public static void Remember(HttpResponse response, ReadingDepth depth, TimeProvider clock) =>
        response.Cookies.Append(CookieName, depth.Key(), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            Expires = clock.GetUtcNow().AddYears(1),
        });
}
