using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;
using Vybe.Web.History;
using Vybe.Web.WebVitals;

namespace Vybe.Web.Data;

/// <summary>The differences between PostgreSQL and SQLite, in one place.</summary>
internal static class ProviderMapping
{
    public static void ApplyPostgres(ModelBuilder builder)
    {
        builder.Entity<ErrorLogEntry>(entity =>
        {
            entity.Property(e => e.Id).UseIdentityByDefaultColumn();
            entity.Property(e => e.Ts).HasColumnType("timestamptz").HasDefaultValueSql("now()");
            entity.Property(e => e.RequestId).HasColumnType("uuid");
            entity.Property(e => e.UserId).HasColumnType("uuid");
            entity.Property(e => e.Details).HasColumnType("jsonb");
            entity.Property(e => e.Ip).HasColumnType("inet");
        });
        builder.Entity<ErrorIssue>(entity =>
        {
            entity.Property(i => i.Id).UseIdentityByDefaultColumn();
            entity.Property(i => i.FirstSeen).HasColumnType("timestamptz");
            entity.Property(i => i.LastSeen).HasColumnType("timestamptz");
            entity.Property(i => i.ResolvedAt).HasColumnType("timestamptz");
            entity.Property(i => i.SnoozedUntil).HasColumnType("timestamptz");
            entity.Property(i => i.RegressedAt).HasColumnType("timestamptz");
            entity.Property(i => i.LastAlertedAt).HasColumnType("timestamptz");
            entity.Property(i => i.SpikeHour).HasColumnType("timestamptz");
        });
        builder.Entity<ErrorIssueFingerprint>(entity =>
        {
            entity.Property(f => f.FirstSeen).HasColumnType("timestamptz");
            entity.Property(f => f.LastSeen).HasColumnType("timestamptz");
        });
        builder.Entity<ErrorIssueRelease>(entity =>
        {
            entity.Property(r => r.FirstSeen).HasColumnType("timestamptz");
            entity.Property(r => r.LastSeen).HasColumnType("timestamptz");
        });
        builder.Entity<ErrorIssueHour>(entity => entity.Property(h => h.Hour).HasColumnType("timestamptz"));
        builder.Entity<ErrorRelease>(entity => entity.Property(r => r.FirstSeen).HasColumnType("timestamptz"));
        builder.Entity<ErrorDigestRun>(entity => entity.Property(r => r.SentAt).HasColumnType("timestamptz"));
        builder.Entity<StoredReading>(entity =>
        {
            entity.Property(r => r.CreatedAt).HasColumnType("timestamptz");
            entity.Property(r => r.SeenAt).HasColumnType("timestamptz");
            entity.Property(r => r.Numbers).HasColumnType("jsonb");
            entity.Property(r => r.Sections).HasColumnType("jsonb");
        });
        builder.Entity<WebVitalSample>(entity =>
        {
            entity.Property(s => s.Id).UseIdentityByDefaultColumn();
            entity.Property(s => s.Ts).HasColumnType("timestamptz");
            entity.Property(s => s.RequestId).HasColumnType("uuid");
        });
    }

    public static void ApplySqliteConventions(ModelConfigurationBuilder conventions)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; UTC ticks in an integer can.
        conventions.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        conventions.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        conventions.Properties<IPAddress>().HaveConversion<IpAddressToTextConverter>();
    }

    private sealed class IpAddressToTextConverter() : ValueConverter<IPAddress, string>(
        address => address.ToString(),
        text => IPAddress.Parse(text));
}
