using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Vybe.Web.ErrorLog;

public static class ErrorLogServiceCollectionExtensions
{
    public static IServiceCollection AddErrorLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ErrorLogOptions>()
            .Bind(configuration.GetSection(ErrorLogOptions.Section))
            .Validate(o => o.QueueCapacity > 0 && o.BatchSize > 0 && o.RetentionDays > 0 && o.RetentionBatchSize > 0,
                "Vybe:ErrorLog sizes and RetentionDays must be positive.")
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)),
                "Vybe:ErrorLog:KnownProxies must be IP addresses.")
            .ValidateOnStart();

        services.AddHttpContextAccessor();
        services.AddSingleton(sp => new ErrorLogQueue(sp.GetRequiredService<IOptions<ErrorLogOptions>>().Value.QueueCapacity));
        services.AddSingleton<IErrorLog, ErrorLogger>();
        services.AddSingleton<IErrorLogStore, DatabaseErrorLogStore>();
        services.AddSingleton<ConsoleFallback>();
        services.AddMetrics();
        services.AddSingleton<ErrorLogMetrics>();
        services.AddSingleton<ErrorLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ErrorLogWriter>());
        services.AddSingleton<ErrorLogRetention>();
        services.AddHostedService<ErrorLogRetentionJob>();
        services.AddExceptionHandler<UnhandledExceptionLogger>();

        // The client's address comes from X-Forwarded-For only when the request came through a configured proxy.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ErrorLogOptions>>((forwarded, errorLog) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in errorLog.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
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

    /// <summary>Forwarded headers, then the request id and logging context: before anything that may fail.</summary>
    public static IApplicationBuilder UseErrorLog(this IApplicationBuilder app) =>
        app.UseForwardedHeaders().UseMiddleware<RequestLoggingMiddleware>();
}
