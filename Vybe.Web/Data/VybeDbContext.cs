using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Vybe.Web.Accounts;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.History;
using Vybe.Web.WebVitals;

namespace Vybe.Web.Data;

/// <summary>
/// The one model of the app. Each database provider has its own subclass only so that it can
/// carry its own migration set; the model itself is defined here, and the few provider
/// differences live in <see cref="ProviderMapping"/>.
/// </summary>
public abstract class VybeDbContext(DbContextOptions options)
    : IdentityDbContext<VybeUser, VybeRole, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<ErrorLogEntry> ErrorLogs => Set<ErrorLogEntry>();

    public DbSet<ErrorIssue> ErrorIssues => Set<ErrorIssue>();

    public DbSet<ErrorIssueFingerprint> ErrorIssueFingerprints => Set<ErrorIssueFingerprint>();

    public DbSet<ErrorIssueUser> ErrorIssueUsers => Set<ErrorIssueUser>();

    public DbSet<ErrorIssueRelease> ErrorIssueReleases => Set<ErrorIssueRelease>();

    public DbSet<ErrorIssueHour> ErrorIssueHours => Set<ErrorIssueHour>();

    public DbSet<ErrorRelease> ErrorReleases => Set<ErrorRelease>();

    public DbSet<ErrorDigestRun> ErrorDigestRuns => Set<ErrorDigestRun>();

    public DbSet<StoredReading> Readings => Set<StoredReading>();

    public DbSet<WebVitalSample> WebVitals => Set<WebVitalSample>();

    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(VybeDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // Every string this app stores (Identity's too) goes through StoredText on the way in; the
        // JSON columns say so in their configurations (StoredJsonConverter).
        configurationBuilder.Properties<string>().HaveConversion<StoredTextConverter>();
    }
}

public sealed class PostgresVybeDbContext(DbContextOptions<PostgresVybeDbContext> options) : VybeDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        ProviderMapping.ApplyPostgres(builder);
    }
}

public sealed class SqliteVybeDbContext(DbContextOptions<SqliteVybeDbContext> options) : VybeDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        ProviderMapping.ApplySqliteConventions(configurationBuilder);
    }
}
