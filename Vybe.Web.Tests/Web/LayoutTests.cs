using System.Net;
using System.Text.Json;
using Vybe.TestSupport;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Web;

namespace Vybe.Web.Tests.Web;

public sealed class LayoutTests(VybeAppFactory app) : IClassFixture<VybeAppFactory>
{
    public static TheoryData<string> PublicPages => new() { "/", "/Account/Login", "/Account/Signup", "/Account/ForgotPassword", "/Account/Logout" };

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Pages_carry_a_strict_content_security_policy_and_security_headers(string path)
    {
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var csp = string.Join(";", page.Response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", page.Response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("HX-Request", page.Response.Headers.Vary);
    }

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Pages_have_no_inline_script_or_style_for_the_policy_to_block(string path)
    {
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync(path);

        Assert.All(page.Document.Scripts, script => Assert.False(string.IsNullOrEmpty(script.Source), "inline <script>"));
        Assert.Empty(page.Document.QuerySelectorAll("style"));
        Assert.Empty(page.Document.QuerySelectorAll("[style]"));
        Assert.DoesNotContain(page.Document.QuerySelectorAll("*").SelectMany(e => e.Attributes),
            attribute => attribute.Name.StartsWith("on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Layout_boosts_navigation_with_local_htmx_configured_to_need_no_eval_or_inline_styles()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync("/");

        Assert.Equal("true", page.Document.Body!.GetAttribute("hx-boost"));
        var scripts = page.Document.Scripts.Select(s => s.Source!).ToList();
        Assert.Contains(scripts, s => s.StartsWith("/lib/htmx/htmx.min.", StringComparison.Ordinal));
        Assert.All(scripts, s => Assert.StartsWith("/", s)); // served by us, no CDN
        using var config = JsonDocument.Parse(page.Document.QuerySelector("meta[name='htmx-config']")!.GetAttribute("content")!);
        Assert.False(config.RootElement.GetProperty("includeIndicatorStyles").GetBoolean());
        Assert.False(config.RootElement.GetProperty("allowEval").GetBoolean());
        Assert.False(string.IsNullOrEmpty(page.Document.QuerySelector("meta[name='request-verification-token']")?.GetAttribute("content")));

        var htmx = await browser.Client.GetAsync(scripts.First(s => s.Contains("htmx")));
        Assert.Equal(HttpStatusCode.OK, htmx.StatusCode);
        Assert.Contains("version:\"2.0.", await htmx.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Htmx_response_handling_swaps_the_422_of_an_invalid_form()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync("/");

        using var config = JsonDocument.Parse(page.Document.QuerySelector("meta[name='htmx-config']")!.GetAttribute("content")!);
        var rule = config.RootElement.GetProperty("responseHandling").EnumerateArray()
            .First(r => System.Text.RegularExpressions.Regex.IsMatch("422", r.GetProperty("code").GetString()!));
        Assert.True(rule.GetProperty("swap").GetBoolean());
    }

    [Fact]
    public void Vendored_htmx_is_the_copy_from_the_npm_package()
    {
        var vendored = Path.Combine(RepositoryPaths.Root, "Vybe.Web", "wwwroot", "lib", "htmx", "htmx.min.js");
        var fromNpm = Path.Combine(RepositoryPaths.Root, "node_modules", "htmx.org", "dist", "htmx.min.js");
        Assert.True(File.Exists(fromNpm), "node_modules is missing: run npm ci (./test.sh does)");

        Assert.Equal(File.ReadAllBytes(fromNpm), File.ReadAllBytes(vendored));
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "package.json")));
        Assert.StartsWith("2.0.", package.RootElement.GetProperty("dependencies").GetProperty("htmx.org").GetString());
    }

    [Fact]
    public async Task Unknown_page_gets_a_404_page_in_the_layout()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("We could not find that page", page.Text);
    }

    [Fact]
    public async Task Form_fields_with_errors_are_tied_to_their_messages_for_screen_readers()
    {
        using var browser = app.CreateBrowser();
        var form = await browser.GetAsync("/Account/Signup");

        var page = await browser.SubmitAsync(form, new Dictionary<string, string> { ["Input.Email"] = "nope" });

        var email = page.Document.QuerySelector("#Input_Email")!;
        Assert.Equal("true", email.GetAttribute("aria-invalid"));
        Assert.Equal("Input_Email-error", email.GetAttribute("aria-describedby"));
        Assert.Contains("valid e-mail", page.Document.GetElementById("Input_Email-error")!.TextContent);
        Assert.Contains("password-hint", page.Document.QuerySelector("#Input_Password")!.GetAttribute("aria-describedby"));
    }
}
