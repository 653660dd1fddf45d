using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Vybe.TestSupport.Photos;
using Vybe.Web.Accounts;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;
using Vybe.Web.WebVitals;
using Xunit.Abstractions;

namespace Vybe.Web.Tests.Web;

/// <summary>
/// Sends a corpus of hostile strings (<see cref="HostileStrings"/>) through every input of every
/// endpoint: the endpoints come from the framework's own list, so a new page or handler is covered
/// without touching this test, and the test fails when one is never reached. Inputs are the route
/// values, the query keys the app binds or reads by hand, every field of every form (as a browser
/// submits it, with the page's antiforgery token), the JSON bodies of the reporting endpoints, the
/// headers the app reads and its cookies; as a guest, a member and an admin. No answer may be a
/// 5xx, a refused request (4xx) may save nothing, and no error-log row may appear but the browser
/// reports that were accepted.
/// </summary>
public sealed class HostileInputTests(HostileInputTests.App app, ITestOutputHelper output) : IClassFixture<HostileInputTests.App>
{
    public sealed class App : VybeAppFactory
    {
        public InputRecorder Recorder { get; } = new();

        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Vybe:RateLimits:ClientErrorsPerMinute"] = "1000000",
            ["Vybe:RateLimits:WebVitalsReportsPerMinute"] = "1000000",
            // The probes come from this proxy, so the app reads the X-Forwarded-For they send.
            ["Vybe:ForwardedHeaders:KnownProxies:0"] = InputRecorder.Peer.ToString(),
            // Thousands of requests: only what went wrong goes to the console.
            ["Logging:LogLevel:Default"] = "Error",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                // Hundreds of log-in, sign-up and password forms: at 100 000 PBKDF2 iterations each, hashing
                // was most of this test's time. What is tested is how the forms take their input.
                services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1);
                // The app checks the security stamp on every request (six queries for a member); once per run is enough here.
                services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromHours(1));
                services.AddSingleton<IStartupFilter>(new InputRecorder.StartupFilter(Recorder));
                services.Configure<MvcOptions>(mvc => mvc.Filters.Add(new InputRecorder.PageFilter(Recorder)));
            });
        }
    }

    private static readonly Uri Base = new("http://localhost/");

    /// <summary>The headers the app, its middleware and htmx read; each gets hostile values on every page.</summary>
    private static readonly string[] Headers =
    [
        RequestLoggingMiddleware.RequestIdHeader, "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "User-Agent",
        "Accept-Language", "Accept", "Referer", "Authorization", "HX-Request", "HX-Boosted", "HX-Target", "HX-Trigger",
        "HX-Trigger-Name", "HX-Current-URL", "HX-History-Restore-Request", "HX-Prompt",
    ];

    /// <summary>Client addresses a proxy may forward that parse as IP addresses, yet are unusual to store.</summary>
    private static readonly string[] OddForwardedFor =
    [
        "fe80::1%eth0", "[fe80::1%25eth0]:443", "::ffff:192.0.2.1", "0.0.0.0", "255.255.255.255", "::", "192.0.2.1:65535",
        "192.0.2.1, 198.51.100.7, 203.0.113.9", "unknown", "_hidden", "2001:db8::1, not-an-ip", "1.2.3.4.5", "",
    ];

    /// <summary>A valid body for each JSON endpoint, whose every value the test then replaces. A new POST endpoint needs one here.</summary>
    private static readonly Dictionary<string, Func<string>> JsonSamples = new(StringComparer.OrdinalIgnoreCase)
    {
        [ClientErrorEndpoint.Path] = () =>
            """{"kind":"error","message":"Hostile input test","source":"/js/site.js","line":3,"column":7,"stack":"at f (site.js:3:7)","page":"/history?before=x","status":500}""",
        [WebVitalsEndpoint.Path] = () =>
            $$"""{"page":"/r/{id}","requestId":"{{Guid.NewGuid()}}","metrics":[{"name":"LCP","value":1234.5,"rating":"good"},{"name":"CLS","value":0.01,"rating":"good"}]}""",
    };

    private sealed record Actor(string Name, CookieContainer Cookies, HtmlBrowser Browser)
    {
        public string? Token { get; set; }

        public string CookieHeader => Cookies.GetCookieHeader(Base);
    }

    /// <summary>A page or form the crawl found: what a browser could request from there.</summary>
    private sealed record SeenGet(Actor Actor, string Url, int Status, string Group);

    private sealed record FormField(string Name, string Value, bool IsFile);

    private sealed record SeenForm(Actor Actor, string Method, string Action, bool Multipart, IReadOnlyList<FormField> Fields)
    {
        public string Group { get; set; } = "";
    }

    /// <summary>An endpoint as the framework lists it, grouped as people think of it: a page (all its routes) or a mapped route.</summary>
    private sealed record EndpointGroup(string Name, IReadOnlyList<RouteEndpoint> Endpoints, CompiledPageActionDescriptor? Page);

    private sealed record Counts(long Readings, long Users, long WebVitals);

    private readonly List<string> failures = [];
    private readonly List<SeenGet> seenGets = [];
    private readonly List<SeenForm> seenForms = [];
    private readonly Dictionary<string, int> sentPerGroup = [];
    private readonly List<Func<Task>> later = [];
    private bool deferGets;
    private Counts? lastCounts;
    private HttpClient client = null!;
    private NpgsqlConnection counter = null!;
    private int probes;
    private int acceptedClientReports;
    private int inputIndex;

    [Fact]
    public async Task Hostile_strings_in_every_input_of_every_endpoint_get_no_5xx_and_a_refused_request_saves_nothing()
    {
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        client = app.CreateDefaultClient(Base);
        counter = new NpgsqlConnection(app.ConnectionString);
        await counter.OpenAsync();
        try
        {
            var groups = EndpointGroups();
            var actors = await SetUpActorsAsync();
            await Task.WhenAll(actors.Select(CrawlAsync));
            await RouteFormsAsync();
            var setUp = clock.Elapsed;
            app.Recorder.ForgetHandlers();

            await PhaseAsync("queries and route values", () => SendQueriesAndRouteValuesAsync(groups), parallelGets: true);
            await PhaseAsync("headers and cookies", () => SendHeadersAndCookiesAsync(groups, actors), parallelGets: true);
            await PhaseAsync("forms", () => SendFormsAsync(groups, actors));
            await PhaseAsync("JSON", () => SendJsonAsync(groups, actors[0]));
            await PhaseAsync("other methods", () => SendOtherMethodsAsync(groups));
            // Last, because these may succeed and change things (log out, clear history, stop sharing).
            await PhaseAsync("forms with an extra field", SendFormsWithAnExtraFieldAsync);

            CheckEveryEndpointAndHandlerWasReached(groups);
            await CheckErrorLogAsync();
            output.WriteLine($"{probes} requests in {clock.Elapsed.TotalSeconds:0.0} s, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s of CPU in this process (set-up and crawl {setUp.TotalSeconds:0.0} s); " +
                string.Join(", ", sentPerGroup.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}")));
        }
        finally
        {
            await counter.DisposeAsync();
            client.Dispose();
        }

        foreach (var failure in failures.Distinct())
        {
            output.WriteLine(failure);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} problem(s):\n" + string.Join("\n", failures.Distinct().Take(60)));
    }

    /// <summary>
    /// Runs one kind of requests. GETs run four at a time (they save nothing, which is checked for
    /// the phase as a whole); the others one at a time, so that each refusal's row counts are its own.
    /// </summary>
    private async Task PhaseAsync(string name, Func<Task> phase, bool parallelGets = false)
    {
        var (started, before, cpu) = (Stopwatch.GetTimestamp(), probes, Process.GetCurrentProcess().TotalProcessorTime);
        var countsBefore = await CountAsync();
        deferGets = parallelGets;
        await phase();
        await Parallel.ForEachAsync(later, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (send, _) => await send());
        later.Clear();
        deferGets = false;
        if (parallelGets && await CountAsync() is var countsAfter && countsAfter != countsBefore)
        {
            Fail($"{name}: GET requests saved something: {countsBefore} before, {countsAfter} after");
        }
        output.WriteLine($"{name}: {probes - before} requests in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s " +
            $"({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s of CPU)");
    }

    private void Fail(string problem)
    {
        lock (failures)
        {
            failures.Add(problem);
        }
    }

    // ---------------------------------------------------------------- the endpoints, from the framework

    private List<EndpointGroup> EndpointGroups() => app.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        // The static files are the build's own output, not input handling: one request each tells nothing.
        .Where(endpoint => endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
        .GroupBy(InputRecorder.GroupOf)
        .Select(group => new EndpointGroup(group.Key, group.ToList(), group.First().Metadata.GetMetadata<CompiledPageActionDescriptor>()))
        .OrderBy(group => group.Name, StringComparer.Ordinal)
        .ToList();

    private static bool IsGet(BindingInfo? binding)
    {
        if (binding?.RequestPredicate is not { } predicate)
        {
            return true;
        }
        var context = new ActionContext { HttpContext = new DefaultHttpContext { Request = { Method = HttpMethods.Get } } };
        return predicate(context);
    }

    /// <summary>The names a page binds for a method: its bound properties and its handlers' parameters, complex types expanded.</summary>
    private static IEnumerable<string> BoundNames(CompiledPageActionDescriptor page, string httpMethod, string? handler)
    {
        var routeValues = page.AttributeRouteInfo?.Template is { } template
            ? RoutePatternFactory.Parse(template).Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : [];
        var get = httpMethod == HttpMethods.Get;
        foreach (var property in page.BoundProperties)
        {
            if (!get || IsGet(property.BindingInfo))
            {
                foreach (var name in Expand(property.BindingInfo?.BinderModelName ?? property.Name, property.ParameterType))
                {
                    yield return name;
                }
            }
        }
        foreach (var method in page.HandlerMethods.Where(m => string.Equals(m.HttpMethod, httpMethod, StringComparison.OrdinalIgnoreCase)
                     && string.Equals(m.Name, handler, StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var parameter in method.Parameters)
            {
                var source = parameter.BindingInfo?.BindingSource;
                if (parameter.ParameterType == typeof(CancellationToken) || source == BindingSource.Services
                    || routeValues.Contains(parameter.Name))
                {
                    continue;
                }
                foreach (var name in Expand(parameter.BindingInfo?.BinderModelName ?? parameter.Name, parameter.ParameterType))
                {
                    yield return name;
                }
            }
        }
    }

    private static IEnumerable<string> Expand(string name, Type type)
    {
        var simple = type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid) || type == typeof(decimal)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || Nullable.GetUnderlyingType(type) is not null
            || typeof(IFormFile).IsAssignableFrom(type) || typeof(System.Collections.IEnumerable).IsAssignableFrom(type);
        if (simple)
        {
            return [name];
        }
        return type.GetProperties().Where(p => p.CanWrite && p.SetMethod!.IsPublic).SelectMany(p => Expand($"{name}.{p.Name}", p.PropertyType));
    }

    // ---------------------------------------------------------------- who asks: a guest, a member and an admin

    private async Task<List<Actor>> SetUpActorsAsync()
    {
        var guest = NewActor("guest");
        await guest.Browser.GetAsync("/");
        await MakeReadingsAsync(guest);
        // A photo with two numbers: the choice form it answers with is a form like any other.
        var choice = await guest.Browser.UploadPhotoAsync(TestPhotos.Lines([("Table 12", 30), ("Order 444", 30)]));
        Assert.Equal(HttpStatusCode.OK, choice.Status);
        RecordForms(guest, choice.Document, "/");

        var member = NewActor("member");
        Assert.Equal(HttpStatusCode.OK, (await member.Browser.SignUpAsync(AccountSteps.NewEmail("hostile.member"))).Status);
        await MakeReadingsAsync(member);

        var admin = NewActor("admin");
        var adminEmail = AccountSteps.NewEmail("hostile.admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.Browser.SignUpAsync(adminEmail)).Status);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(AdminGrantOutcome.Granted, (await scope.ServiceProvider.GetRequiredService<AdminGrants>().GrantByOperatorAsync(adminEmail)).Outcome);
        }
        // The grant signed out the session that did not have the role; a new log-in carries it.
        await admin.Browser.LogInAsync(adminEmail);
        Assert.Equal(HttpStatusCode.OK, (await admin.Browser.GetAsync("/Admin")).Status);
        await MakeReadingsAsync(admin);

        // A row in the error log, so the admin pages have a details page and a live tail to show.
        using (var report = await PostJsonAsync(ClientErrorEndpoint.Path, JsonSamples[ClientErrorEndpoint.Path]()))
        {
            Assert.Equal(HttpStatusCode.NoContent, report.StatusCode);
        }
        acceptedClientReports++;
        // And a second error, resolved, so an issue's page offers Reopen as well as Resolve.
        using (var report = await PostJsonAsync(ClientErrorEndpoint.Path, """{"kind":"error","message":"A resolved issue for the hostile input test"}"""))
        {
            Assert.Equal(HttpStatusCode.NoContent, report.StatusCode);
        }
        acceptedClientReports++;
        await Eventually.ReturnsAsync(() => app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ErrorIssues)),
            count => count >= 2, "the browser reports' issues");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VybeDbContext>();
            var resolved = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ErrorIssues, i => i.Title.Contains("resolved issue"));
            var outcome = await scope.ServiceProvider.GetRequiredService<ErrorIssueCommands>().ResolveAsync(resolved.Id, inNextRelease: false, CancellationToken.None);
            Assert.Equal(ErrorIssueCommandOutcome.Done, outcome.Outcome);
        }
        return [guest, member, admin];
    }

    private Actor NewActor(string name)
    {
        var cookies = new CookieContainer();
        return new Actor(name, cookies, new HtmlBrowser(app.CreateDefaultClient(Base, new CookieContainerHandler(cookies))));
    }

    /// <summary>Two readings, one of them shared, so there is a permalink, a share link and a history to page through.</summary>
    private static async Task MakeReadingsAsync(Actor actor)
    {
        await actor.Browser.ReadTimeAsync("11:11");
        var answer = await actor.Browser.ReadNumberAsync("444");
        var permalink = answer.Document.QuerySelector("#result a[href^='/r/']")?.GetAttribute("href")
            ?? throw new InvalidOperationException($"No permalink for {actor.Name}: {answer.Text}");
        var view = await actor.Browser.GetAsync(permalink);
        var shared = await actor.Browser.SubmitAsync(view.Form("#share-panel form"), pageUrl: view.Url);
        Assert.Equal(HttpStatusCode.OK, shared.Status);
    }

    // ---------------------------------------------------------------- the crawl: what a browser finds on the pages

    private async Task CrawlAsync(Actor actor)
    {
        var queue = new Queue<string>(["/"]);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0 && visited.Count < 120)
        {
            var url = queue.Dequeue();
            if (!visited.Add(url))
            {
                continue;
            }
            var probe = NextProbe();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Base, url));
            Prepare(request, actor, probe);
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            lock (seenGets)
            {
                seenGets.Add(new SeenGet(actor, url, status, app.Recorder.EndpointOf(probe) ?? ""));
            }
            if (status >= 500)
            {
                Fail($"crawl as {actor.Name}: GET {url} answered {status}");
            }
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            if (document.QuerySelector("meta[name='request-verification-token']")?.GetAttribute("content") is { Length: > 0 } token)
            {
                actor.Token = token;
            }
            foreach (var link in Links(document))
            {
                if (!visited.Contains(link))
                {
                    queue.Enqueue(link);
                }
            }
            RecordForms(actor, document, url);
        }
    }

    private static IEnumerable<string> Links(IDocument document)
    {
        var candidates = document.QuerySelectorAll("a[href], [hx-get], input[type='url'][value]")
            .Select(e => e.GetAttribute("hx-get") ?? e.GetAttribute("href") ?? e.GetAttribute("value"));
        foreach (var candidate in candidates)
        {
            if (SameSite(candidate) is { } path)
            {
                yield return path;
            }
        }
    }

    private static string? SameSite(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.StartsWith('#'))
        {
            return null;
        }
        if (!Uri.TryCreate(Base, url, out var absolute) || absolute.Host != Base.Host || absolute.Scheme != Base.Scheme)
        {
            return null;
        }
        // The site's static files (styles, scripts, icons) are not inputs.
        return Path.HasExtension(absolute.AbsolutePath) ? null : absolute.PathAndQuery;
    }

    private void RecordForms(Actor actor, IDocument document, string pageUrl)
    {
        foreach (var form in document.QuerySelectorAll("form").OfType<IHtmlFormElement>())
        {
            var method = string.Equals(form.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase) ? "POST" : "GET";
            var action = SameSite(string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action"));
            if (action is null)
            {
                continue;
            }
            var fields = new List<FormField>();
            var radiosSeen = new HashSet<string>();
            foreach (var element in form.Elements)
            {
                switch (element)
                {
                    case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is "submit" or "button" or "reset" or "image":
                        break;
                    case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is "checkbox":
                        if (input.IsChecked)
                        {
                            fields.Add(new FormField(name, input.Value, false));
                        }
                        break;
                    case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is "radio":
                        // The first option stands for the group, unless one is checked.
                        if (input.IsChecked)
                        {
                            fields.RemoveAll(f => f.Name == name);
                            fields.Add(new FormField(name, input.Value, false));
                        }
                        else if (radiosSeen.Add(name))
                        {
                            fields.Add(new FormField(name, input.Value, false));
                        }
                        radiosSeen.Add(name);
                        break;
                    case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is "file":
                        fields.Add(new FormField(name, "", true));
                        break;
                    case IHtmlInputElement { Name: { Length: > 0 } name } input:
                        fields.Add(new FormField(name, input.Value is { Length: > 0 } value ? value : Plausible(input.Type), false));
                        break;
                    case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                        fields.Add(new FormField(name, select.Value ?? "", false));
                        break;
                    case IHtmlTextAreaElement { Name: { Length: > 0 } name } textArea:
                        fields.Add(new FormField(name, textArea.Value, false));
                        break;
                }
            }
            if (method == "GET")
            {
                var query = string.Join("&", fields.Where(f => !f.IsFile).Select(f => $"{Escape(f.Name)}={Escape(f.Value)}"));
                var url = action.Split('?')[0] + (query.Length > 0 ? "?" + query : "");
                lock (seenForms)
                {
                    seenForms.Add(new SeenForm(actor, method, url, false, []));
                }
                continue;
            }
            var multipart = string.Equals(form.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase);
            lock (seenForms)
            {
                if (!seenForms.Any(f => f.Actor == actor && f.Method == method && f.Action == action
                        && f.Fields.Select(x => x.Name).SequenceEqual(fields.Select(x => x.Name))))
                {
                    seenForms.Add(new SeenForm(actor, method, action, multipart, fields));
                }
            }
        }
    }

    /// <summary>What a person would type into an empty field of this type, so the other fields' checks run too.</summary>
    private static string Plausible(string type) => type switch
    {
        "email" => "nobody.hostile@example.com",
        "password" => AccountSteps.StrongPassword,
        _ => "",
    };

    /// <summary>Which endpoint group each form posts to, and the GET forms as pages of their own.</summary>
    private async Task RouteFormsAsync()
    {
        foreach (var form in seenForms)
        {
            var path = form.Action.Split('?')[0];
            var probe = NextProbe();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Base, form.Method == "GET" ? form.Action : path));
            Prepare(request, form.Actor, probe);
            using var response = await client.SendAsync(request);
            form.Group = app.Recorder.EndpointOf(probe) ?? "";
            if (form.Method == "GET")
            {
                seenGets.Add(new SeenGet(form.Actor, form.Action, (int)response.StatusCode, form.Group));
            }
        }
    }

    // ---------------------------------------------------------------- route values and query strings

    private async Task SendQueriesAndRouteValuesAsync(List<EndpointGroup> groups)
    {
        foreach (var group in groups.Where(g => g.Page is not null || Methods(g).Contains(HttpMethods.Get)))
        {
            var bases = BasesFor(group);
            var keys = new SortedSet<string>(StringComparer.OrdinalIgnoreCase) { "handler" };
            keys.UnionWith(bases.SelectMany(b => QueryOf(b.Url).Select(p => p.Key)));
            if (group.Page is { } page)
            {
                keys.UnionWith(page.HandlerMethods.Where(m => m.HttpMethod.Equals("Get", StringComparison.OrdinalIgnoreCase))
                    .SelectMany(m => BoundNames(page, HttpMethods.Get, m.Name)));
            }
            foreach (var endpoint in group.Endpoints)
            {
                keys.UnionWith(app.Recorder.QueryKeysReadBy(InputRecorder.GroupOf(endpoint)));
            }
            keys.Remove(InputRecorder.ProbeHeader);

            foreach (var key in keys)
            {
                await ForEachValueAsync(bases, async (seen, value, index) =>
                {
                    var htmx = index % 2 == 1;
                    await SendAsync(group, $"query {key}", value, seen.Actor, HttpMethod.Get, WithQuery(seen.Url, key, value.Encoded), htmx: htmx);
                    if (Repeats(index))
                    {
                        var repeated = WithQuery(seen.Url, key, value.Encoded) + $"&{Escape(key)}={value.Encoded}&{Escape(key)}=1";
                        await SendAsync(group, $"query {key} repeated", value, seen.Actor, HttpMethod.Get, repeated);
                    }
                });
            }

            var pattern = group.Endpoints.Where(e => e.RoutePattern.Parameters.Count > 0).Select(e => e.RoutePattern).FirstOrDefault();
            foreach (var parameter in pattern?.Parameters ?? [])
            {
                await ForEachValueAsync(bases, async (seen, value, index) =>
                {
                    // A NUL in the path never reaches the app: Kestrel answers 400 itself, and the test host's client
                    // refuses to send it ("The path contains null characters").
                    if (!Decode(value).Contains((byte)0) && WithRouteValue(seen.Url, pattern!, parameter.Name, value.Encoded) is { } url)
                    {
                        await SendAsync(group, $"route {parameter.Name}", value, seen.Actor, HttpMethod.Get, url, htmx: index % 2 == 1);
                    }
                });
            }
        }
    }

    /// <summary>
    /// The URLs a browser reaches this group by, one per actor (the one with the most query keys):
    /// those the crawl found, else one built from the route pattern.
    /// </summary>
    private List<SeenGet> BasesFor(EndpointGroup group)
    {
        var found = seenGets.Where(s => s.Group == group.Name)
            .GroupBy(s => s.Actor)
            .Select(byActor => byActor.OrderBy(s => s.Status >= 400).ThenByDescending(s => QueryOf(s.Url).Count).First())
            .ToList();
        if (found.Count > 0)
        {
            // Where some actors get the page, the others' refusals (login, 403) are not the page's input handling.
            return found.Any(s => s.Status < 300) ? found.Where(s => s.Status < 300).ToList() : found;
        }
        var pattern = group.Endpoints[0].RoutePattern;
        var path = "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => SampleRouteValue(parameter),
            _ => "",
        }))));
        var actor = seenGets[0].Actor;
        return [new SeenGet(actor, path, 0, group.Name)];
    }

    private static string SampleRouteValue(RoutePatternParameterPart parameter)
    {
        var constraints = string.Join(",", parameter.ParameterPolicies.Select(p => p.Content));
        return constraints switch
        {
            _ when constraints.Contains("int") || constraints.Contains("long") => "404",
            _ when constraints.Contains("guid") => Guid.NewGuid().ToString(),
            _ when constraints.Contains("file") => "file.txt",
            _ => "sample",
        };
    }

    /// <summary>
    /// Calls <paramref name="send"/> for this input's share of the corpus: the core values and one in
    /// <paramref name="spread"/> of the others (a different share for each input), each for one of the
    /// actors in turn; the first few go to every actor.
    /// </summary>
    private async Task ForEachValueAsync(List<SeenGet> bases, Func<SeenGet, HostileString, int, Task> send, int spread = 20, bool coreOnly = false)
    {
        const int EveryActor = 2;
        var input = inputIndex++;
        var all = HostileStrings.All;
        for (var index = 0; index < all.Count; index++)
        {
            // An input a browser never sends gets a few (empty, a NUL, the longest); the others their share.
            var sent = coreOnly ? index is 0 or 2 or 3 : index < HostileStrings.CoreCount || (index + input) % spread == 0;
            if (!sent)
            {
                continue;
            }
            if (index < EveryActor)
            {
                foreach (var seen in bases)
                {
                    await send(seen, all[index], index);
                }
            }
            else
            {
                await send(bases[(input + index) % bases.Count], all[index], index);
            }
        }
    }

    /// <summary>Whether the repeated-key variant is sent for this value too (a few of the core ones).</summary>
    private static bool Repeats(int index) => index is 2;

    // ---------------------------------------------------------------- headers and cookies

    private async Task SendHeadersAndCookiesAsync(List<EndpointGroup> groups, List<Actor> actors)
    {
        var all = HostileStrings.All.Where(v => v.Text is not null).ToList();
        var g = 0;
        foreach (var group in groups.Where(g => g.Page is not null || Methods(g).Contains(HttpMethods.Get)))
        {
            var seen = BasesFor(group)[^1];
            for (var h = 0; h < Headers.Length; h++)
            {
                // One value per page and header, a different one each time, so every header meets most of the
                // corpus; every other one as htmx sends it, since the htmx headers are read only then.
                var value = all[((h * 7) + (g * 5)) % all.Count];
                await SendAsync(group, $"header {Headers[h]}", value, seen.Actor, HttpMethod.Get, seen.Url,
                    headers: [(Headers[h], value.Text!)], htmx: Headers[h] != "HX-Request" && (h + g) % 2 == 1);
                if (g == 0)
                {
                    // The same header twice.
                    await SendAsync(group, $"header {Headers[h]} twice", value, seen.Actor, HttpMethod.Get, seen.Url,
                        headers: [(Headers[h], "true"), (Headers[h], value.Text!)], htmx: true);
                }
            }
            g++;
        }

        // Every cookie the app sets, with hostile values, on the pages that read them.
        var cookieNames = actors.SelectMany(a => a.Cookies.GetAllCookies()).Select(c => c.Name).Distinct().Order().ToList();
        Assert.Contains(cookieNames, name => name == Vybe.Web.History.GuestHistoryCookie.CookieName);
        var home = groups.Single(group => group.Name == "/Index");
        var history = groups.Single(group => group.Name == "/History/Index");
        foreach (var name in cookieNames)
        {
            await ForEachValueAsync(actors.Select(a => BasesFor(home).Concat(BasesFor(history)).First(s => s.Actor == a)).ToList(),
                async (seen, value, index) =>
                {
                    var cookies = string.Join("; ", seen.Actor.Cookies.GetAllCookies().Where(c => c.Name != name).Select(c => $"{c.Name}={c.Value}")
                        .Append($"{name}={value.Text ?? value.Encoded}"));
                    await SendAsync(seen.Group == home.Name ? home : history, $"cookie {name}", value, seen.Actor, HttpMethod.Get, seen.Url,
                        cookieHeader: cookies);
                });
        }
    }

    // ---------------------------------------------------------------- forms

    private async Task SendFormsAsync(List<EndpointGroup> groups, List<Actor> actors)
    {
        foreach (var group in groups.Where(g => g.Page is not null))
        {
            foreach (var handler in group.Page!.HandlerMethods.Where(m => !m.HttpMethod.Equals("Get", StringComparison.OrdinalIgnoreCase)))
            {
                var forms = FormsFor(group, handler.Name, actors);
                var names = new List<string>();
                foreach (var name in forms.SelectMany(f => f.Fields.Select(x => x.Name)).Concat(BoundNames(group.Page, HttpMethods.Post, handler.Name))
                             .Concat(forms.SelectMany(f => QueryOf(f.Action).Select(p => p.Key)).Where(k => k != "handler")))
                {
                    if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
                    {
                        names.Add(name);
                    }
                }
                foreach (var name in names)
                {
                    var bases = forms.Select(f => new SeenGet(f.Actor, f.Action, 200, group.Name)).ToList();
                    // A name the form does not show is still bound (a hostile client may send it), though its handler may not read it.
                    var shown = forms.Any(f => f.Fields.Any(x => x.Name == name) || QueryOf(f.Action).Any(p => p.Key == name));
                    await ForEachValueAsync(bases, async (seen, value, index) =>
                    {
                        var form = forms.First(f => f.Actor == seen.Actor);
                        var htmx = index % 2 == 1;
                        await PostFormAsync(group, form, name, value, htmx, repeated: false);
                        if (Repeats(index))
                        {
                            await PostFormAsync(group, form, name, value, htmx, repeated: true);
                        }
                    }, coreOnly: !shown);
                    // Absent altogether.
                    await PostFormAsync(group, forms[0], name, null, htmx: false, repeated: false);
                }
                // The antiforgery token itself, in the form and in the header htmx sends.
                foreach (var value in HostileStrings.All.Take(3).Where((_, i) => i != 1))
                {
                    var form = forms[0];
                    await PostFormAsync(group, form, "__RequestVerificationToken", value, htmx: false, repeated: false);
                    if (value.Text is { } text)
                    {
                        await PostFormAsync(group, form, "__RequestVerificationToken", null, htmx: true, repeated: false,
                            headers: [(Vybe.Web.Web.WebServiceCollectionExtensions.AntiforgeryHeaderName, text)]);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The forms that post to this handler, one per actor: those the pages showed, else one made from
    /// the handler's bound names, for every actor that reaches the page.
    /// </summary>
    private List<SeenForm> FormsFor(EndpointGroup group, string? handler, List<Actor> actors)
    {
        var forms = seenForms.Where(f => f.Method == "POST" && f.Group == group.Name
                && string.Equals(QueryOf(f.Action).FirstOrDefault(p => p.Key == "handler").Value, handler, StringComparison.OrdinalIgnoreCase))
            .GroupBy(f => f.Actor)
            .Select(byActor => byActor.First())
            .ToList();
        if (forms.Count > 0)
        {
            return forms;
        }
        var fields = BoundNames(group.Page!, HttpMethods.Post, handler).Distinct()
            .Select(name => new FormField(name, "", false))
            .Prepend(new FormField("__RequestVerificationToken", "", false))
            .ToList();
        return BasesFor(group).Select(seen =>
        {
            var action = handler is null ? seen.Url : WithQuery(seen.Url, "handler", Escape(handler));
            return new SeenForm(seen.Actor, "POST", action, false, fields) { Group = group.Name };
        }).ToList();
    }

    private async Task PostFormAsync(EndpointGroup group, SeenForm form, string field, HostileString? value, bool htmx, bool repeated,
        IReadOnlyList<(string, string)>? headers = null)
    {
        var action = form.Action;
        if (value is not null && !form.Fields.Any(f => f.Name == field) && QueryOf(action).Any(p => p.Key == field))
        {
            // A value the form carries in its action (asp-route-id): hostile there.
            await SendAsync(group, $"form action {field}", value, form.Actor, HttpMethod.Post, WithQuery(action, field, value.Encoded),
                FormBody(form, null, null, false), htmx);
            return;
        }
        var input = value is null ? $"form {field} absent" : repeated ? $"form {field} repeated" : $"form {field}";
        var content = form.Multipart ? MultipartBody(form, field, value) : FormBody(form, field, value, repeated);
        if (content is null)
        {
            return;
        }
        await SendAsync(group, input, value ?? HostileString.Of("(absent)", ""), form.Actor, HttpMethod.Post, action, content, htmx, headers);
    }

    private HttpContent FormBody(SeenForm form, string? field, HostileString? value, bool repeated)
    {
        var pairs = new List<string>();
        var replaced = false;
        foreach (var f in form.Fields.Where(f => !f.IsFile))
        {
            if (f.Name == field)
            {
                if (!replaced && value is not null)
                {
                    pairs.Add($"{Escape(f.Name)}={value.Encoded}");
                    if (repeated)
                    {
                        pairs.Add($"{Escape(f.Name)}={Escape(f.Value)}");
                    }
                }
                replaced = true;
                continue;
            }
            pairs.Add($"{Escape(f.Name)}={Escape(f.Name == "__RequestVerificationToken" ? form.Actor.Token ?? f.Value : f.Value)}");
        }
        if (!replaced && field is not null && value is not null)
        {
            pairs.Add($"{Escape(field)}={value.Encoded}");
        }
        return new ByteArrayContent(Encoding.ASCII.GetBytes(string.Join('&', pairs)))
        {
            Headers = { ContentType = new("application/x-www-form-urlencoded") },
        };
    }

    private static HttpContent? MultipartBody(SeenForm form, string field, HostileString? value)
    {
        var content = new MultipartFormDataContent();
        foreach (var f in form.Fields.Where(f => f.Name != field || value is not null))
        {
            var text = f.Name == "__RequestVerificationToken" ? form.Actor.Token ?? f.Value : f.Value;
            if (f.IsFile)
            {
                var file = new ByteArrayContent(f.Name == field ? Decode(value!) : "not a picture"u8.ToArray());
                file.Headers.ContentType = new("image/png");
                var fileName = f.Name == field && value!.Text is { } hostile ? hostile : "photo.png";
                try
                {
                    content.Add(file, f.Name, fileName);
                }
                catch (Exception exception) when (exception is FormatException or ArgumentException)
                {
                    content.Add(file, f.Name, "photo.png");
                }
            }
            else if (f.Name == field)
            {
                content.Add(new ByteArrayContent(Decode(value!)), f.Name);
            }
            else
            {
                content.Add(new StringContent(text), f.Name);
            }
        }
        return content;
    }

    /// <summary>
    /// Every form, submitted as shown with one field it does not have: these may succeed, so they run
    /// last; and of them, last of all the ones that end the actor's session when they succeed (a
    /// deleted account, a password changed to the one typed into every password field: that renews
    /// the security stamp, and this test's client keeps the cookie it started with).
    /// </summary>
    private async Task SendFormsWithAnExtraFieldAsync()
    {
        var extra = HostileString.Of("unknown field", "<script>alert(1)</script>");
        static bool EndsTheSession(SeenForm form) =>
            form.Action.Contains("Delete", StringComparison.OrdinalIgnoreCase) || form.Action.Contains("ChangePassword", StringComparison.OrdinalIgnoreCase);
        foreach (var form in seenForms.Where(f => f.Method == "POST").OrderBy(EndsTheSession))
        {
            var group = new EndpointGroup(form.Group, [], null);
            var content = form.Multipart ? MultipartBody(form, "hostile.extra", extra) : FormBody(form, "hostile.extra", extra, false);
            await SendAsync(group, "form with an extra field", extra, form.Actor, HttpMethod.Post, form.Action, content);
        }
    }

    // ---------------------------------------------------------------- JSON endpoints

    private async Task SendJsonAsync(List<EndpointGroup> groups, Actor actor)
    {
        foreach (var group in groups.Where(g => g.Page is null && Methods(g).Contains(HttpMethods.Post)))
        {
            var path = "/" + group.Endpoints[0].RoutePattern.RawText!.TrimStart('/');
            if (!JsonSamples.TryGetValue(path, out var sample))
            {
                failures.Add($"{group.Name}: a POST endpoint without a sample JSON body in {nameof(JsonSamples)}: add one, so its input is tested");
                continue;
            }
            var leaves = Leaves(JsonNode.Parse(sample())!, "$").ToList();
            foreach (var leaf in leaves)
            {
                await ForEachValueAsync([new SeenGet(actor, path, 0, group.Name)], async (_, value, _) =>
                {
                    var body = ReplaceLeaf(sample(), leaf, JsonLiteral(value));
                    await SendJsonBodyAsync(group, $"json {leaf}", value, path, body);
                });
                foreach (var (name, literal) in new[] { ("object", "{}"), ("array", "[1,2]"), ("null", "null"), ("true", "true"),
                             ("huge number", "1" + new string('0', 400)), ("1e999", "1e999"), ("-0", "-0"), ("long array", "[" + string.Join(',', Enumerable.Repeat("1", 2000)) + "]") })
                {
                    await SendJsonBodyAsync(group, $"json {leaf}", HostileString.Of(name, literal), path, Encoding.UTF8.GetBytes(ReplaceLeaf(sample(), leaf, literal)));
                }
            }
            var valid = sample();
            var whole = new (string Name, byte[] Body, string? ContentType)[]
            {
                ("empty body", [], "application/json"),
                ("null", "null"u8.ToArray(), "application/json"),
                ("an array", "[]"u8.ToArray(), "application/json"),
                ("a string", "\"x\""u8.ToArray(), "application/json"),
                ("cut off", Encoding.UTF8.GetBytes(valid[..(valid.Length / 2)]), "application/json"),
                ("invalid UTF-8", [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D], "application/json"),
                ("byte order mark", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(valid)], "application/json"),
                ("UTF-16", Encoding.Unicode.GetBytes(valid), "application/json; charset=utf-16"),
                ("nested 5000 deep", Encoding.ASCII.GetBytes(new string('[', 5000) + new string(']', 5000)), "application/json"),
                ("duplicate keys", Encoding.UTF8.GetBytes(valid.Insert(1, "\"message\":\"first\",\"page\":\"/x\",")), "application/json"),
                ("20 000 bytes", Encoding.UTF8.GetBytes(valid.Insert(1, $"\"padding\":\"{new string('x', 20_000)}\",")), "application/json"),
                ("comments", Encoding.UTF8.GetBytes("/* x */" + valid), "application/json"),
                ("plain text", Encoding.UTF8.GetBytes(valid), "text/plain"),
                ("form content type", Encoding.UTF8.GetBytes(valid), "application/x-www-form-urlencoded"),
                ("no content type", Encoding.UTF8.GetBytes(valid), null),
                ("hostile content type", Encoding.UTF8.GetBytes(valid), "application/json; charset=\"><script>"),
            };
            foreach (var (name, body, contentType) in whole)
            {
                await SendJsonBodyAsync(group, "json body", HostileString.Of(name, ""), path, body, contentType);
            }
            // A valid report through the trusted proxy, from addresses that parse but are odd to store (inet).
            foreach (var forwardedFor in OddForwardedFor)
            {
                await SendJsonBodyAsync(group, "X-Forwarded-For", HostileString.Of(forwardedFor, forwardedFor), path,
                    Encoding.UTF8.GetBytes(valid), headers: [("X-Forwarded-For", forwardedFor)]);
            }
        }
    }

    private static IEnumerable<string> Leaves(JsonNode node, string path) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Value is null ? [$"{path}.{p.Key}"] : Leaves(p.Value, $"{path}.{p.Key}")),
        JsonArray array => array.SelectMany((item, i) => item is null ? [$"{path}[{i}]"] : Leaves(item, $"{path}[{i}]")),
        _ => [path],
    };

    private static string ReplaceLeaf(string json, string leaf, string literal)
    {
        const string Marker = "\"__hostile_leaf__\"";
        var root = JsonNode.Parse(json)!;
        JsonNode parent = root;
        var steps = leaf[1..].Split('.', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(step => step.Split('[').Select((part, i) => i == 0 ? part : "[" + part)).Where(s => s.Length > 0).ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var last = i == steps.Count - 1;
            if (step.StartsWith('['))
            {
                var index = int.Parse(step.Trim('[', ']'), CultureInfo.InvariantCulture);
                if (last)
                {
                    parent.AsArray()[index] = JsonValue.Create("__hostile_leaf__");
                }
                else
                {
                    parent = parent.AsArray()[index]!;
                }
            }
            else if (last)
            {
                parent.AsObject()[step] = JsonValue.Create("__hostile_leaf__");
            }
            else
            {
                parent = parent.AsObject()[step]!;
            }
        }
        return root.ToJsonString().Replace(Marker, literal, StringComparison.Ordinal);
    }

    /// <summary>A JSON string holding the value, every non-ASCII unit escaped, so lone surrogates arrive as the escapes a buggy client sends.</summary>
    private static string JsonLiteral(HostileString value)
    {
        if (value.Text is null)
        {
            // Invalid bytes inside a string: sent as they are, further down.
            return "\"" + value.Encoded + "\"";
        }
        var builder = new StringBuilder("\"");
        foreach (var c in value.Text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < 0x20 || c > 0x7E => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }

    private Task SendJsonBodyAsync(EndpointGroup group, string input, HostileString value, string path, string body) =>
        SendJsonBodyAsync(group, input, value, path,
            value.Text is null ? ReplaceEncoded(body, value.Encoded, Decode(value)) : Encoding.UTF8.GetBytes(body));

    private static byte[] ReplaceEncoded(string body, string encoded, byte[] raw)
    {
        var at = body.IndexOf(encoded, StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(body[..at]), .. raw, .. Encoding.UTF8.GetBytes(body[(at + encoded.Length)..])];
    }

    private async Task SendJsonBodyAsync(EndpointGroup group, string input, HostileString value, string path, byte[] body,
        string? contentType = "application/json", IReadOnlyList<(string, string)>? headers = null)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        var status = await SendAsync(group, input, value, null, HttpMethod.Post, path, content, headers: headers);
        if (path == ClientErrorEndpoint.Path && status == StatusCodes.Status204NoContent)
        {
            acceptedClientReports++;
        }
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Base, path))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        return await client.SendAsync(request);
    }

    // ---------------------------------------------------------------- other methods

    /// <summary>Every page with PUT, DELETE and PATCH, and a POST where it has no POST handler: refused, never a 500.</summary>
    private async Task SendOtherMethodsAsync(List<EndpointGroup> groups)
    {
        foreach (var group in groups)
        {
            var seen = BasesFor(group)[0];
            foreach (var method in new[] { HttpMethod.Put, HttpMethod.Post, new HttpMethod("PROPFIND") })
            {
                var content = new ByteArrayContent(Encoding.ASCII.GetBytes($"__RequestVerificationToken={Escape(seen.Actor.Token ?? "")}&x=1"))
                {
                    Headers = { ContentType = new("application/x-www-form-urlencoded") },
                };
                await SendAsync(group, $"method {method}", HostileString.Of("x=1", "x=1"), seen.Actor, method, seen.Url, content, htmx: false);
                await SendAsync(group, $"method {method} with handler", HostileString.Of("handler", "Nope"), seen.Actor, method,
                    WithQuery(seen.Url, "handler", "Nope"), null, htmx: true,
                    headers: [(Vybe.Web.Web.WebServiceCollectionExtensions.AntiforgeryHeaderName, seen.Actor.Token ?? "")]);
            }
        }
    }

    // ---------------------------------------------------------------- sending and checking

    private string NextProbe() => Interlocked.Increment(ref probes).ToString(CultureInfo.InvariantCulture);

    private static void Prepare(HttpRequestMessage request, Actor? actor, string probe, string? cookieHeader = null)
    {
        request.Headers.TryAddWithoutValidation(InputRecorder.ProbeHeader, probe);
        if ((cookieHeader ?? actor?.CookieHeader) is { Length: > 0 } cookies)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookies);
        }
    }

    private async Task<int> SendAsync(EndpointGroup group, string input, HostileString value, Actor? actor, HttpMethod method, string url,
        HttpContent? content = null, bool htmx = false, IReadOnlyList<(string Name, string Value)>? headers = null, string? cookieHeader = null)
    {
        if (deferGets && method == HttpMethod.Get)
        {
            later.Add(() => SendNowAsync(group, input, value, actor, method, url, content, htmx, headers, cookieHeader));
            return 0;
        }
        return await SendNowAsync(group, input, value, actor, method, url, content, htmx, headers, cookieHeader);
    }

    private async Task<int> SendNowAsync(EndpointGroup group, string input, HostileString value, Actor? actor, HttpMethod method, string url,
        HttpContent? content, bool htmx, IReadOnlyList<(string Name, string Value)>? headers, string? cookieHeader)
    {
        var probe = NextProbe();
        using var request = new HttpRequestMessage(method, new Uri(Base, url)) { Content = content };
        Prepare(request, actor, probe, cookieHeader);
        if (htmx)
        {
            request.Headers.TryAddWithoutValidation("HX-Request", "true");
        }
        foreach (var (name, headerValue) in headers ?? [])
        {
            if (!request.Headers.TryAddWithoutValidation(name, headerValue))
            {
                // HttpClient refuses to send it (CR or LF in a value): no server can receive it either.
                return 0;
            }
        }
        var what = $"{group.Name} {input} = {value} as {actor?.Name ?? "anyone"}{(htmx ? " (htmx)" : "")}: {method} {Shorten(url)}";
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Fail($"{what} threw {exception.GetType().Name}: {exception.Message}");
            return 0;
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            lock (sentPerGroup)
            {
                sentPerGroup[group.Name] = sentPerGroup.GetValueOrDefault(group.Name) + 1;
            }
            if (status >= 500)
            {
                Fail($"{what} answered {status}: {Snippet(body)}");
            }
            if (status < 400 && app.Recorder.ValuesThatDidNotBind(probe) is { } unbound)
            {
                Fail($"{what} answered {status}: its handler acted although values did not bind ({Shorten(unbound)}); it must refuse them");
            }
            if (method != HttpMethod.Get)
            {
                // One at a time: what changed since the last one is this request's doing.
                var counts = await CountAsync();
                if (status is >= 400 and < 500 && lastCounts is not null && counts != lastCounts)
                {
                    Fail($"{what} was refused with {status} yet saved: {lastCounts} before, {counts} after");
                }
                lastCounts = counts;
            }
            return status;
        }
    }

    private async Task<Counts> CountAsync()
    {
        await using var command = new NpgsqlCommand(
            """select (select count(*) from readings), (select count(*) from "AspNetUsers"), (select count(*) from web_vitals)""", counter);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Counts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private void CheckEveryEndpointAndHandlerWasReached(List<EndpointGroup> groups)
    {
        foreach (var group in groups.Where(g => !sentPerGroup.ContainsKey(g.Name)))
        {
            failures.Add($"{group.Name}: no hostile request was sent to this endpoint");
        }
        var run = app.Recorder.HandlersRun;
        foreach (var group in groups.Where(g => g.Page is not null))
        {
            foreach (var handler in group.Page!.HandlerMethods)
            {
                var key = InputRecorder.HandlerKey(group.Page.ViewEnginePath, handler.HttpMethod, handler.Name);
                if (!run.ContainsKey(key))
                {
                    failures.Add($"{key}: no hostile request reached this handler (refused before it every time); give the test a way in");
                }
            }
        }
    }

    /// <summary>The only rows the run may leave in the error log are the browser reports the endpoint accepted.</summary>
    private async Task CheckErrorLogAsync()
    {
        var expected = acceptedClientReports;
        var reports = 0;
        try
        {
            reports = await Eventually.ReturnsAsync(
                () => app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
                    db.ErrorLogs, e => e.Code == ClientErrorEndpoint.Code)),
                count => count >= expected, $"{expected} accepted browser reports in the error log", TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            reports = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
                db.ErrorLogs, e => e.Code == ClientErrorEndpoint.Code));
        }
        if (reports != expected)
        {
            failures.Add($"error_logs holds {reports} browser reports; the endpoint accepted {expected}");
        }
        var others = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.ErrorLogs.Where(e => e.Code != ClientErrorEndpoint.Code || e.Code == null).Select(e => e.Level + " " + e.Code + ": " + e.Message)));
        failures.AddRange(others.Select(row => $"error_logs has a row the input should not have caused: {Shorten(row)}"));
    }

    // ---------------------------------------------------------------- URLs

    private static HashSet<string> Methods(EndpointGroup group) => group.Endpoints
        .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get])
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static List<KeyValuePair<string, string>> QueryOf(string url)
    {
        var at = url.IndexOf('?');
        return at < 0
            ? []
            : url[(at + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .Select(parts => new KeyValuePair<string, string>(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? parts[1] : ""))
                .ToList();
    }

    /// <summary>The URL with <paramref name="key"/> set to the already-encoded <paramref name="encoded"/>, its other keys kept.</summary>
    private static string WithQuery(string url, string key, string encoded)
    {
        var path = url.Split('?')[0];
        var others = QueryOf(url).Where(p => !string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Select(p => $"{Escape(p.Key)}={p.Value}");
        return path + "?" + string.Join('&', others.Append($"{Escape(key)}={encoded}"));
    }

    /// <summary>The URL with the path segment of route parameter <paramref name="name"/> replaced, or null when the URL does not have it.</summary>
    private static string? WithRouteValue(string url, RoutePattern pattern, string name, string encoded)
    {
        var split = url.Split('?', 2);
        var segments = split[0].TrimStart('/').Split('/');
        var index = pattern.PathSegments.ToList().FindIndex(s => s.Parts.OfType<RoutePatternParameterPart>().Any(p => p.Name == name));
        if (index < 0 || index >= segments.Length)
        {
            return null;
        }
        segments[index] = encoded;
        return "/" + string.Join('/', segments) + (split.Length > 1 ? "?" + split[1] : "");
    }

    private static string Escape(string text) => HostileString.Of("", text).Encoded;

    private static byte[] Decode(HostileString value)
    {
        var bytes = new List<byte>();
        var encoded = value.Encoded;
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%' && i + 2 < encoded.Length && byte.TryParse(encoded.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(encoded[i].ToString()));
            }
        }
        return [.. bytes];
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..157] + "…";

    private static string Snippet(string body)
    {
        var document = new HtmlParser().ParseDocument(body);
        var text = (document.QuerySelector("main")?.TextContent ?? document.Body?.TextContent ?? body).Trim();
        return Shorten(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }
}
