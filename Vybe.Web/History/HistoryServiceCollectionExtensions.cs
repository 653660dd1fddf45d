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
        services.AddHostedService<GuestHistoryRetentionJob>();
        return services;
    }
}

/// <summary>Deletes guests' readings once they are older than the guest retention: at start-up, then daily.</summary>
internal sealed class GuestHistoryRetentionJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<GuestHistoryRetentionJob> diagnostics) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromDays(1);
    private const int BatchSize = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var deleted = await scope.ServiceProvider.GetRequiredService<HistoryStore>().PurgeExpiredGuestReadingsAsync(BatchSize, stoppingToken);
                if (deleted > 0)
                {
                    diagnostics.LogInformation("Guest history retention deleted {Count} expired readings", deleted);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                diagnostics.LogError(exception, "Guest history retention failed; it runs again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
