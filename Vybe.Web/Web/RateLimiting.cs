using System.Globalization;
using System.Threading.RateLimiting;
using Htmx;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Vybe.Web.ErrorLog;
using Vybe.Web.History;
using Vybe.Web.Readings;

namespace Vybe.Web.Web;

/// <summary>
/// The framework's rate limiter, answering 429 with Retry-After and a message a person can act on.
/// Counters live in each instance's memory: behind a load balancer each instance counts on its own.
/// </summary>
public static class RateLimiting
{
    /// <summary>The policy on the pages that make readings; it limits their POSTs only.</summary>
    public const string ReadingsPolicy = "readings";

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

            // Per member, or per address for guests, on the endpoint...
            limiter.AddPolicy(ReadingsPolicy, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("reading-pages");
                }
                var settings = context.RequestServices.GetRequiredService<IOptions<ReadingOptions>>().Value;
                return VisitorHistory.MemberId(context.User) is { } memberId
                    ? PerMinute($"member:{memberId:N}", settings.PerMemberPerMinute)
                    : PerMinute($"guest:{ClientAddress(context)}", settings.PerGuestAddressPerMinute);
            });

            // ...and per address for everyone together, so many accounts on one host cannot flood readings.
            // A request refused by the policy above can use two of these permits: the framework's
            // middleware tries both limiters once at once and, when that fails, once more waiting.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var limited = HttpMethods.IsPost(context.Request.Method)
                    && context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == ReadingsPolicy;
                if (!limited)
                {
                    return RateLimitPartition.GetNoLimiter("");
                }
                var settings = context.RequestServices.GetRequiredService<IOptions<ReadingOptions>>().Value;
                return PerMinute($"address:{ClientAddress(context)}", settings.PerAddressPerMinute);
            });

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

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    /// <summary>The client's address (after trusted forwarded headers), the partition key of per-IP limits.</summary>
    public static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
