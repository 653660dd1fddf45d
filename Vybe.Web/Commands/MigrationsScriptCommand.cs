using Vybe.Web.Data;

namespace Vybe.Web.Commands;

/// <summary><c>dotnet Vybe.Web.dll migrations-script [FILE]</c>: writes the idempotent PostgreSQL script to FILE, or to the console.</summary>
public static class MigrationsScriptCommand
{
    public const string Name = "migrations-script";

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments)
    {
        var script = MigrationScripts.GenerateIdempotentPostgresScript();
        if (arguments.Count == 1)
        {
            await File.WriteAllTextAsync(arguments[0], script);
            Console.WriteLine($"Wrote {arguments[0]}");
        }
        else
        {
            Console.Write(script);
        }
        return 0;
    }
}
