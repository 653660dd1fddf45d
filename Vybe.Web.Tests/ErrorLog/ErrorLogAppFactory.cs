using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vybe.Web.ErrorLog;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.ErrorLog;

/// <summary>
/// The app with two things only the test host has: endpoints that fail on purpose, and a way to
/// choose the TCP peer address of a request (TestServer has none), as a real connection would have.
/// </summary>
public class ErrorLogAppFactory : VybeAppFactory
{
    public const string PeerHeader = "X-Test-Peer";
    public const string TrustedProxy = "10.9.9.9";
    public const int ClientErrorsPerMinute = 3;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Vybe:ForwardedHeaders:KnownProxies:0"] = TrustedProxy,
        ["Vybe:RateLimits:ClientErrorsPerMinute"] = ClientErrorsPerMinute.ToString(),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestOnlyEndpoints>());
    }

    private sealed class TestOnlyEndpoints : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Before the app's pipeline: this stands in for the network connection.
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader], out var peer))
                {
                    context.Connection.RemoteIpAddress = peer;
                }
                return nextMiddleware(context);
            });
            next(app);
            // After the app's pipeline: reached only by paths no page claims.
            app.Use((context, nextMiddleware) => context.Request.Path.Value switch
            {
                "/test/throw" => throw new InvalidOperationException("Boom from the test endpoint"),
                "/test/unavailable" => WriteStatus(context, StatusCodes.Status503ServiceUnavailable),
                _ => nextMiddleware(context),
            });
        };

        private static Task WriteStatus(HttpContext context, int status)
        {
            context.Response.StatusCode = status;
            return context.Response.WriteAsync("unavailable for the test");
        }
    }

    public Task<List<ErrorLogEntry>> RowsAsync(Func<ErrorLogEntry, bool> match, int atLeast = 1) =>
        Eventually.ReturnsAsync(
            () => WithDbAsync(async db => (await db.ErrorLogs.AsNoTracking().ToListAsync()).Where(match).ToList()),
            rows => rows.Count >= atLeast,
            $"{atLeast} matching error-log row(s)");

    /// <summary>
    /// The client address the error log records for a failing request that arrives from <paramref name="peer"/>
    /// saying it was forwarded for 203.0.113.99: that address only when the peer is a proxy the app trusts.
    /// </summary>
    public async Task<IPAddress?> LoggedIpAsync(string peer)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/throw");
        request.Headers.Add(PeerHeader, peer);
        request.Headers.Add("X-Forwarded-For", "203.0.113.99");
        var response = await client.SendAsync(request);
        var requestId = Guid.Parse(response.Headers.GetValues("X-Request-Id").Single());
        return (await RowsAsync(r => r.RequestId == requestId)).Single().Ip;
    }
}
