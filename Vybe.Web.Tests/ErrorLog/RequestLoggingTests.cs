using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.ErrorLog;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.ErrorLog;

public sealed class RequestLoggingTests(ErrorLogAppFactory app) : IClassFixture<ErrorLogAppFactory>
{
    [Fact]
    public async Task Valid_incoming_request_id_is_echoed()
    {
        using var client = app.CreateClient();
        var requestId = Guid.NewGuid();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Request-Id", requestId.ToString());

        var response = await client.SendAsync(request);

        Assert.Equal(requestId.ToString(), response.Headers.GetValues("X-Request-Id").Single());
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("")]
    public async Task Invalid_incoming_request_id_is_replaced_with_a_new_one(string incoming)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.TryAddWithoutValidation("X-Request-Id", incoming);

        var response = await client.SendAsync(request);

        var echoed = response.Headers.GetValues("X-Request-Id").Single();
        Assert.True(Guid.TryParse(echoed, out var id) && id != Guid.Empty);
        Assert.NotEqual(incoming, echoed);
    }

    [Fact]
    public async Task Unhandled_exception_shows_the_reference_and_logs_one_row_with_the_request_context()
    {
        using var browser = app.CreateBrowser();
        var email = AccountSteps.NewEmail();
        await browser.SignUpAsync(email);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/throw?token=do-not-log-me&page=2");
        request.Headers.Add(ErrorLogAppFactory.PeerHeader, "198.51.100.23");
        request.Headers.Add("User-Agent", "VybeTestAgent/1.0");

        var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var requestId = Guid.Parse(response.Headers.GetValues("X-Request-Id").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html);
        Assert.Contains(requestId.ToString(), html);
        Assert.DoesNotContain("Boom from the test endpoint", html); // no exception details for visitors

        var rows = await app.RowsAsync(r => r.RequestId == requestId);
        var row = Assert.Single(rows); // the 500 that follows is not logged a second time
        Assert.Equal(UnhandledExceptionLogger.Code, row.Code);
        Assert.Equal("error", row.Level);
        Assert.Equal("web", row.Service);
        Assert.Equal("test", row.Environment);
        Assert.Equal("Boom from the test endpoint", row.Message);
        Assert.Equal(userId, row.UserId);
        Assert.Equal(IPAddress.Parse("198.51.100.23"), row.Ip);
        Assert.Equal("VybeTestAgent/1.0", row.Ua);
        using var details = JsonDocument.Parse(row.Details!);
        Assert.Equal("System.InvalidOperationException", details.RootElement.GetProperty("type").GetString());
        Assert.Contains("ErrorLogAppFactory", details.RootElement.GetProperty("stack").GetString());
        Assert.Equal(SecretRedactor.Redacted, details.RootElement.GetProperty("query").GetProperty("token").GetString());
        Assert.Equal("2", details.RootElement.GetProperty("query").GetProperty("page").GetString());
        Assert.DoesNotContain("do-not-log-me", row.Details);
    }

    [Fact]
    public async Task Unhandled_exception_in_an_htmx_request_answers_a_toast_fragment()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/throw");
        request.Headers.Add("HX-Request", "true");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", html);
        Assert.Contains("class=\"toast\"", html);
        Assert.Contains(response.Headers.GetValues("X-Request-Id").Single(), html);
        Assert.Equal("#toasts", response.Headers.GetValues("HX-Retarget").Single());
        Assert.Contains("HX-Request", response.Headers.Vary);
    }

    [Fact]
    public async Task A_5xx_answer_without_an_exception_is_logged_too()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/test/unavailable");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var requestId = Guid.Parse(response.Headers.GetValues("X-Request-Id").Single());
        var row = Assert.Single(await app.RowsAsync(r => r.RequestId == requestId));
        Assert.Equal(RequestLoggingMiddleware.Http5xxCode, row.Code);
        Assert.Contains("503", row.Message);
    }

    [Fact]
    public async Task Forwarded_for_from_an_unknown_peer_is_ignored_and_from_the_trusted_proxy_is_used()
    {
        Assert.Equal(IPAddress.Parse("192.0.2.50"), await app.LoggedIpAsync("192.0.2.50"));
        Assert.Equal(IPAddress.Parse("203.0.113.99"), await app.LoggedIpAsync(ErrorLogAppFactory.TrustedProxy));
    }
}
