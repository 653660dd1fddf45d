using Microsoft.EntityFrameworkCore;
using Vybe.Web.Accounts;
using Vybe.Web.Data;

namespace Vybe.Web.Commands;

/// <summary><c>dotnet Vybe.Web.dll grant-admin EMAIL</c>: the operator's grant of the admin role to an existing account.</summary>
public static class GrantAdminCommand
{
    public const string Name = "grant-admin";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> arguments)
    {
        if (arguments.Count != 1)
        {
            Console.Error.WriteLine("Usage: dotnet Vybe.Web.dll grant-admin EMAIL");
            return 2;
        }
        var email = arguments[0];
        if ((await services.GetRequiredService<VybeDbContext>().Database.GetPendingMigrationsAsync()).Any())
        {
            Console.Error.WriteLine("The database is not up to date. Run `dotnet Vybe.Web.dll migrate` first.");
            return 1;
        }
        var grant = await services.GetRequiredService<AdminGrants>().GrantByOperatorAsync(email);
        Console.WriteLine(grant.Outcome switch
        {
            AdminGrantOutcome.Granted => $"{email} is now an admin.",
            AdminGrantOutcome.AlreadyAdmin => $"{email} was already an admin.",
            _ => $"No account has the e-mail address {email}. Sign up first, then run this again.",
        });
        if (grant.Outcome != AdminGrantOutcome.NoSuchUser && !grant.EmailConfirmed)
        {
            // The operator's word stands, but they should know nobody has proved they own the address.
            Console.WriteLine($"Note: {email} has not been confirmed by its owner yet. Make sure this account is the person's own.");
        }
        return grant.Outcome == AdminGrantOutcome.NoSuchUser ? 1 : 0;
    }
}
