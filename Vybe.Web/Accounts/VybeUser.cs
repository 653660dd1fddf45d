using Microsoft.AspNetCore.Identity;

namespace Vybe.Web.Accounts;

/// <summary>A member's account. Guid keys so ids are unguessable and safe to show in logs.</summary>
public sealed class VybeUser : IdentityUser<Guid>
{
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The member's IANA time zone (such as Europe/Paris); null shows times in UTC or the browser's zone.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Optional, for personal numbers (life path, personal day); the member can remove it.</summary>
    public DateOnly? BirthDate { get; set; }

    // Error-log alerts for admins, each on unless the admin turned it off (account page).
    public bool MuteNewIssueAlerts { get; set; }
    public bool MuteRegressionAlerts { get; set; }
    public bool MuteSpikeAlerts { get; set; }
    public bool MuteDailyErrorDigest { get; set; }
}

public sealed class VybeRole : IdentityRole<Guid>
{
    public const string Admin = "admin";

    public VybeRole() { }

    public VybeRole(string name) : base(name) { }
}
