using Microsoft.Extensions.Options;
using Vybe.Web.ErrorLog.Issues;

namespace Vybe.Web.ErrorLog;

public static class ErrorLogServiceCollectionExtensions
{
    public static IServiceCollection AddErrorLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ErrorLogOptions>()
            .Bind(configuration.GetSection(ErrorLogOptions.Section))
            .Validate(o => o.QueueCapacity > 0 && o.BatchSize > 0 && o.RetentionDays > 0 && o.RetentionBatchSize > 0,
                "Vybe:ErrorLog sizes and RetentionDays must be positive.")
            .ValidateOnStart();

        services.AddHttpContextAccessor();
        services.AddSingleton(sp => new ErrorLogQueue(sp.GetRequiredService<IOptions<ErrorLogOptions>>().Value.QueueCapacity));
        services.AddSingleton<AppRelease>();
        services.AddSingleton<ErrorIssueAlertQueue>();
        services.AddSingleton<IErrorLog, ErrorLogger>();
        services.AddSingleton<IErrorLogStore, DatabaseErrorLogStore>();
        services.AddSingleton<ConsoleFallback>();
        services.AddMetrics();
        services.AddSingleton<ErrorLogMetrics>();
        services.AddErrorAlerts();
        services.AddSingleton<ErrorLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ErrorLogWriter>());
        services.AddSingleton<ErrorLogRetention>();
        services.AddHostedService<ErrorLogRetentionJob>();
        services.AddExceptionHandler<UnhandledExceptionLogger>();
        return services;
    }

    /// <summary>
    /// Sentry receives exceptions too, when <c>Sentry:Dsn</c> is configured, after the error log's
    /// redaction (<see cref="SentryRedaction"/>).
    /// </summary>
    public static IWebHostBuilder UseSentryWhenConfigured(this IWebHostBuilder webHost, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["Sentry:Dsn"]))
        {
            return webHost;
        }
        return webHost.UseSentry(options =>
        {
            options.SendDefaultPii = false;
            options.MaxRequestBodySize = Sentry.Extensibility.RequestSize.None;
            SentryRedaction.Apply(options);
        });
    }

    /// <summary>The request id and logging context: before anything that may fail (after the forwarded headers, which give the client's address).</summary>
    public static IApplicationBuilder UseErrorLog(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestLoggingMiddleware>();
}
