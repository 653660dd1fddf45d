using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>A stand-in for Sentry's ingestion endpoint on loopback that keeps every envelope it receives.</summary>
public sealed class SentryEnvelopeReceiver : IAsyncDisposable
{
    private LoopbackServer? server;

    public ConcurrentBag<string> Envelopes { get; } = [];

    /// <summary>A DSN that sends the app's events here.</summary>
    public string Dsn => $"http://publickey@127.0.0.1:{server!.Address.Port}/42";

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

    /// <summary>The first envelope that contains <paramref name="text"/>, waiting for it to arrive.</summary>
    public async Task<string> EnvelopeContainingAsync(string text) =>
        (await Eventually.ReturnsAsync(
            () => Task.FromResult(Envelopes.FirstOrDefault(e => e.Contains(text, StringComparison.Ordinal))),
            found => found is not null,
            $"an envelope that contains {text}"))!;

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}

/// <summary>
/// The Sentry SDK is one static hub per process: test classes that switch it on run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SentryCollection : ICollectionFixture<ErrorLog.SentryApp>
{
    public const string Name = "Sentry (one global SDK)";
}
