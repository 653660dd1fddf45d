using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vybe.Web.Data;

namespace Vybe.Web.Web;

/// <summary>
/// The body of <c>/readyz</c>: "Healthy" when ready, else the status and one line per check saying
/// why, for an operator or a balancer's log ("database: Unhealthy: database unreachable"). Only the
/// checks' own descriptions are shown; an exception a check did not catch is named by its type,
/// never by its message, which can carry a host, a user name or a connection string.
/// </summary>
public static class ReadinessResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (report.Status == HealthStatus.Healthy)
        {
            return context.Response.WriteAsync(nameof(HealthStatus.Healthy));
        }
        var text = new StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(name).Append(": ").Append(entry.Status).Append(": ").Append(Reason(entry));
        }
        return context.Response.WriteAsync(text.Append('\n').ToString());
    }

    private static string Reason(HealthReportEntry entry) => entry.Exception switch
    {
        null => entry.Description ?? "",
        OperationCanceledException => "timed out",
        var exception => $"check failed: {DatabaseFailures.Describe(exception)}",
    };
}
