using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vybe.Web.Data;

namespace Vybe.Web.Accounts;

public enum AdminGrantOutcome { Granted, AlreadyAdmin, NoSuchUser }

/// <summary>What a grant did, and whether the account's address is confirmed (the operator is told when not).</summary>
public sealed record AdminGrantResult(AdminGrantOutcome Outcome, bool EmailConfirmed);

/// <summary>
/// The admin role. Configuration (<see cref="AdminOptions.Emails"/>) speaks for addresses, so it only
/// makes an admin of an account whose address is confirmed: at start-up, and when a confirmation or
/// change-of-address link is used. At start-up it also takes the role back from an unconfirmed account
/// at a configured address, unless an operator granted it with <c>grant-admin</c>: an operator names
/// an account they have checked, so that grant stands, confirmed or not (the command says when not).
/// Instances that start together apply the configuration at the same moment; the database's unique
/// keys let one of them win, and the others find the role or the grant already there.
/// </summary>
public sealed class AdminGrants(
    UserManager<VybeUser> users,
    RoleManager<VybeRole> roles,
    VybeDbContext db,
    IOptions<AdminOptions> options,
    ILogger<AdminGrants> logger)
{
    /// <summary>The user claim that records an operator's grant, which start-up leaves alone.</summary>
    public const string OperatorGrantClaim = "vybe:admin-grant";
    public const string OperatorGrantValue = "operator";

    /// <summary>The operator's explicit grant (<c>dotnet Vybe.Web.dll grant-admin EMAIL</c>).</summary>
    public async Task<AdminGrantResult> GrantByOperatorAsync(string email)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return new AdminGrantResult(AdminGrantOutcome.NoSuchUser, false);
        }
        await EnsureRoleAsync();
        var outcome = await AddToRoleAsync(user);
        if (!(await users.GetClaimsAsync(user)).Any(c => c.Type == OperatorGrantClaim))
        {
            var recorded = await users.AddClaimAsync(user, new Claim(OperatorGrantClaim, OperatorGrantValue));
            if (!recorded.Succeeded)
            {
                throw new InvalidOperationException($"Could not record the operator's grant: {Describe(recorded)}");
            }
        }
        return new AdminGrantResult(outcome, user.EmailConfirmed);
    }

    public bool IsConfiguredAdmin(string? email) =>
        email is not null && options.Value.Emails.Any(e => string.Equals(e.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>At start-up: confirmed configured addresses are admins; unconfirmed ones are not (unless an operator said so).</summary>
    public async Task ApplyConfiguredAsync()
    {
        await EnsureRoleAsync();
        foreach (var email in options.Value.Emails.Where(e => !string.IsNullOrWhiteSpace(e)))
        {
            var user = await users.FindByEmailAsync(email.Trim());
            if (user is null)
            {
                continue;
            }
            if (user.EmailConfirmed)
            {
                await AddToRoleAsync(user);
            }
            else
            {
                await RevokeUnconfirmedAsync(user);
            }
        }
    }

    /// <summary>After a link confirmed the account's address: the admin role when configuration names it.</summary>
    public async Task GrantIfConfiguredAsync(VybeUser user)
    {
        if (!user.EmailConfirmed || !IsConfiguredAdmin(user.Email))
        {
            return;
        }
        await EnsureRoleAsync();
        await AddToRoleAsync(user);
    }

    private async Task<AdminGrantOutcome> AddToRoleAsync(VybeUser user)
    {
        if (await users.IsInRoleAsync(user, VybeRole.Admin))
        {
            return AdminGrantOutcome.AlreadyAdmin;
        }
        IdentityResult? result = null;
        try
        {
            result = await users.AddToRoleAsync(user, VybeRole.Admin);
        }
        catch (DbUpdateException)
        {
            // Another instance granted it at the same moment (the user-role pair is a primary key): checked below.
        }
        if (result?.Succeeded != true)
        {
            db.ChangeTracker.Clear();
            if (await users.IsInRoleAsync(user, VybeRole.Admin))
            {
                return AdminGrantOutcome.AlreadyAdmin;
            }
            throw new InvalidOperationException($"Could not grant admin: {(result is null ? "the database refused it" : Describe(result))}");
        }
        logger.LogInformation("Granted the admin role to user {UserId}", user.Id);
        return AdminGrantOutcome.Granted;
    }

    private async Task RevokeUnconfirmedAsync(VybeUser user)
    {
        if (!await users.IsInRoleAsync(user, VybeRole.Admin)
            || (await users.GetClaimsAsync(user)).Any(c => c.Type == OperatorGrantClaim))
        {
            return;
        }
        try
        {
            var result = await users.RemoveFromRoleAsync(user, VybeRole.Admin);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Could not remove the admin role: {Describe(result)}");
            }
        }
        catch (DbUpdateException)
        {
            // Another instance removed it at the same moment: the row it would delete is gone.
            db.ChangeTracker.Clear();
            if (await users.IsInRoleAsync(user, VybeRole.Admin))
            {
                throw;
            }
        }
        logger.LogWarning(
            "Removed the admin role from user {UserId}: its address is in Vybe:Admin:Emails but not confirmed. It gets the role back when the confirmation link is used",
            user.Id);
    }

    private async Task EnsureRoleAsync()
    {
        if (await roles.RoleExistsAsync(VybeRole.Admin))
        {
            return;
        }
        try
        {
            await roles.CreateAsync(new VybeRole(VybeRole.Admin));
        }
        catch (DbUpdateException)
        {
            // Another instance created it at the same moment (role names are unique). Forget the failed
            // insert, so the next save in this scope does not try it again.
            db.ChangeTracker.Clear();
            if (!await roles.RoleExistsAsync(VybeRole.Admin))
            {
                throw;
            }
        }
    }

    private static string Describe(IdentityResult result) => string.Join("; ", result.Errors.Select(e => e.Description));
}
