using Vybe.Web.History;

namespace Vybe.Web.Readings;

public static class ReadingsServiceCollectionExtensions
{
    public static IServiceCollection AddReadings(this IServiceCollection services)
    {
        services.AddOptions<ReadingOptions>().BindConfiguration(ReadingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BuiltInReadingWriter>();
        services.AddSingleton<IReadingWriter>(sp => sp.GetRequiredService<BuiltInReadingWriter>());
        services.AddScoped<ReadingService>();
        return services;
    }
}
