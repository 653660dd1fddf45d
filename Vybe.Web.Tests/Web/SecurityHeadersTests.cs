using System.Net;
using Microsoft.AspNetCore.Hosting;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;
using Vybe.Web.Web;

namespace Vybe.Web.Tests.Web;

/// <summary>
/// The security headers on every kind of response the app gives, over HTTPS on a public host name
/// (HSTS is never sent for localhost, nor over plain HTTP).
/// </summary>
public sealed class SecurityHeadersTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    public const string PublicHost = "vybe.example";

    public static TheoryData<string> ResponseKinds =>
        new() { "page", "static file", "not found", "invalid form", "redirect", "health", "htmx fragment" };

    /// <summary>Makes one response of the given kind, checking it is that kind.</summary>
    public static async Task<HttpResponseMessage> RespondAsync(HtmlBrowser browser, string kind)
    {
        switch (kind)
        {
            case "page":
                return Expect(HttpStatusCode.OK, (await browser.GetAsync("/")).Response);
            case "static file":
                {
                    var page = await browser.GetAsync("/");
                    var stylesheet = page.Document.QuerySelector("link[rel='stylesheet']")!.GetAttribute("href")!;
                    var response = Expect(HttpStatusCode.OK, await browser.Client.GetAsync(stylesheet));
                    Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
                    return response;
                }
            case "not found":
                return Expect(HttpStatusCode.NotFound, (await browser.GetAsync("/no/such/page")).Response);
            case "invalid form":
                {
                    var form = await browser.GetAsync("/Account/Signup");
                    var page = await browser.SubmitAsync(form, new Dictionary<string, string> { ["Input.Email"] = "not an address" });
                    return Expect(HttpStatusCode.UnprocessableEntity, page.Response);
                }
            case "redirect":
                return Expect(HttpStatusCode.Redirect, (await browser.GetAsync("/Admin", followRedirects: false)).Response);
            case "health":
                return Expect(HttpStatusCode.OK, await browser.Client.GetAsync("/healthz"));
            case "htmx fragment":
                {
                    var fragment = await browser.ReadNumberAsync("444", htmx: true);
                    Assert.Null(fragment.Document.QuerySelector("header.site-header"));
                    return Expect(HttpStatusCode.OK, fragment.Response);
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static HttpResponseMessage Expect(HttpStatusCode status, HttpResponseMessage response)
    {
        Assert.Equal(status, response.StatusCode);
        return response;
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";

    [Theory]
    [MemberData(nameof(ResponseKinds))]
    public async Task Every_kind_of_response_carries_the_security_headers_and_hsts_over_https(string kind)
    {
        using var browser = app.CreateBrowser(https: true, host: PublicHost);

        var response = await RespondAsync(browser, kind);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
        Assert.Contains("geolocation=()", Header(response, "Permissions-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Matches(@"^max-age=\d{6,}", Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Hsts_is_sent_only_over_https()
    {
        using var browser = app.CreateBrowser(https: false, host: PublicHost);

        var response = await RespondAsync(browser, "page");

        Assert.Equal("", Header(response, "Strict-Transport-Security"));
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
    }
}

/// <summary>A developer's machine: no HSTS, so a browser never pins https on a host that serves plain http.</summary>
public sealed class DevelopmentSecurityHeadersTests(DevelopmentSecurityHeadersTests.DevelopmentApp app)
    : IClassFixture<DevelopmentSecurityHeadersTests.DevelopmentApp>
{
    public sealed class DevelopmentApp : VybeAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
        }
    }

    [Theory]
    [InlineData("page")]
    [InlineData("redirect")]
    [InlineData("health")]
    public async Task Development_sends_no_hsts_even_over_https_but_keeps_the_other_headers(string kind)
    {
        using var browser = app.CreateBrowser(https: true, host: SecurityHeadersTests.PublicHost);

        var response = await SecurityHeadersTests.RespondAsync(browser, kind);

        Assert.Equal("", SecurityHeadersTests.Header(response, "Strict-Transport-Security"));
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, SecurityHeadersTests.Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", SecurityHeadersTests.Header(response, "X-Content-Type-Options"));
    }
}
