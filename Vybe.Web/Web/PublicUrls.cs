using Microsoft.Extensions.Options;

namespace Vybe.Web.Web;

public sealed class PublicUrlOptions
{
    public const string Section = "Vybe";

    /// <summary>
    /// The address people use to reach the app, such as https://vybe.example. Links in e-mails are built
    /// on it; when empty, on the request's own scheme and host (fine locally, not behind an untrusted proxy).
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>Absolute links for e-mails.</summary>
public sealed class PublicUrls(IOptions<PublicUrlOptions> options)
{
    public string Absolute(HttpContext context, string path) => Base(context) + path;

    /// <summary>
    /// What links are built on, without a trailing slash: the configured public address, else the request's
    /// scheme, host and path base. Work done after the request (the account e-mails) keeps this.
    /// </summary>
    public string Base(HttpContext context)
    {
        var baseUrl = options.Value.PublicBaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            baseUrl = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
        }
        return baseUrl.TrimEnd('/');
    }
}
