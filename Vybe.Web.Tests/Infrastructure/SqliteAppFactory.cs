using Microsoft.Data.Sqlite;
using Vybe.Web.Data;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP on the embedded SQLite database the plain local run uses (a file of its
/// own, so the app's pooled connections and its migrations behave as they do there).
/// </summary>
public class SqliteAppFactory : VybeAppFactory, IAsyncLifetime
{
    private readonly string directory = Directory.CreateTempSubdirectory("vybe-sqlite-").FullName;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Vybe:Database:Provider"] = DatabaseOptions.Sqlite,
    };

    public override Task InitializeAsync()
    {
        ConnectionString = $"Data Source={Path.Combine(directory, "vybe.db")}";
        _ = Server;
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        Directory.Delete(MailPickupDirectory, recursive: true);
    }
}
