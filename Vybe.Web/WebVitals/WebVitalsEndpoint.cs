using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Vybe.Web.Data;
using Vybe.Web.Web;

namespace Vybe.Web.WebVitals;

/// <summary>
/// <c>POST /vitals</c>: the Web Vitals that <c>wwwroot/js/web-vitals-reporter.js</c> measured in a
/// visitor's browser for one page view, stored in <c>web_vitals</c>. Small JSON bodies only,
/// rate-limited per IP, every value checked; anything else is answered 4xx and stored nowhere.
/// </summary>
public static class WebVitalsEndpoint
{
    public const string Path = "/vitals";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        // A value must be a JSON number: "12", "NaN" and "Infinity" as strings are refused.
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static IEndpointConventionBuilder MapWebVitals(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync)
            .RequireRateLimiting(RateLimiting.WebVitalsPolicy)
            // sendBeacon cannot send the antiforgery header. As for browser errors: the JSON content type
            // cannot be posted cross-site without a CORS preflight, which this app never grants.
            .DisableAntiforgery();

    private static async Task<IResult> HandleAsync(HttpContext context, VybeDbContext db, PageTemplates pages, TimeProvider clock,
        IOptions<WebVitalsOptions> options)
    {
        var (report, refusal) = await SmallJsonBody.ReadAsync<WebVitalsReport>(
            context.Request, options.Value.MaxReportBytes, Json, "Web Vitals report", context.RequestAborted);
        if (report is null)
        {
            return refusal!;
        }
        if (!report.TryValidate(pages, out var valid, out var error))
        {
            return SmallJsonBody.Refuse(StatusCodes.Status400BadRequest, error);
        }

        var now = clock.GetUtcNow();
        db.WebVitals.AddRange(valid.Values.Select(value => new WebVitalSample
        {
            Ts = now,
            Page = valid.Page,
            Metric = value.Metric.Name,
            Value = value.Amount,
            Rating = value.Rating,
            RequestId = valid.RequestId,
        }));
        await db.SaveChangesAsync(context.RequestAborted);
        SendPoorValuesToSentry(valid);
        return Results.NoContent();
    }

    /// <summary>
    /// With <c>Sentry:Dsn</c> set, each poor value becomes a warning in Sentry, tagged with the page,
    /// the metric and the request id of the page view, grouped by page and metric.
    /// </summary>
    private static void SendPoorValuesToSentry(ValidWebVitalsReport report)
    {
        if (!SentrySdk.IsEnabled)
        {
            return;
        }
        foreach (var value in report.Values.Where(v => v.Rating == WebVitalRatings.Poor))
        {
            SentrySdk.CaptureMessage($"Poor {value.Metric.Name} on {report.Page}: {value.Metric.Format(value.Amount)}", scope =>
            {
                scope.SetTag("web_vital", value.Metric.Name);
                scope.SetTag("page", report.Page);
                scope.SetTag("rating", WebVitalRatings.Poor);
                // The page view's request, which links to its error-log rows, rather than this report's.
                scope.SetTag("request_id", report.RequestId.ToString());
                scope.SetExtra("value", value.Amount);
                scope.SetExtra("unit", value.Metric.Unit == WebVitalUnit.Score ? "score" : "millisecond");
                scope.SetFingerprint(["web-vital-poor", value.Metric.Name, report.Page]);
            }, SentryLevel.Warning);
        }
    }
}
