using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vybe.Web.Data;

namespace Vybe.Web.Operations;

/// <summary>Gathers <see cref="DeploymentInfo"/> for this instance: the build, the environment, the database's migrations and the settings.</summary>
public sealed class DeploymentInfoReader(
    VybeDbContext db,
    IConfiguration configuration,
    IHostEnvironment environment,
    IOptions<DatabaseOptions> database)
{
    public static string AppVersion { get; } =
        typeof(DeploymentInfoReader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(DeploymentInfoReader).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public async Task<DeploymentInfo> ReadAsync(CancellationToken cancellationToken)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var pending = db.Database.GetMigrations().Except(applied, StringComparer.Ordinal).ToList();
        var snapshot = SettingsSnapshot.From(configuration);
        return new DeploymentInfo
        {
            Version = AppVersion,
            Environment = environment.EnvironmentName,
            Instance = Environment.MachineName,
            DatabaseProvider = database.Value.Provider,
            Migrations = new MigrationState(applied, pending),
            SettingsFingerprint = snapshot.Fingerprint,
            Settings = snapshot.Settings,
            Secrets = snapshot.Secrets,
        };
    }
}
