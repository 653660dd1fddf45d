using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Vybe.Web.History;

/// <summary>
/// The guest's id, in a data-protected cookie. A cookie that was tampered with or cannot be read
/// (keys rotated away, garbage) counts as no cookie: the visitor starts as a fresh guest.
/// The cookie is only set when a guest saves a reading, so browsing sets no cookie.
/// </summary>
public sealed class GuestHistoryCookie(IDataProtectionProvider protection, IOptions<HistoryOptions> options, TimeProvider clock)
{
    public const string CookieName = "vybe.guest";
    private readonly IDataProtector protector = protection.CreateProtector("Vybe.History.GuestId.v1");

    public Guid? Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value) || value.Length > 512)
        {
            return null;
        }
        try
        {
            return Guid.TryParseExact(protector.Unprotect(value), "N", out var guestId) ? guestId : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The guest id from the cookie, or a new one; either way the cookie's 30 days start again.</summary>
    public Guid Ensure(HttpContext context)
    {
        var guestId = Read(context) ?? Guid.NewGuid();
        context.Response.Cookies.Append(CookieName, protector.Protect(guestId.ToString("N")), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
            Expires = clock.GetUtcNow() + options.Value.GuestRetention,
        });
        return guestId;
    }

    public void Clear(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
}
