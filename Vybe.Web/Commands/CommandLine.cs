using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Vybe.Web.Accounts;
using Vybe.Web.Data;
using Vybe.Web.Operations;

namespace Vybe.Web.Commands;

/// <summary>
/// The app's maintenance commands: <c>migrate</c>, <c>grant-admin EMAIL</c>,
/// <c>migrations-script [FILE]</c> and <c>parity URL_A URL_B</c>. Anything after the command's own arguments that starts with
/// <c>--</c> is host configuration, as for a normal run.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Commands = ["migrate", "grant-admin", "migrations-script", "parity"];

    public sealed record Invocation(string? Command, string[] CommandArguments, string[] HostArguments);

    public static Invocation Parse(string[] args)
    {
        if (args.Length == 0 || !Commands.Contains(args[0]))
        {
            return new Invocation(null, [], args);
        }
        var commandArguments = args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        return new Invocation(args[0], commandArguments, args.Skip(1 + commandArguments.Length).ToArray());
    }

    public static async Task<int> RunAsync(WebApplication app, Invocation invocation)
    {
        if (invocation.Command == "parity")
        {
            // Over HTTP only: it must work from an operator's machine that cannot reach either database.
            return await ParityCommand.RunAsync(app.Configuration, invocation.CommandArguments);
        }
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        switch (invocation.Command)
        {
            case "migrate":
                {
                    var db = services.GetRequiredService<VybeDbContext>();
                    var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
                    await db.MigrateOneAtATimeAsync();
                    Console.WriteLine(pending.Count == 0
                        ? "The database is up to date."
                        : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
                    return 0;
                }
            case "grant-admin":
                {
                    if (invocation.CommandArguments.Length != 1)
                    {
                        Console.Error.WriteLine("Usage: dotnet Vybe.Web.dll grant-admin EMAIL");
                        return 2;
                    }
                    var email = invocation.CommandArguments[0];
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
            case "migrations-script":
                {
                    var script = MigrationScripts.GenerateIdempotentPostgresScript();
                    if (invocation.CommandArguments.Length == 1)
                    {
                        await File.WriteAllTextAsync(invocation.CommandArguments[0], script);
                        Console.WriteLine($"Wrote {invocation.CommandArguments[0]}");
                    }
                    else
                    {
                        Console.Write(script);
                    }
                    return 0;
                }
            default:
                throw new InvalidOperationException($"Unknown command {invocation.Command}");
        }
    }
}
