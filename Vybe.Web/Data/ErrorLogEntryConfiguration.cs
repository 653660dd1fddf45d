using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vybe.Web.ErrorLog;

namespace Vybe.Web.Data;

internal sealed class ErrorLogEntryConfiguration : IEntityTypeConfiguration<ErrorLogEntry>
{
    public void Configure(EntityTypeBuilder<ErrorLogEntry> entity)
    {
        entity.ToTable("error_logs", table =>
        {
            table.HasCheckConstraint("ck_error_logs_environment",
                "environment IN ('development', 'test', 'staging', 'production')");
            table.HasCheckConstraint("ck_error_logs_level", "level IN ('error', 'warn', 'info')");
        });
        entity.HasKey(e => e.Id).HasName("pk_error_logs");
        entity.Property(e => e.Id).HasColumnName("id").ValueGeneratedOnAdd();
        entity.Property(e => e.Ts).HasColumnName("ts");
        entity.Property(e => e.Environment).HasColumnName("environment");
        entity.Property(e => e.Service).HasColumnName("service");
        entity.Property(e => e.Level).HasColumnName("level");
        entity.Property(e => e.RequestId).HasColumnName("request_id");
        entity.Property(e => e.UserId).HasColumnName("user_id");
        entity.Property(e => e.Code).HasColumnName("code");
        entity.Property(e => e.Message).HasColumnName("message");
        entity.Property(e => e.Details).HasColumnName("details").HasConversion<StoredJsonConverter>();
        entity.Property(e => e.Ip).HasColumnName("ip");
        entity.Property(e => e.Ua).HasColumnName("ua");
        entity.Property(e => e.Release).HasColumnName("release").HasMaxLength(ErrorIssueConfiguration.ReleaseMaxLength);
        entity.Property(e => e.Fingerprint).HasColumnName("fingerprint").HasMaxLength(ErrorIssueConfiguration.FingerprintLength);
        entity.Property(e => e.IssueId).HasColumnName("issue_id");

        entity.HasIndex(e => e.Ts).HasDatabaseName("ix_error_logs_ts");
        entity.HasIndex(e => e.Service).HasDatabaseName("ix_error_logs_service");
        entity.HasIndex(e => e.Level).HasDatabaseName("ix_error_logs_level");
        entity.HasIndex(e => e.Environment).HasDatabaseName("ix_error_logs_environment");
        // The admin page filters by code and request id and pages newest first by (ts, id).
        entity.HasIndex(e => e.Code).HasDatabaseName("ix_error_logs_code");
        entity.HasIndex(e => e.RequestId).HasDatabaseName("ix_error_logs_request_id");
        entity.HasIndex(e => e.UserId).HasDatabaseName("ix_error_logs_user_id");
        entity.HasIndex(e => new { e.Ts, e.Id }).IsDescending(true, true).HasDatabaseName("ix_error_logs_ts_id");
        // An issue's latest events; the row log filtered by issue or release.
        entity.HasIndex(e => new { e.IssueId, e.Ts, e.Id }).IsDescending(false, true, true).HasDatabaseName("ix_error_logs_issue_ts_id");
        entity.HasIndex(e => e.Release).HasDatabaseName("ix_error_logs_release");
        // An issue's rows are found through its fingerprints (the rows' issue_id goes stale after a merge or a split).
        entity.HasIndex(e => new { e.Fingerprint, e.Ts, e.Id }).IsDescending(false, true, true).HasDatabaseName("ix_error_logs_fingerprint_ts_id");
        // The writer's backfill finds rows written before fingerprints by this partial index.
        entity.HasIndex(e => e.Id).HasFilter("fingerprint IS NULL").HasDatabaseName("ix_error_logs_unfingerprinted");
    }
}
