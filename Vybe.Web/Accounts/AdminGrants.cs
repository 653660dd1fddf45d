using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vybe.Web.Data;

namespace Vybe.Web.Accounts;

public enum AdminGrantOutcome { Granted, AlreadyAdmin, NoSuchUser }

/// <summary>
/// Grants the admin role: from configuration at start-up and sign-up, and from the command line.
/// Instances that start together grant the configured admins at the same moment; the database's unique
/// keys let one of them win, and the others find the role or the grant already there.
/// </summary>
public sealed class AdminGrants(
    UserManager<VybeUser> users,
    RoleManager<VybeRole> roles,
    VybeDbContext db,
    IOptions<AdminOptions> options,
    ILogger<AdminGrants> logger)
{
    public async Task<AdminGrantOutcome> GrantAsync(string email)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return AdminGrantOutcome.NoSuchUser;
        }
        await EnsureRoleAsync();
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
            throw new InvalidOperationException(
                $"Could not grant admin: {string.Join("; ", result?.Errors.Select(e => e.Description) ?? ["the database refused it"])}");
        }
        logger.LogInformation("Granted the admin role to user {UserId}", user.Id);
        return AdminGrantOutcome.Granted;
    }

    public bool IsConfiguredAdmin(string? email) =>
        email is not null && options.Value.Emails.Any(e => string.Equals(e.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase));

    public async Task GrantConfiguredAsync()
    {
        await EnsureRoleAsync();
        foreach (var email in options.Value.Emails.Where(e => !string.IsNullOrWhiteSpace(e)))
        {
            await GrantAsync(email);
        }
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
}
