using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vybe.Web.ErrorLog;
using Vybe.Web.Tests.Infrastructure;
using Vybe.Web.Tests.Infrastructure.Pages;
using Xunit.Abstractions;

namespace Vybe.Web.Tests.Web;

/// <summary>The app on Kestrel (a real loopback port), its database behind a relay of its own.</summary>
public sealed class OutageLoadApp : OutageAppFactory
{
    public OutageLoadApp() => UseKestrel(0);

    // Every request of the burst comes from 127.0.0.1.
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Vybe:RateLimits:WebVitalsReportsPerMinute"] = "100000",
        ["Vybe:RateLimits:ClientErrorsPerMinute"] = "100000",
    };

    protected override void StartApp() => StartServer();

    /// <summary>A browser that talks to the app's real port.</summary>
    public HtmlBrowser CreateLoopbackBrowser()
    {
        var address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return CreateBrowser(host: $"127.0.0.1:{address.Port}");
    }
}

/// <summary>
/// A bounded burst of mixed requests over loopback during which the database goes away and comes
/// back: no answer is a 500, every refusal is a 503 with Retry-After, what does not need the
/// database is served all along, every reading acknowledged is kept, and recovery needs nobody.
/// The cut and the restore are placed by completed requests, not by time.
/// </summary>
public sealed class DatabaseOutageLoadTests(OutageLoadApp app, ITestOutputHelper output) : IClassFixture<OutageLoadApp>
{
    private const int Requests = 200;
    private const int Concurrency = 8;
    private const int CutAfter = 50;
    private const int RestoreAfter = 150;

    private enum Kind
    {
        GuestReadingPost,
        MemberHistoryPage,
        GuestHomePage,
        StaticFile,
        MemberHtmxReadingPost,
        Healthz,
        SignupPost,
        WebVitalsPost,
    }

    /// <summary>What is answered as usual while the database is away.</summary>
    private static bool NeedsNoDatabase(Kind kind) => kind is Kind.GuestHomePage or Kind.StaticFile or Kind.Healthz;

    private sealed record Outcome(int Index, Kind Kind, int Status, TimeSpan? RetryAfter, bool SaysUnavailable, string? Reading,
        bool StartedAfterRestore)
    {
        public bool Succeeded => Status is >= 200 and < 400;
    }

    [Fact]
    public async Task A_burst_of_requests_through_a_cut_gets_no_500_and_keeps_every_acknowledged_reading()
    {
        using var guest = app.CreateLoopbackBrowser();
        using var member = app.CreateLoopbackBrowser();
        await member.SignUpAsync(AccountSteps.NewEmail());
        var memberHome = await member.GetAsync(HomePage.Url(HomePage.Number));
        var run = Random.Shared.Next(100, 999);

        var outcomes = new ConcurrentBag<Outcome>();
        var completed = 0;
        var restored = 0;
        IDisposable? cut = null;
        var cutFor = new Stopwatch();
        var burst = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (index, _) =>
            {
                var startedAfterRestore = Volatile.Read(ref restored) == 1;
                var kind = (Kind)(index % Enum.GetValues<Kind>().Length);
                var reading = kind is Kind.GuestReadingPost or Kind.MemberHtmxReadingPost ? $"8{run}{index:D4}" : null;
                var page = kind switch
                {
                    Kind.GuestReadingPost => await GuestReadingAsync(reading!),
                    Kind.MemberHistoryPage => await member.GetAsync("/History", followRedirects: false),
                    Kind.GuestHomePage => await guest.GetAsync("/", followRedirects: false),
                    Kind.StaticFile => await guest.GetAsync("/css/site.css", followRedirects: false),
                    Kind.MemberHtmxReadingPost => await member.SubmitAsync(memberHome.Form(HomePage.FormSelector(HomePage.Number)),
                        new Dictionary<string, string> { [HomePage.Fields.Number] = reading! }, memberHome.Url, followRedirects: false, htmx: true),
                    Kind.Healthz => await guest.GetAsync("/healthz", followRedirects: false),
                    Kind.SignupPost => await SignUpAsync(),
                    _ => await WebVitalsAsync(guest),
                };
                outcomes.Add(new Outcome(index, kind, (int)page.Status, page.Response.Headers.RetryAfter?.Delta,
                    page.Text.Contains("Vybe is briefly unavailable"), reading, startedAfterRestore));

                switch (Interlocked.Increment(ref completed))
                {
                    case CutAfter:
                        cut = app.Relay.Cut();
                        cutFor.Start();
                        break;
                    case RestoreAfter:
                        cut!.Dispose();
                        cutFor.Stop();
                        Volatile.Write(ref restored, 1);
                        break;
                }
            });
        burst.Stop();
        cut?.Dispose();

