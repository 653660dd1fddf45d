using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Htmx;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Vybe.Web.History;

namespace Vybe.Web.Web;

/// <summary>
/// The framework's rate limiter: every limit of the app as a named policy, answering 429 with
/// Retry-After and a message a person can act on. The limits are <see cref="RateLimitOptions"/>
/// (<c>Vybe:RateLimits</c>); a policy names the counters a request uses (<see cref="RateLimitCounters"/>),
/// and a refused request uses none of them. Counters live in each instance's memory: behind a load
/// balancer each instance counts on its own.
/// </summary>
public static class RateLimiting
{
    /// <summary>
    /// The pages that make readings; only their POSTs count: per member (or per address for guests) and per
    /// address for everyone together, so many accounts on one host cannot flood readings. A POST to the
    /// page's <see cref="UploadHandlerAttribute"/> handler also counts as an upload, which has its own, smaller
    /// allowance because each runs OCR.
    /// </summary>
    public const string ReadingsPolicy = "readings";

    /// <summary>The log-in page's POSTs, per address.</summary>
    public const string LoginPolicy = "login";

    /// <summary>The sign-up page's POSTs, per address.</summary>
    public const string SignupPolicy = "signup";

    /// <summary>The forms that send account e-mail or use a reset link: their POSTs, per address, counted together.</summary>
    public const string PasswordResetPolicy = "password-reset";

    /// <summary>Browser-error reports (<c>POST /errors/client</c>), per address.</summary>
    public const string ClientErrorsPolicy = "client-errors";

    /// <summary>Web Vitals reports (<c>POST /vitals</c>), per address.</summary>
    public const string WebVitalsPolicy = "web-vitals";

    public static IServiceCollection AddVybeRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>()
            .BindConfigurationWithMovedKeys(RateLimitOptions.Section, RateLimitOptions.MovedKeys)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RateLimitCounters>();
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

            AddPolicy(limiter, ReadingsPolicy, (context, limits) => HttpMethods.IsPost(context.Request.Method) ? ReadingCounters(context, limits) : []);
            AddPolicy(limiter, LoginPolicy, PostsPerAddress(LoginPolicy, limits => limits.LoginPerMinute));
            AddPolicy(limiter, SignupPolicy, PostsPerAddress(SignupPolicy, limits => limits.SignupPerMinute));
            AddPolicy(limiter, PasswordResetPolicy, PostsPerAddress(PasswordResetPolicy, limits => limits.AccountRecoveryPerMinute));
            AddPolicy(limiter, ClientErrorsPolicy, (context, limits) => [PerAddress(ClientErrorsPolicy, context, limits.ClientErrorsPerMinute)]);
            AddPolicy(limiter, WebVitalsPolicy, (context, limits) => [PerAddress(WebVitalsPolicy, context, limits.WebVitalsReportsPerMinute)]);
        });
        return services;
    }

    /// <summary>A named policy whose requests use the counters <paramref name="counters"/> names (none: not limited).</summary>
    private static void AddPolicy(RateLimiterOptions limiter, string policy,
        Func<HttpContext, RateLimitOptions, IReadOnlyList<RateLimitCounter>> counters) =>
        limiter.AddPolicy(policy, context =>
        {
            var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            return context.RequestServices.GetRequiredService<RateLimitCounters>().Partition(counters(context, limits));
        });

    private static List<RateLimitCounter> ReadingCounters(HttpContext context, RateLimitOptions limits)
    {
        List<RateLimitCounter> counters =
        [
            VisitorHistory.MemberId(context.User) is { } memberId
                ? new($"readings-member:{memberId:N}", limits.ReadingsPerMemberPerMinute)
                : PerAddress("readings-guest", context, limits.ReadingsPerGuestAddressPerMinute),
            PerAddress("readings-address", context, limits.ReadingsPerAddressPerMinute),
        ];
        if (context.GetEndpoint()?.Metadata.GetMetadata<UploadHandlerAttribute>()?.Matches(context) == true)
        {
            counters.Add(PerAddress("uploads", context, limits.UploadsPerMinute));
        }
        return counters;
    }

    /// <summary>A page's POSTs per client address; showing the page is never limited.</summary>
    private static Func<HttpContext, RateLimitOptions, IReadOnlyList<RateLimitCounter>> PostsPerAddress(string policy,
        Func<RateLimitOptions, int> permitsPerMinute) =>
        (context, limits) => HttpMethods.IsPost(context.Request.Method) ? [PerAddress(policy, context, permitsPerMinute(limits))] : [];

    private static RateLimitCounter PerAddress(string name, HttpContext context, int permitsPerMinute) =>
        new($"{name}:{ClientAddress(context)}", permitsPerMinute);

    /// <summary>What a refused visitor reads, on the status page or in an htmx fragment.</summary>
    public static string WaitMessage(int seconds) =>
        $"You have made many requests in a short time. Please wait {seconds} seconds and try again.";

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
