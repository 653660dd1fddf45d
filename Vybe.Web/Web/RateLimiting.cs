using System.Globalization;
using System.Net;
using System.Net.Sockets;
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

    /// <summary>The log-in page's POSTs, per address.</summary>
    public const string LoginPolicy = "login";

    /// <summary>The sign-up page's POSTs, per address.</summary>
    public const string SignupPolicy = "signup";

    /// <summary>The forgotten-password and new-password pages' POSTs, per address, counted together.</summary>
    public const string PasswordResetPolicy = "password-reset";

    public static IServiceCollection AddVybeRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                // An htmx form swaps the answer into its result area: it gets the message alone. Plain and
                // boosted posts (the account forms) get no body here, so the status-code page answers them
                // with the whole page around the same message.
                if (context.HttpContext.Request.IsHtmxNonBoosted())
                {
                    response.ContentType = "text/html; charset=utf-8";
                    await response.WriteAsync($"<p class=\"alert-error\" role=\"alert\">{WaitMessage(seconds)}</p>", cancellationToken);
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
            // Uploads come first in the chain: they have their own, smaller allowance because each runs OCR.
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                {
                    var uploads = context.GetEndpoint()?.Metadata.GetMetadata<UploadHandlerAttribute>();
                    if (!HttpMethods.IsPost(context.Request.Method) || uploads?.Matches(context) != true)
                    {
                        return RateLimitPartition.GetNoLimiter("");
                    }
                    var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                    return PerMinute($"uploads:{ClientAddress(context)}", settings.UploadsPerMinute);
                }),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                {
                    var limited = HttpMethods.IsPost(context.Request.Method)
                        && context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == ReadingsPolicy;
                    if (!limited)
                    {
                        return RateLimitPartition.GetNoLimiter("");
                    }
                    var settings = context.RequestServices.GetRequiredService<IOptions<ReadingOptions>>().Value;
                    return PerMinute($"address:{ClientAddress(context)}", settings.PerAddressPerMinute);
                }));

            AddPostsPerAddressPolicy(limiter, LoginPolicy, settings => settings.LoginPerMinute);
            AddPostsPerAddressPolicy(limiter, SignupPolicy, settings => settings.SignupPerMinute);
            AddPostsPerAddressPolicy(limiter, PasswordResetPolicy, settings => settings.AccountRecoveryPerMinute);

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

    /// <summary>A policy that limits a page's POSTs per client address; showing the page is never limited.</summary>
    private static void AddPostsPerAddressPolicy(RateLimiterOptions limiter, string policy, Func<RateLimitOptions, int> permitsPerMinute) =>
        limiter.AddPolicy(policy, context =>
        {
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("");
            }
            var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            return PerMinute(ClientAddress(context), permitsPerMinute(settings));
        });

    /// <summary>What a refused visitor reads, on the status page or in an htmx fragment.</summary>
    public static string WaitMessage(int seconds) =>
        $"You have made many requests in a short time. Please wait {seconds} seconds and try again.";

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    /// <summary>
    /// The client's address (after trusted forwarded headers), the partition key of per-IP limits.
    /// An IPv6 client counts by its /64 network: a line is given a whole /64 and can use a new address
    /// of it for every request, which would otherwise open a new partition each time (a fresh allowance,
    /// and one more limiter in memory until it has been idle a while).
    /// </summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        { AddressFamily: AddressFamily.InterNetworkV6 } address => $"{Network64(address)}/64",
        var address => address.ToString(),
    };

    private static IPAddress Network64(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }
}
