using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;

namespace Vybe.Web.Operations;

/// <summary>Gathers <see cref="DeploymentInfo"/> for this instance: the build, the environment, the database's migrations and the settings.</summary>
public sealed class DeploymentInfoReader(
    VybeDbContext db,
    IConfiguration configuration,
    IHostEnvironment environment,
    IOptions<DatabaseOptions> database,
    AppRelease release)
{
    public static string AppVersion => AppRelease.BuildVersion;

    public async Task<DeploymentInfo> ReadAsync(CancellationToken cancellationToken)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var pending = db.Database.GetMigrations().Except(applied, StringComparer.Ordinal).ToList();
        var snapshot = SettingsSnapshot.From(configuration);
        return new DeploymentInfo
        {
            Version = AppVersion,
            Release = release.Name,
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
