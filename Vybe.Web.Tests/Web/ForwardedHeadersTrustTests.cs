using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Vybe.Web.ErrorLog;
using Vybe.Web.Tests.ErrorLog;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Web;

/// <summary>
/// Forwarded headers are trusted from <c>Vybe:ForwardedHeaders</c>; the keys the settings had before
/// (<c>Vybe:ErrorLog:KnownProxies</c>, the limits outside <c>Vybe:RateLimits</c>) still work, and start-up
/// says what they are called now.
/// </summary>
public sealed class ForwardedHeadersTrustTests(ForwardedHeadersTrustTests.OldKeysApp app) : IClassFixture<ForwardedHeadersTrustTests.OldKeysApp>
{
    public sealed class OldKeysApp : ErrorLogAppFactory
    {
        public const string ProxyNetwork = "198.51.100.0/24";
        public const int OldKeyClientErrorsPerMinute = 2;

        public Warnings Warnings { get; } = new();

        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Vybe:ErrorLog:KnownProxies:0"] = TrustedProxy,
            ["Vybe:ForwardedHeaders:KnownNetworks:0"] = ProxyNetwork,
            ["Vybe:ErrorLog:ClientErrorsPerMinute"] = OldKeyClientErrorsPerMinute.ToString(),
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Warnings));
        }
    }

    [Fact]
    public async Task A_proxy_under_the_old_key_is_still_trusted_and_start_up_names_the_new_key()
    {
        Assert.Equal(IPAddress.Parse("203.0.113.99"), await app.LoggedIpAsync(ErrorLogAppFactory.TrustedProxy));
        Assert.Equal(IPAddress.Parse("192.0.2.77"), await app.LoggedIpAsync("192.0.2.77"));

        Assert.Contains(app.Warnings, warning =>
            warning.Contains("Vybe:ErrorLog:KnownProxies has moved to Vybe:ForwardedHeaders:KnownProxies")
            && warning.Contains("Vybe__ForwardedHeaders__KnownProxies"));
    }

    [Fact]
    public async Task A_proxy_in_a_known_network_is_trusted()
    {
        Assert.Equal(IPAddress.Parse("203.0.113.99"), await app.LoggedIpAsync("198.51.100.23"));
        Assert.Equal(IPAddress.Parse("198.51.101.23"), await app.LoggedIpAsync("198.51.101.23"));
    }

    [Fact]
    public async Task A_limit_under_its_old_key_still_limits_and_start_up_names_the_new_key()
    {
        using var client = app.CreateClient();
        async Task<HttpStatusCode> ReportAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, ClientErrorEndpoint.Path)
            {
                Content = new StringContent("{\"message\":\"old key\"}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(ErrorLogAppFactory.PeerHeader, "192.0.2.201");
            return (await client.SendAsync(request)).StatusCode;
        }

        for (var i = 0; i < OldKeysApp.OldKeyClientErrorsPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, await ReportAsync());
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await ReportAsync());

        Assert.Contains(app.Warnings, warning =>
            warning.Contains("Vybe:ErrorLog:ClientErrorsPerMinute has moved to Vybe:RateLimits:ClientErrorsPerMinute"));
    }
}
