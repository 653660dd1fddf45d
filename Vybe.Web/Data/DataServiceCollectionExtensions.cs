using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Vybe.Web.Data;

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "Vybe";

    public static readonly TimeSpan ReadinessCheckTimeout = TimeSpan.FromSeconds(5);

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

        // Pooled: a request takes a context that is already set up instead of building one (its
        // services, its change tracker) and throwing it away, which cost a signed-in page more CPU
        // than its query. The contexts keep no state of ours between requests.
        if (options.Provider == DatabaseOptions.Postgres)
        {
            services.AddDbContextPool<VybeDbContext, PostgresVybeDbContext>(db => db.UseNpgsql(connectionString));
        }
        else
        {
            var sqliteConnection = string.IsNullOrWhiteSpace(connectionString)
                ? DefaultSqliteConnectionString(options, environment)
                : connectionString;
            services.AddDbContextPool<VybeDbContext, SqliteVybeDbContext>(db => db.UseSqlite(sqliteConnection));
        }

        // One key ring in the database, one application name: every instance can read every other's cookies.
        services.AddDataProtection()
            .SetApplicationName("Vybe")
            .PersistKeysToDbContext<VybeDbContext>();

        // /readyz. A database that does not answer at all fails the checks within the timeout rather than
        // after the connection's own (15 s by default).
        services.AddHealthChecks()
            .AddCheck<DatabaseReachableHealthCheck>("database", tags: ["ready"], timeout: ReadinessCheckTimeout)
            .AddCheck<MigrationsAppliedHealthCheck>("migrations", tags: ["ready"], timeout: ReadinessCheckTimeout);

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
        await scope.ServiceProvider.GetRequiredService<VybeDbContext>().MigrateOneAtATimeAsync();
    }

    private const int AdvisoryLockClass = AdvisoryLocks.Class;
    private const int MigrationsLock = AdvisoryLocks.Migrations;

    /// <summary>
    /// Applies pending migrations; on PostgreSQL, one process at a time. EF Core's own migration lock
    /// on PostgreSQL lasts one migration's transaction, so instances that start together on a database
    /// several migrations behind can both apply the same one and one of them crashes ("relation already
    /// exists"). A session advisory lock held for the whole run makes them take turns: the later one
    /// finds nothing pending.
    /// </summary>
    public static async Task MigrateOneAtATimeAsync(this VybeDbContext db, CancellationToken cancellationToken = default)
    {
        if (!db.Database.IsNpgsql())
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        // The lock needs a connection to the database, which MigrateAsync would otherwise create itself.
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another instance created it a moment ago.
            }
        }

        // A connection of its own, so EF Core's connection handling during the migration cannot release the lock.
        await using var lockConnection = new NpgsqlConnection(db.Database.GetConnectionString());
        await lockConnection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockClass}, {MigrationsLock})", lockConnection))
        {
            take.CommandTimeout = 0; // wait as long as the other instance's migration takes
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockClass}, {MigrationsLock})", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
