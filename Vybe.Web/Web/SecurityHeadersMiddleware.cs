using Microsoft.Net.Http.Headers;

namespace Vybe.Web.Web;

/// <summary>
/// Headers on every response. The Content-Security-Policy allows only our own scripts and styles:
/// no inline code, no eval (htmx is configured to need neither), no framing.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
        "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'; " +
        "frame-ancestors 'none'";

    private const string HtmxRequestHeader = "HX-Request";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // Pages answer htmx requests with fragments and others with whole pages, so caches must key on
            // HX-Request. Added here, as the response starts, so no filter (such as [ResponseCache]) resets it.
            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true
                && !headers.Vary.ToString().Contains(HtmxRequestHeader, StringComparison.OrdinalIgnoreCase))
            {
                headers.Append(HeaderNames.Vary, HtmxRequestHeader);
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
