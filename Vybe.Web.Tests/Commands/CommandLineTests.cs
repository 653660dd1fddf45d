using Vybe.TestSupport;
using Vybe.Web.Data;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Commands;

/// <summary>
/// The commands' answers that the capability tests do not reach (those run <c>migrate</c>,
/// <c>grant-admin</c> and <c>parity</c> against real databases and instances).
/// </summary>
public sealed class CommandLineTests
{
    /// <summary>A database that is never created: a command that needs none must not notice.</summary>
    private static Dictionary<string, string> NoDatabase() =>
        AppCommand.PostgresEnvironment(TestPostgres.ConnectionStringFor($"vybe_never_{Guid.NewGuid():N}"[..40]));

    private static string CommittedScript() =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Migrations", MigrationScripts.PostgresScriptFileName)).ReplaceLineEndings("\n");

    [Fact]
    public async Task Migrations_script_command_writes_the_committed_script_to_the_file_named()
    {
        var file = Path.Combine(Path.GetTempPath(), $"vybe-script-{Guid.NewGuid():N}.sql");
        try
        {
            var result = await AppCommand.RunAsync(["migrations-script", file], NoDatabase());

            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains($"Wrote {file}", result.Output);
            Assert.Equal(CommittedScript(), File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Migrations_script_command_without_a_file_prints_the_script()
    {
        var result = await AppCommand.RunAsync(["migrations-script", "--Logging:LogLevel:Default=Warning"], NoDatabase());

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains(CommittedScript(), result.Output);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--Vybe:Admin:Emails:0=a@example.com")]
    [InlineData("a@example.com b@example.com")]
    public async Task Grant_admin_without_exactly_one_address_prints_its_usage_and_exits_2(string arguments)
    {
        var result = await AppCommand.RunAsync(["grant-admin", .. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)], NoDatabase());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage: dotnet Vybe.Web.dll grant-admin EMAIL", result.Output);
    }

    [Fact]
    public async Task Grant_admin_on_a_database_not_migrated_says_to_migrate_first_and_exits_1()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("grant");
        try
        {
            var result = await AppCommand.RunAsync(["grant-admin", "a@example.com"], AppCommand.PostgresEnvironment(connectionString));

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("The database is not up to date. Run `dotnet Vybe.Web.dll migrate` first.", result.Output);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }
}
