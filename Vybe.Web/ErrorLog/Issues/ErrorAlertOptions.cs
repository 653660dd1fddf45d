namespace Vybe.Web.ErrorLog.Issues;

/// <summary>The e-mails admins get about error issues: alerts as they happen and the daily digest.</summary>
public sealed class ErrorAlertOptions
{
    public const string Section = "Vybe:ErrorLog:Alerts";

    /// <summary>Off: no alert e-mail and no digest (the issues are counted all the same).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The hour (UTC, 0–23) the daily digest of the 24 hours before it is sent.</summary>
    public int DigestHourUtc { get; set; } = 7;

    /// <summary>At most one alert e-mail per issue in this time; the digest reports what was held back.</summary>
    public TimeSpan MinimumIntervalPerIssue { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many issues the digest lists under "most events".</summary>
    public int DigestTopIssues { get; set; } = 10;
}
