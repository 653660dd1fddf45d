using System.Net;
using System.Text;
using System.Text.Json;
using Vybe.Web.ErrorLog;

namespace Vybe.Web.Tests.ErrorLog;

/// <summary>
/// A real password-reset link carries its code in the query. Wherever such a URL reaches the error
/// log (the page a browser reports from, URLs in its message and stack, the query of a request that
/// failed), the code does not.
/// </summary>
public sealed class UrlRedactionTests(ErrorLogAppFactory app) : IClassFixture<ErrorLogAppFactory>
{
    private static void AssertNowhere(string code, ErrorLogEntry row)
    {
        foreach (var text in new[] { row.Message, row.Details, row.Ua, row.Code })
        {
            Assert.DoesNotContain(code, text ?? "");
        }
    }

    [Fact]
    public async Task A_browser_report_from_the_reset_password_page_never_stores_the_reset_code()
    {
        var (link, code) = await ResetLinkSteps.RealResetLinkAsync(app);
        // What error-reporter.js sends from that page: location.pathname + location.search, and URLs in the texts.
        var body = JsonSerializer.Serialize(new
        {
            kind = "htmx:responseError",
            message = $"htmx request failed: 500 {link.PathAndQuery}",
            source = link.ToString(),
            stack = $"Error: boom\n    at send ({link}:1:10)\n    at {link.AbsoluteUri}",
            page = link.PathAndQuery,
        });
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, ClientErrorEndpoint.Path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        const string peer = "203.0.113.77";
        request.Headers.Add(ErrorLogAppFactory.PeerHeader, peer);
        request.Headers.Referrer = link;
        request.Headers.TryAddWithoutValidation("User-Agent", $"Agent/1.0 (+{link})");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var row = Assert.Single(await app.RowsAsync(r => r.Service == ClientErrorEndpoint.Service && r.Ip?.ToString() == peer));
        AssertNowhere(code, row);
        using var details = JsonDocument.Parse(row.Details!);
        var page = details.RootElement.GetProperty("page").GetString()!;
        Assert.StartsWith("/Account/ResetPassword?", page);
        Assert.Contains($"code={SecretRedactor.Redacted}", page);
        Assert.Contains("userId=", page); // what is not secret stays, so the admin sees which page it was
        Assert.Contains($"code={SecretRedactor.Redacted}", row.Message);
    }

    [Fact]
    public async Task A_request_that_fails_with_a_reset_link_in_its_query_never_stores_the_code()
    {
        var (link, code) = await ResetLinkSteps.RealResetLinkAsync(app);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/test/throw{link.Query}&returnUrl={Uri.EscapeDataString(link.PathAndQuery)}");
        request.Headers.Referrer = link;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var requestId = Guid.Parse(response.Headers.GetValues("X-Request-Id").Single());
        var row = Assert.Single(await app.RowsAsync(r => r.RequestId == requestId));
        AssertNowhere(code, row);
        AssertNowhere(Uri.EscapeDataString(code), row);
        using var details = JsonDocument.Parse(row.Details!);
        var query = details.RootElement.GetProperty("query");
        Assert.Equal(SecretRedactor.Redacted, query.GetProperty("code").GetString());
        Assert.Contains($"code={SecretRedactor.Redacted}", query.GetProperty("returnUrl").GetString());
    }
}
