using Microsoft.EntityFrameworkCore;
using Vybe.Web.Data;

namespace Vybe.Web.Commands;

/// <summary><c>dotnet Vybe.Web.dll migrate</c>: applies the pending migrations, one at a time under the migration lock.</summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public static async Task<int> RunAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<VybeDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.MigrateOneAtATimeAsync();
        Console.WriteLine(pending.Count == 0
            ? "The database is up to date."
            : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
        return 0;
    }
}
