using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Vybe.Web.Data;

/// <summary>The reviewed SQL in the repository's <c>Migrations/</c> folder is generated here.</summary>
public static class MigrationScripts
{
    public const string PostgresScriptFileName = "postgres.sql";

    public static string GenerateIdempotentPostgresScript()
    {
        // Generating a script never opens the connection.
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        var migrator = db.GetService<IMigrator>();
        var script = migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        return script.ReplaceLineEndings("\n");
    }
}
