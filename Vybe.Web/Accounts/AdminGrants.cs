using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Vybe.Web.Accounts;

public enum AdminGrantOutcome { Granted, AlreadyAdmin, NoSuchUser }

/// <summary>Grants the admin role: from configuration at start-up and sign-up, and from the command line.</summary>
public sealed class AdminGrants(UserManager<VybeUser> users, RoleManager<VybeRole> roles, IOptions<AdminOptions> options, ILogger<AdminGrants> logger)
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
        var result = await users.AddToRoleAsync(user, VybeRole.Admin);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not grant admin: {string.Join("; ", result.Errors.Select(e => e.Description))}");
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
        if (!await roles.RoleExistsAsync(VybeRole.Admin))
        {
            await roles.CreateAsync(new VybeRole(VybeRole.Admin));
        }
    }
}