        var all = outcomes.OrderBy(o => o.Index).ToList();
        var acknowledged = all.Where(o => o.Reading is not null && o.Succeeded).Select(o => o.Reading!).ToList();
        var refusedReadings = all.Where(o => o.Reading is not null && o.Status == 503).Select(o => o.Reading!).ToList();
        var stored = await app.WithDbAsync(db => db.Readings.Where(r => r.RawInput.StartsWith($"8{run}")).Select(r => r.RawInput).ToListAsync());
        Report(all, burst.Elapsed, cutFor.Elapsed, acknowledged.Count, stored, refusedReadings);
        foreach (var row in await app.WithDbAsync(db => db.ErrorLogs.Where(r => r.Code == UnhandledExceptionLogger.Code).ToListAsync()))
        {
            output.WriteLine($"  in error_logs: {row.Message} {row.Details?[..Math.Min(row.Details.Length, 4000)]}");
        }

        Assert.Equal(Requests, all.Count);
        Assert.DoesNotContain(all, o => !o.Succeeded && o.Status != 503);
        Assert.Contains(all, o => o.Status == 503); // the cut was felt
        Assert.All(all.Where(o => o.Status == 503), o =>
        {
            Assert.Equal(TimeSpan.FromSeconds(5), o.RetryAfter);
            Assert.True(o.SaysUnavailable, $"request {o.Index} ({o.Kind}) answered 503 without saying so");
        });
        // What does not need the database was served all along.
        Assert.All(all.Where(o => NeedsNoDatabase(o.Kind)), o => Assert.Equal(200, o.Status));
        // Recovery is automatic: everything sent after the restore was answered as usual.
        Assert.All(all.Where(o => o.StartedAfterRestore), o => Assert.True(o.Succeeded, $"request {o.Index} ({o.Kind}): {o.Status}"));
        // No acknowledged reading is lost, and nothing is stored twice.
        Assert.Empty(acknowledged.Except(stored));
        Assert.Equal(stored.Count, stored.Distinct().Count());
    }

    private async Task<HtmlBrowser.Page> GuestReadingAsync(string number)
    {
        using var visitor = app.CreateLoopbackBrowser();
        var home = await visitor.GetAsync(HomePage.Url(HomePage.Number));
        return await visitor.SubmitAsync(home.Form(HomePage.FormSelector(HomePage.Number)), new Dictionary<string, string> { [HomePage.Fields.Number] = number }, home.Url,
            followRedirects: false);
    }

    private async Task<HtmlBrowser.Page> SignUpAsync()
    {
        using var visitor = app.CreateLoopbackBrowser();
        var form = await visitor.GetAsync("/Account/Signup");
        return await visitor.SubmitAsync(form.Form(), new Dictionary<string, string>
        {
            ["Input.Email"] = AccountSteps.NewEmail("burst"),
            ["Input.Password"] = AccountSteps.StrongPassword,
            ["Input.ConfirmPassword"] = AccountSteps.StrongPassword,
        }, form.Url, followRedirects: false);
    }

    private static async Task<HtmlBrowser.Page> WebVitalsAsync(HtmlBrowser browser)
    {
        var report = JsonSerializer.Serialize(new
        {
            page = "/",
            requestId = Guid.NewGuid(),
            metrics = new[] { new { name = "LCP", value = 1200.0, rating = "good" } },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/vitals") { Content = new StringContent(report, Encoding.UTF8, "application/json") };
        var response = await browser.Client.SendAsync(request);
        var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        return new HtmlBrowser.Page(response, document, request.RequestUri!);
    }

    private void Report(List<Outcome> all, TimeSpan burst, TimeSpan cut, int acknowledged, List<string> stored, List<string> refused)
    {
        output.WriteLine($"{all.Count} requests, {Concurrency} at a time, over loopback in {burst.TotalSeconds:0.00} s; " +
            $"database cut for {cut.TotalSeconds:0.00} s (after request {CutAfter} finished, until request {RestoreAfter} finished); " +
            $"{app.Relay.Resets} connections reset by the relay");
        foreach (var group in all.GroupBy(o => o.Kind).OrderBy(g => g.Key))
        {
            output.WriteLine($"  {group.Key,-22} " + string.Join(", ", group.GroupBy(o => o.Status).OrderBy(s => s.Key)
                .Select(s => $"{s.Key}: {s.Count()}")));
        }
        output.WriteLine($"  total                  " + string.Join(", ", all.GroupBy(o => o.Status).OrderBy(s => s.Key)
            .Select(s => $"{s.Key}: {s.Count()}")));
        output.WriteLine($"  readings acknowledged: {acknowledged}, stored: {stored.Count}, " +
            $"refused with 503 yet stored (committed as the connection was cut): {refused.Intersect(stored).Count()}");
        // A 500 is logged as UNHANDLED_ERROR: in the console while the database was away, else in the table.
        foreach (var line in app.Console.Lines.Where(l => l.Contains(UnhandledExceptionLogger.Code)))
        {
            output.WriteLine($"  on the console: {line[..Math.Min(line.Length, 4000)]}");
        }
    }
}
