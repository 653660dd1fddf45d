using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>
/// A small HTTP server on 127.0.0.1 and a free port, for the stand-ins of outside services (an
/// OpenAI-compatible API, Sentry's envelope endpoint). Disposing it stops it.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication server;

    private LoopbackServer(WebApplication server, Uri address)
    {
        this.server = server;
        Address = address;
    }

    /// <summary>http://127.0.0.1:PORT</summary>
    public Uri Address { get; }

    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> mapEndpoints)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        mapEndpoints(server);
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackServer(server, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await server.StopAsync();
        await server.DisposeAsync();
    }
}
