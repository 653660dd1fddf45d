using System.ComponentModel.DataAnnotations;

namespace Vybe.Web.Web;

/// <summary>
/// Per-address limits on the forms that attackers hammer or that cost the most (section <c>Vybe:RateLimits</c>).
/// Reading limits live with the readings (<c>Vybe:Readings</c>).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Vybe:RateLimits";

    /// <summary>Log-in attempts from one IP address per minute (on top of Identity's per-account lockout).</summary>
    [Range(1, 100_000)]
    public int LoginPerMinute { get; set; } = 10;

    /// <summary>Sign-ups from one IP address per minute.</summary>
    [Range(1, 100_000)]
    public int SignupPerMinute { get; set; } = 5;

    /// <summary>
    /// Password-reset requests and new-password posts from one IP address per minute, together. (Named
    /// without "password" so that /ops/info and the error log do not take the setting for a secret.)
    /// </summary>
    [Range(1, 100_000)]
    public int AccountRecoveryPerMinute { get; set; } = 5;

    /// <summary>Photo uploads from one IP address per minute: each one runs OCR, the most expensive thing the app does.</summary>
    [Range(1, 100_000)]
    public int UploadsPerMinute { get; set; } = 10;
}
