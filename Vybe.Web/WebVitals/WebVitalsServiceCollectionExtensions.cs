using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Vybe.Web.Web;

namespace Vybe.Web.WebVitals;

public static class WebVitalsServiceCollectionExtensions
{
    /// <summary>Real-user Web Vitals: the report endpoint's settings and rate limit, retention, and the admin page's queries.</summary>
    public static IServiceCollection AddWebVitals(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebVitalsOptions>()
            .Bind(configuration.GetSection(WebVitalsOptions.Section))
            .Validate(o => o.ReportsPerMinute > 0 && o.MaxReportBytes > 0 && o.RetentionBatchSize > 0 && o.RetentionInterval > TimeSpan.Zero,
                "Vybe:WebVitals ReportsPerMinute, MaxReportBytes, RetentionBatchSize and RetentionInterval must be positive.")
            .Validate(o => o.RetentionDays is null or > 0, "Vybe:WebVitals:RetentionDays must be positive (or unset to follow the error log).")
            .ValidateOnStart();

        // A policy of the app's rate limiter (AddVybeRateLimits), which answers 429 with Retry-After.
        services.Configure<RateLimiterOptions>(limiter => limiter.AddPolicy(WebVitalsEndpoint.RateLimitPolicy, context =>
        {
            var perMinute = context.RequestServices.GetRequiredService<IOptions<WebVitalsOptions>>().Value.ReportsPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(RateLimiting.ClientAddress(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        }));

        services.AddSingleton<PageTemplates>();
        services.AddScoped<WebVitalsQueries>();
        services.AddSingleton<WebVitalsRetention>();
        services.AddHostedService<WebVitalsRetentionJob>();
        return services;
    }
}
