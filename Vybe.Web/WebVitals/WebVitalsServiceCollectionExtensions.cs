namespace Vybe.Web.WebVitals;

public static class WebVitalsServiceCollectionExtensions
{
    /// <summary>Real-user Web Vitals: the report endpoint's settings, retention, and the admin page's queries (its rate limit is <c>Vybe:RateLimits</c>).</summary>
    public static IServiceCollection AddWebVitals(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebVitalsOptions>()
            .Bind(configuration.GetSection(WebVitalsOptions.Section))
            .Validate(o => o.MaxReportBytes > 0 && o.RetentionBatchSize > 0 && o.RetentionInterval > TimeSpan.Zero,
                "Vybe:WebVitals MaxReportBytes, RetentionBatchSize and RetentionInterval must be positive.")
            .Validate(o => o.RetentionDays is null or > 0, "Vybe:WebVitals:RetentionDays must be positive (or unset to follow the error log).")
            .ValidateOnStart();

        services.AddSingleton<PageTemplates>();
        services.AddScoped<WebVitalsQueries>();
        services.AddSingleton<WebVitalsRetention>();
        services.AddHostedService<WebVitalsRetentionJob>();
        return services;
    }
}
