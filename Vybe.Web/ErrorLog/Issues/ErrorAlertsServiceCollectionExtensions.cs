namespace Vybe.Web.ErrorLog.Issues;

public static class ErrorAlertsServiceCollectionExtensions
{
    /// <summary>
    /// The alert e-mails and the daily digest. Called before the error-log writer is registered: hosted
    /// services stop in reverse order, so the sender stops after the writer and sends the alerts of its last batch.
    /// </summary>
    public static IServiceCollection AddErrorAlerts(this IServiceCollection services)
    {
        services.AddOptions<ErrorAlertOptions>()
            .BindConfiguration(ErrorAlertOptions.Section)
            .Validate(o => o.DigestHourUtc is >= 0 and <= 23, "Vybe:ErrorLog:Alerts:DigestHourUtc must be an hour from 0 to 23 (UTC).")
            .Validate(o => o.MinimumIntervalPerIssue >= TimeSpan.Zero, "Vybe:ErrorLog:Alerts:MinimumIntervalPerIssue must be a time such as 01:00:00, not negative.")
            .Validate(o => o.DigestTopIssues > 0, "Vybe:ErrorLog:Alerts:DigestTopIssues must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ErrorAlertLinks>();
        services.AddSingleton<ErrorAlertMessages>();
        services.AddSingleton<ErrorAlertMailer>();
        services.AddSingleton<ErrorIssueAlertSender>();
        services.AddHostedService(sp => sp.GetRequiredService<ErrorIssueAlertSender>());
        services.AddSingleton<ErrorDigest>();
        services.AddSingleton<ErrorDigestJob>();
        services.AddHostedService(sp => sp.GetRequiredService<ErrorDigestJob>());
        return services;
    }
}
