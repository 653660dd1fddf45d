using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.ErrorLog;

/// <summary>With <c>Sentry:Dsn</c> set, unhandled exceptions also reach Sentry, tagged with the request id.</summary>
public sealed class SentryTests : IAsyncLifetime
{
    private readonly EnvelopeReceiver receiver = new();
    private SentryAppFactory? app;

    public async Task InitializeAsync()
    {
        await receiver.StartAsync();
        app = new SentryAppFactory($"http://publickey@127.0.0.1:{receiver.Port}/42");
        await app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task Unhandled_exception_is_sent_to_sentry_tagged_with_the_request_id()
    {
        using var client = app!.CreateClient();

        var response = await client.GetAsync("/test/throw");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        var envelope = await Eventually.ReturnsAsync(
            () => Task.FromResult(receiver.Envelopes.FirstOrDefault(e => e.Contains(requestId, StringComparison.Ordinal))),
            found => found is not null,
            "an envelope that carries the request id");
        Assert.Contains("\"request_id\":\"" + requestId + "\"", envelope);
        Assert.Contains("Boom from the test endpoint", envelope);
        Assert.Contains("InvalidOperationException", envelope);
    }

    private sealed class SentryAppFactory(string dsn) : ErrorLogAppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>(base.ExtraSettings)
        {
            ["Sentry:Dsn"] = dsn,
            ["Sentry:Environment"] = "test",
        };
    }

    /// <summary>A stand-in for Sentry's ingestion endpoint on loopback that keeps every envelope it receives.</summary>
    private sealed class EnvelopeReceiver : IAsyncDisposable
    {
        private LoopbackServer? server;

        public ConcurrentBag<string> Envelopes { get; } = [];

        public int Port => server!.Address.Port;

        public async Task StartAsync()
        {
            server = await LoopbackServer.StartAsync(app => app.MapPost("/api/{project}/envelope/", async (HttpContext context) =>
            {
                Stream body = context.Request.Body;
                if (context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
                {
                    body = new GZipStream(body, CompressionMode.Decompress);
                }
                using var reader = new StreamReader(body);
                Envelopes.Add(await reader.ReadToEndAsync());
                return Results.Ok(new { id = Guid.NewGuid().ToString("N") });
            }));
        }

        public async ValueTask DisposeAsync()
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}
