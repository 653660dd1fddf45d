using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Vybe.Web.Accounts;

/// <summary>
/// Identity's user manager, with one rule added: a role change renews the security stamp. Sessions
/// carry their roles in the cookie (<see cref="SecurityStampCheck"/> does not reload them), so the
/// renewed stamp is what signs out a cookie that still shows the old roles, at its next request.
/// Every path that grants or takes a role goes through here: start-up, a confirmation link, the
/// <c>grant-admin</c> command. A page that changes the role of the member who is signed in refreshes
/// that member's own cookie (<see cref="SignInManager{TUser}.RefreshSignInAsync"/>).
/// </summary>
public sealed class VybeUserManager(
    IUserStore<VybeUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<VybeUser> passwordHasher,
    IEnumerable<IUserValidator<VybeUser>> userValidators,
    IEnumerable<IPasswordValidator<VybeUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<VybeUser>> logger)
    : UserManager<VybeUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override Task<IdentityResult> AddToRoleAsync(VybeUser user, string role)
    {
        RenewSecurityStamp(user);
        return base.AddToRoleAsync(user, role);
    }

    public override Task<IdentityResult> AddToRolesAsync(VybeUser user, IEnumerable<string> roles)
    {
        RenewSecurityStamp(user);
        return base.AddToRolesAsync(user, roles);
    }

    public override Task<IdentityResult> RemoveFromRoleAsync(VybeUser user, string role)
    {
        RenewSecurityStamp(user);
        return base.RemoveFromRoleAsync(user, role);
    }

    public override Task<IdentityResult> RemoveFromRolesAsync(VybeUser user, IEnumerable<string> roles)
    {
        RenewSecurityStamp(user);
        return base.RemoveFromRolesAsync(user, roles);
    }

    /// <summary>
    /// Set on the user before the base method saves it, so the new role and the new stamp reach the
    /// database in the same update (a failed role change saves neither). Identity's own stamps are 20
    /// random bytes too; only their equality is ever compared.
    /// </summary>
    private static void RenewSecurityStamp(VybeUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
    }
}
