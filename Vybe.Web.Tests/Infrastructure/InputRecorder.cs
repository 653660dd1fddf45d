using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>
/// Watches the app from inside, for the tests that send hostile input: which endpoint each probe
/// request was routed to, which query keys each endpoint read (model binding or by hand), and which
/// page handlers ran. A probe is a request carrying <see cref="ProbeHeader"/>; nothing else is recorded.
/// </summary>
public sealed class InputRecorder
{
    public const string ProbeHeader = "X-Test-Probe";

    /// <summary>The address every probe comes from (TestServer gives none): a proxy the app is told to trust, so X-Forwarded-For is read.</summary>
    public static readonly System.Net.IPAddress Peer = System.Net.IPAddress.Parse("10.9.9.9");

    private readonly ConcurrentDictionary<string, string> probeEndpoints = new();
    private readonly ConcurrentDictionary<(string Endpoint, string Key), byte> queryKeysRead = new();
    private readonly ConcurrentDictionary<string, int> handlersRun = new();
    private readonly ConcurrentDictionary<string, string> boundBadly = new();

    /// <summary>The display name of the first endpoint the probe was routed to (before any re-execution for an error page).</summary>
    public string? EndpointOf(string probe) => probeEndpoints.TryGetValue(probe, out var endpoint) ? endpoint : null;

    public IReadOnlyCollection<string> QueryKeysReadBy(string group) =>
        queryKeysRead.Keys.Where(k => k.Endpoint == group).Select(k => k.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>How often each handler ran: "page-path METHOD Name" (Name empty for OnGet/OnPost).</summary>
    public IReadOnlyDictionary<string, int> HandlersRun => handlersRun;

    public void ForgetHandlers() => handlersRun.Clear();

    /// <summary>Whether the probe was a request that changes things (not GET) whose values did not bind, yet its handler ran.</summary>
    public string? ValuesThatDidNotBind(string probe) => boundBadly.TryGetValue(probe, out var keys) ? keys : null;

    /// <summary>How tests name an endpoint: a page by its path (all its routes together), anything else by its route.</summary>
    public static string GroupOf(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath
        ?? ((endpoint as RouteEndpoint)?.RoutePattern.RawText is { } route ? "/" + route.TrimStart('/') : endpoint.DisplayName ?? "(unnamed)");

    public static string HandlerKey(string page, string httpMethod, string? name) => $"{page} {httpMethod.ToUpperInvariant()} {name}";

    /// <summary>First in the pipeline: swaps in features that report what the app does with the probe.</summary>
    public sealed class StartupFilter(InputRecorder recorder) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers[ProbeHeader].ToString() is { Length: > 0 } probe)
                {
                    context.Connection.RemoteIpAddress = Peer;
                    var endpoints = new RecordingEndpointFeature(recorder, probe);
                    context.Features.Set<IEndpointFeature>(endpoints);
                    var query = context.Features.Get<IQueryFeature>() ?? new QueryFeature(context.Features);
                    context.Features.Set<IQueryFeature>(new RecordingQueryFeature(query, recorder, endpoints));
                }
                await nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>A global filter: records the page handler that runs (after antiforgery and model binding let the request through).</summary>
    public sealed class PageFilter(InputRecorder recorder) : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var probe = context.HttpContext.Request.Headers[ProbeHeader].ToString();
            if (probe.Length == 0)
            {
                return next();
            }
            if (context.HandlerMethod is not null)
            {
                var key = HandlerKey(context.ActionDescriptor.ViewEnginePath, context.HttpContext.Request.Method, context.HandlerMethod.Name);
                recorder.handlersRun.AddOrUpdate(key, 1, (_, n) => n + 1);
                if (!HttpMethods.IsGet(context.HttpContext.Request.Method) && !context.ModelState.IsValid)
                {
                    recorder.boundBadly.TryAdd(probe, string.Join(", ", context.ModelState
                        .Where(entry => entry.Value?.Errors.Count > 0)
                        .Select(entry => $"{entry.Key}: {entry.Value!.Errors[0].ErrorMessage}{entry.Value.Errors[0].Exception?.Message}")));
                }
            }
            return next();
        }
    }

    private sealed class RecordingEndpointFeature(InputRecorder recorder, string probe) : IEndpointFeature
    {
        private Endpoint? endpoint;

        public Endpoint? Endpoint
        {
            get => endpoint;
            set
            {
                endpoint = value;
                if (value is not null)
                {
                    recorder.probeEndpoints.TryAdd(probe, GroupOf(value));
                }
            }
        }
    }

    private sealed class RecordingQueryFeature(IQueryFeature inner, InputRecorder recorder, IEndpointFeature endpoints) : IQueryFeature
    {
        public IQueryCollection Query
        {
            get => new RecordingQuery(inner.Query, key =>
            {
                if (endpoints.Endpoint is { } endpoint)
                {
                    recorder.queryKeysRead.TryAdd((GroupOf(endpoint), key), 0);
                }
            });
            set => inner.Query = value;
        }
    }

    private sealed class RecordingQuery(IQueryCollection inner, Action<string> read) : IQueryCollection
    {
        public StringValues this[string key]
        {
            get
            {
                read(key);
                return inner[key];
            }
        }

        public int Count => inner.Count;

        public ICollection<string> Keys => inner.Keys;

        public bool ContainsKey(string key)
        {
            read(key);
            return inner.ContainsKey(key);
        }

        public bool TryGetValue(string key, out StringValues value)
        {
            read(key);
            return inner.TryGetValue(key, out value);
        }

        public IEnumerator<KeyValuePair<string, StringValues>> GetEnumerator() => inner.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
