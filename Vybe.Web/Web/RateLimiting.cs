using System.Globalization;
using System.Threading.RateLimiting;
using Htmx;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Vybe.Web.ErrorLog;

namespace Vybe.Web.Web;

/// <summary>
/// The framework's rate limiter, answering 429 with Retry-After and a message a person can act on.
/// Counters live in each instance's memory: behind a load balancer each instance counts on its own.
/// </summary>
public static class RateLimiting
{
    public static IServiceCollection AddVybeRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var message = $"You have made many requests in a short time. Please wait {seconds} seconds and try again.";
                if (context.HttpContext.Request.IsHtmx())
                {
                    response.ContentType = "text/html; charset=utf-8";
                    await response.WriteAsync($"<p class=\"alert-error\" role=\"alert\">{message}</p>", cancellationToken);
                }
                else
                {
                    response.ContentType = "text/plain; charset=utf-8";
                    await response.WriteAsync(message, cancellationToken);
                }
            };

            limiter.AddPolicy(ClientErrorEndpoint.RateLimitPolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<ErrorLogOptions>>().Value.ClientErrorsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>The client's address (after trusted forwarded headers), the partition key of per-IP limits.</summary>
    public static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
