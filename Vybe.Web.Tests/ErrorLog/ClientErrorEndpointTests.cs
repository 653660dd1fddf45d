using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.ErrorLog;

namespace Vybe.Web.Tests.ErrorLog;

public sealed class ClientErrorEndpointTests(ErrorLogAppFactory app) : IClassFixture<ErrorLogAppFactory>
{
    private static int nextPeer;

    /// <summary>Each test speaks from its own address, so the per-IP limit of one test does not touch another.</summary>
    private static string NewPeer() => $"192.0.2.{Interlocked.Increment(ref nextPeer)}";

    private async Task<HttpResponseMessage> PostAsync(string peer, string body, string contentType = "application/json")
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, ClientErrorEndpoint.Path)
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Add(ErrorLogAppFactory.PeerHeader, peer);
        return await client.SendAsync(request);
    }

    private Task<int> ClientRowsFromAsync(string peer) =>
        app.WithDbAsync(db => db.ErrorLogs.CountAsync(e => e.Service == ClientErrorEndpoint.Service && e.Ip == IPAddress.Parse(peer)));

    [Fact]
    public async Task Valid_report_is_stored_as_a_client_error()
    {
        var peer = NewPeer();
        var body = JsonSerializer.Serialize(new
        {
            kind = "error",
            message = "TypeError: x is undefined",
            source = "http://localhost/js/site.js",
            line = 12,
            column = 7,
            stack = "at f (site.js:12:7)",
            page = "/Account/Login",
            authToken = "should not be read",
        });

        var response = await PostAsync(peer, body);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var row = Assert.Single(await app.RowsAsync(r => r.Service == "client" && r.Ip?.ToString() == peer));
        Assert.Equal(ClientErrorEndpoint.Code, row.Code);
        Assert.Equal("TypeError: x is undefined", row.Message);
        using var details = JsonDocument.Parse(row.Details!);
        Assert.Equal(12, details.RootElement.GetProperty("line").GetInt32());
        Assert.Equal("/Account/Login", details.RootElement.GetProperty("page").GetString());
        Assert.DoesNotContain("should not be read", row.Details);
    }

    [Fact]
    public async Task Oversize_report_gets_413_and_is_not_stored()
    {
        var peer = NewPeer();
        var body = JsonSerializer.Serialize(new { message = "big", stack = new string('x', 9_000) });

        var response = await PostAsync(peer, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 8192 bytes", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await ClientRowsFromAsync(peer));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"message\": 42}")]
    [InlineData("{\"kind\": \"error\"}")]
    [InlineData("")]
    public async Task Malformed_report_gets_400_and_is_not_stored(string body)
    {
        var peer = NewPeer();

        var response = await PostAsync(peer, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await ClientRowsFromAsync(peer));
    }

    [Fact]
    public async Task Report_that_is_not_json_gets_415()
    {
        var peer = NewPeer();

        var response = await PostAsync(peer, "message=hi", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(0, await ClientRowsFromAsync(peer));
    }

    [Fact]
    public async Task Too_many_reports_from_one_address_get_429_with_retry_after()
    {
        var peer = NewPeer();
        var body = JsonSerializer.Serialize(new { message = "again" });

        for (var i = 0; i < ErrorLogAppFactory.ClientErrorsPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(peer, body)).StatusCode);
        }
        var limited = await PostAsync(peer, body);
        var otherAddress = await PostAsync(NewPeer(), body);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Contains("try again", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, otherAddress.StatusCode);
        await app.RowsAsync(r => r.Ip?.ToString() == peer, ErrorLogAppFactory.ClientErrorsPerMinute);
        Assert.Equal(ErrorLogAppFactory.ClientErrorsPerMinute, await ClientRowsFromAsync(peer));
    }

    [Fact]
    public async Task Addresses_of_one_ipv6_64_network_share_one_allowance()
    {
        // A line is given a whole /64: a new address for every report must not buy a new allowance
        // (nor one more limiter in memory each).
        var body = JsonSerializer.Serialize(new { message = "from a rotating address" });
        var network = $"2001:db8:{Interlocked.Increment(ref nextPeer):x}:1";

        for (var i = 1; i <= ErrorLogAppFactory.ClientErrorsPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await PostAsync($"{network}::{i:x}", body)).StatusCode);
        }
        var sameNetwork = await PostAsync($"{network}:ab:cd:ef:1234", body);
        var nextNetwork = await PostAsync($"2001:db8:{Interlocked.Increment(ref nextPeer):x}:2::1", body);

        Assert.Equal(HttpStatusCode.TooManyRequests, sameNetwork.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, nextNetwork.StatusCode);
    }
}
