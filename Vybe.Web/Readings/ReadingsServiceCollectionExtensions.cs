using Microsoft.Extensions.Options;
using Vybe.Web.Readings.OpenAi;

namespace Vybe.Web.Readings;

public static class ReadingsServiceCollectionExtensions
{
    public static IServiceCollection AddReadings(this IServiceCollection services)
    {
        services.AddOptions<ReadingOptions>().BindConfiguration(ReadingOptions.Section).ValidateDataAnnotations()
            .Validate(o => ReadingOptions.Writers.Contains(o.Writer), "Vybe:Readings:Writer must be auto, builtin or openai.")
            .ValidateOnStart();
        services.AddOptions<OpenAiOptions>().BindConfiguration(OpenAiOptions.Section).ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.BaseUrl) || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _),
                "OpenAI:BaseUrl must be an absolute URL such as http://127.0.0.1:8080/v1.")
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero && o.TotalTimeout >= o.AttemptTimeout,
                "OpenAI:AttemptTimeout must be positive and OpenAI:TotalTimeout at least as long.")
            .Validate(o => o.RetryBaseDelay >= TimeSpan.Zero && o.CircuitBreakDuration >= TimeSpan.FromMilliseconds(500)
                    && o.CircuitSamplingDuration >= TimeSpan.FromMilliseconds(500),
                "OpenAI retry delay must not be negative; circuit durations must be at least 0.5 s.")
            .ValidateOnStart();

        services.AddSingleton<BuiltInReadingWriter>();
        services.AddSingleton<OpenAiReadingWriter>();
        services.AddSingleton<FallbackReadingWriter>();
        services.AddSingleton<IReadingWriter>(sp => UsesOpenAi(sp)
            ? sp.GetRequiredService<FallbackReadingWriter>()
            : sp.GetRequiredService<BuiltInReadingWriter>());
        services.AddScoped<ReadingService>();
        return services;
    }

    /// <summary>auto: OpenAI when a key is set; openai: always (a missing key is logged with every reading); builtin: never.</summary>
    private static bool UsesOpenAi(IServiceProvider services)
    {
        var writer = services.GetRequiredService<IOptions<ReadingOptions>>().Value.Writer;
        return writer == ReadingOptions.OpenAiWriter
            || (writer == ReadingOptions.AutoWriter && services.GetRequiredService<IOptions<OpenAiOptions>>().Value.HasApiKey);
    }

    /// <summary>Says in the log which writer readings use, so an operator sees it at start-up.</summary>
    public static void LogActiveReadingWriter(this WebApplication app)
    {
        var writer = app.Services.GetRequiredService<IReadingWriter>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Vybe.Readings");
        if (writer is FallbackReadingWriter)
        {
            var openAi = app.Services.GetRequiredService<OpenAiReadingWriter>();
            var hasKey = app.Services.GetRequiredService<IOptions<OpenAiOptions>>().Value.HasApiKey;
            logger.LogInformation("Reading writer: {Writer} at {Endpoint}{KeyState}; the built-in writer stands in when it fails",
                openAi.Name, openAi.Endpoint, hasKey ? "" : " (NO API KEY: every reading falls back, logged as MISSING_API_KEY)");
        }
        else
        {
            logger.LogInformation("Reading writer: built-in (set OpenAI__ApiKey to use an OpenAI model)");
        }
    }
}
