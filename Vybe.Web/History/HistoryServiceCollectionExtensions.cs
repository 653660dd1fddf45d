using Vybe.Web.Data;
using Vybe.Web.History.Storage;

namespace Vybe.Web.History;

public static class HistoryServiceCollectionExtensions
{
    public static IServiceCollection AddHistory(this IServiceCollection services)
    {
        services.AddOptions<HistoryOptions>().BindConfiguration(HistoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<HistoryStore>();
        services.AddScoped<VisitorHistory>();
        services.AddSingleton<GuestHistoryCookie>();
        services.AddSingleton<ReadingViews>();
        services.AddSingleton<Sharing.SharePreviewImages>();
        services.AddHostedService<GuestHistoryRetentionJob>();
        return services;
    }
}

/// <summary>Deletes guests' readings once they are older than the guest retention: at start-up, then daily.</summary>
internal sealed class GuestHistoryRetentionJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<GuestHistoryRetentionJob> diagnostics)
    : RetentionJob(clock, diagnostics)
{
    private const int BatchSize = 1000;

    protected override TimeSpan Interval { get; } = TimeSpan.FromDays(1);

    protected override string Name => "Guest history retention";

    protected override async Task PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var deleted = await scope.ServiceProvider.GetRequiredService<HistoryStore>().PurgeExpiredGuestReadingsAsync(BatchSize, cancellationToken);
        if (deleted > 0)
        {
            diagnostics.LogInformation("Guest history retention deleted {Count} expired readings", deleted);
        }
    }
}
