using System.Net;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.ErrorLog;

/// <summary>With <c>Sentry:Dsn</c> set, unhandled exceptions also reach Sentry, tagged with the request id.</summary>
[Collection(SentryCollection.Name)]
public sealed class SentryTests(SentryApp sentry)
{
    [Fact]
    public async Task Unhandled_exception_is_sent_to_sentry_tagged_with_the_request_id()
    {
        using var client = sentry.App.CreateClient();

        var response = await client.GetAsync("/test/throw");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        var envelope = await sentry.Receiver.EnvelopeContainingAsync(requestId);
        Assert.Contains("\"request_id\":\"" + requestId + "\"", envelope);
        Assert.Contains("Boom from the test endpoint", envelope);
        Assert.Contains("InvalidOperationException", envelope);
    }
}

/// <summary>The app with Sentry switched on, sending to a <see cref="SentryEnvelopeReceiver"/>.</summary>
public sealed class SentryAppFactory(string dsn) : ErrorLogAppFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>(base.ExtraSettings)
    {
        ["Sentry:Dsn"] = dsn,
        ["Sentry:Environment"] = "test",
    };
}

/// <summary>
/// The app with Sentry switched on and the receiver it sends to, shared by the test classes of the
/// Sentry collection (the SDK is global to the process anyway).
/// </summary>
public sealed class SentryApp : IAsyncLifetime
{
    private SentryAppFactory? app;

    public SentryEnvelopeReceiver Receiver { get; } = new();

    public SentryAppFactory App => app ?? throw new InvalidOperationException("The Sentry app has not started.");

    public async Task InitializeAsync()
    {
        await Receiver.StartAsync();
        app = new SentryAppFactory(Receiver.Dsn);
        await app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
        await Receiver.DisposeAsync();
    }
}
