using Microsoft.AspNetCore.Identity;

namespace Vybe.Web.Accounts;

/// <summary>A member's account. Guid keys so ids are unguessable and safe to show in logs.</summary>
public sealed class VybeUser : IdentityUser<Guid>
{
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class VybeRole : IdentityRole<Guid>
{
    public const string Admin = "admin";

    public VybeRole() { }

    public VybeRole(string name) : base(name) { }
}
