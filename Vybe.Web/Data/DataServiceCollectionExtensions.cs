using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Vybe.Web.Data;

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "Vybe";

    public static IServiceCollection AddVybeData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Provider != DatabaseOptions.Postgres || !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName)),
                "Vybe:Database:Provider is 'postgres' but ConnectionStrings:Vybe is empty.")
            .ValidateOnStart();

        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(ConnectionStringName);

        if (options.Provider == DatabaseOptions.Postgres)
        {
            services.AddDbContext<VybeDbContext, PostgresVybeDbContext>(db => db.UseNpgsql(connectionString));
        }
        else
        {
            var sqliteConnection = string.IsNullOrWhiteSpace(connectionString)
                ? DefaultSqliteConnectionString(options, environment)
                : connectionString;
            services.AddDbContext<VybeDbContext, SqliteVybeDbContext>(db => db.UseSqlite(sqliteConnection));
        }

        // One key ring in the database, one application name: every instance can read every other's cookies.
        services.AddDataProtection()
            .SetApplicationName("Vybe")
            .PersistKeysToDbContext<VybeDbContext>();

        services.AddHealthChecks()
            .AddDbContextCheck<VybeDbContext>("database", tags: ["ready"])
            .AddCheck<MigrationsAppliedHealthCheck>("migrations", tags: ["ready"]);

        return services;
    }

    private static string DefaultSqliteConnectionString(DatabaseOptions options, IHostEnvironment environment)
    {
        var directory = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.DataDirectory));
        Directory.CreateDirectory(directory);
        return $"Data Source={Path.Combine(directory, "vybe.db")}";
    }

    /// <summary>Applies pending migrations at start-up when configured to (the default).</summary>
    public static async Task MigrateDatabaseIfConfiguredAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (!options.MigrateOnStartup)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VybeDbContext>();
        await db.Database.MigrateAsync();
    }
}
