namespace Vybe.Web.Commands;

/// <summary>
/// The app's maintenance commands, one class each in this folder: <c>migrate</c>, <c>grant-admin EMAIL</c>,
/// <c>migrations-script [FILE]</c>, <c>parity URL_A URL_B</c> and <c>reading DEPTH INPUT…</c> (a developer's tool). Anything after the command's own arguments that starts with
/// <c>--</c> is host configuration, as for a normal run.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Commands = [MigrateCommand.Name, GrantAdminCommand.Name, MigrationsScriptCommand.Name, ParityCommand.Name, ReadingCommand.Name];

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
        if (invocation.Command == ParityCommand.Name)
        {
            // Over HTTP only: it must work from an operator's machine that cannot reach either database.
            return await ParityCommand.RunAsync(app.Configuration, invocation.CommandArguments);
        }
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        return invocation.Command switch
        {
            MigrateCommand.Name => await MigrateCommand.RunAsync(services),
            GrantAdminCommand.Name => await GrantAdminCommand.RunAsync(services, invocation.CommandArguments),
            MigrationsScriptCommand.Name => await MigrationsScriptCommand.RunAsync(invocation.CommandArguments),
            ReadingCommand.Name => await ReadingCommand.RunAsync(invocation.CommandArguments),
            _ => throw new InvalidOperationException($"Unknown command {invocation.Command}"),
        };
    }
}
