using System.ComponentModel.DataAnnotations;

namespace Vybe.Web.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Vybe:Database";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (embedded, the default for a plain local run) or <c>postgres</c>.</summary>
    [Required, RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Vybe:Database:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>Where the SQLite file lives when no connection string is given; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations when the app starts. Operators who migrate with the script or the
    /// <c>migrate</c> command may turn this off.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
