using System.ComponentModel.DataAnnotations;

namespace Vybe.Web.Web;

/// <summary>
/// Every request limit of the app, in requests per minute (section <c>Vybe:RateLimits</c>). "Per address"
/// is per client IP address after trusted forwarded headers (<see cref="ForwardedHeadersTrustOptions"/>),
/// an IPv6 client per /64 network (<see cref="RateLimiting.ClientAddress"/>).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Vybe:RateLimits";

    private const string Form = " must be a whole number of requests per minute from {1} to {2}.";

    /// <summary>Readings a signed-in member may make per minute.</summary>
    [Range(1, 100_000, ErrorMessage = Section + ":" + nameof(ReadingsPerMemberPerMinute) + Form)]
    public int ReadingsPerMemberPerMinute { get; set; } = 30;

    /// <summary>Readings guests from one address may make per minute.</summary>
    [Range(1, 100_000, ErrorMessage = Section + ":" + nameof(ReadingsPerGuestAddressPerMinute) + Form)]
    public int ReadingsPerGuestAddressPerMinute { get; set; } = 20;

    /// <summary>Readings anyone from one address (members and guests together) may make per minute.</summary>
    [Range(1, 100_000, ErrorMessage = Section + ":" + nameof(ReadingsPerAddressPerMinute) + Form)]
    public int ReadingsPerAddressPerMinute { get; set; } = 120;

    /// <summary>Photo uploads from one address per minute: each one runs OCR, the most expensive thing the app does. They count as readings too.</summary>
    [Range(1, 100_000, ErrorMessage = Section + ":" + nameof(UploadsPerMinute) + Form)]
    public int UploadsPerMinute { get; set; } = 10;

    /// <summary>Log-in attempts from one address per minute (on top of Identity's per-account lockout).</summary>
    [Range(1, 100_000, ErrorMessage = Section + ":" + nameof(LoginPerMinute) + Form)]
    public int LoginPerMinute { get; set; } = 10;

    /// <summary>Sign-ups from one address per minute.</summary>
    [Range(1, 100_000, ErrorMessage = Section + ":" + nameof(SignupPerMinute) + Form)]
    public int SignupPerMinute { get; set; } = 5;

    /// <summary>
    /// Password-reset requests and new-password posts from one address per minute, together. (Named
    /// without "password" so that /ops/info and the error log do not take the setting for a secret.)
    /// </summary>
    [Range(1, 100_000, ErrorMessage = Section + ":" + nameof(AccountRecoveryPerMinute) + Form)]
    public int AccountRecoveryPerMinute { get; set; } = 5;

    /// <summary>Browser-error reports accepted from one address per minute.</summary>
    [Range(1, int.MaxValue, ErrorMessage = Section + ":" + nameof(ClientErrorsPerMinute) + Form)]
    public int ClientErrorsPerMinute { get; set; } = 30;

    /// <summary>Web Vitals reports accepted from one address per minute (a page view sends one or two).</summary>
    [Range(1, int.MaxValue, ErrorMessage = Section + ":" + nameof(WebVitalsReportsPerMinute) + Form)]
    public int WebVitalsReportsPerMinute { get; set; } = 60;

    /// <summary>The keys these settings had before they came together here; they still work, with a warning at start-up.</summary>
    public static readonly IReadOnlyList<MovedSetting> MovedKeys =
    [
        new("Vybe:Readings:PerMemberPerMinute", Section + ":" + nameof(ReadingsPerMemberPerMinute)),
        new("Vybe:Readings:PerGuestAddressPerMinute", Section + ":" + nameof(ReadingsPerGuestAddressPerMinute)),
        new("Vybe:Readings:PerAddressPerMinute", Section + ":" + nameof(ReadingsPerAddressPerMinute)),
        new("Vybe:ErrorLog:ClientErrorsPerMinute", Section + ":" + nameof(ClientErrorsPerMinute)),
        new("Vybe:WebVitals:ReportsPerMinute", Section + ":" + nameof(WebVitalsReportsPerMinute)),
    ];
}
