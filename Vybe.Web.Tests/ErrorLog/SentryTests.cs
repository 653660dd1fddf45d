using System.Net;
using Vybe.Web.ErrorLog;
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

    [Fact]
    public async Task A_reset_code_in_the_url_the_referrer_or_a_log_line_never_reaches_sentry()
    {
        var (link, code) = await ResetLinkSteps.RealResetLinkAsync(sentry.App);
        using var client = sentry.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/test/throw{link.Query}&returnUrl={Uri.EscapeDataString(link.PathAndQuery)}");
        request.Headers.Referrer = link;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        var envelope = await sentry.Receiver.EnvelopeContainingAsync(requestId);
        Assert.Contains("Boom from the test endpoint", envelope);
        // The request's URL and query, its Referer header and the "Request starting …" breadcrumb all had it.
        Assert.Contains("\"query_string\"", envelope);
        Assert.Contains("\"Referer\"", envelope);
        Assert.Contains("Request starting", envelope);
        Assert.Contains($"code={SecretRedactor.Redacted}", envelope);
        Assert.DoesNotContain(code, envelope);
        Assert.DoesNotContain(Uri.EscapeDataString(code), envelope);
        Assert.All(sentry.Receiver.Envelopes, sent => Assert.DoesNotContain(code, sent));
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
