using System.Text;
using System.Text.Json;
using Vybe.Web.Tests.ErrorLog;
using Vybe.Web.WebVitals;

namespace Vybe.Web.Tests.WebVitals;

/// <summary>The app with a small Web Vitals rate limit, and requests as the browser script sends them.</summary>
public sealed class WebVitalsAppFactory : ErrorLogAppFactory
{
    public const int ReportsPerMinute = 3;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>(base.ExtraSettings)
    {
        ["Vybe:RateLimits:WebVitalsReportsPerMinute"] = ReportsPerMinute.ToString(),
    };
}

public static class WebVitalsSteps
{
    private static int nextPeer;

    /// <summary>Each test speaks from its own address, so the per-IP limit of one test does not touch another.</summary>
    public static string NewPeer() => $"198.51.100.{Interlocked.Increment(ref nextPeer)}";

    /// <summary>A report as web-vitals-reporter.js builds it.</summary>
    public static string Report(string page, Guid requestId, params (string Name, double Value)[] metrics) =>
        JsonSerializer.Serialize(new
        {
            page,
            requestId,
            metrics = metrics.Select(m => new { name = m.Name, value = m.Value, rating = WebVitalRatings.Good }),
        });

    public static async Task<HttpResponseMessage> PostReportAsync(this ErrorLogAppFactory app, string body, string? peer = null,
        string contentType = "application/json")
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, WebVitalsEndpoint.Path)
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Add(ErrorLogAppFactory.PeerHeader, peer ?? NewPeer());
        return await client.SendAsync(request);
    }
}
