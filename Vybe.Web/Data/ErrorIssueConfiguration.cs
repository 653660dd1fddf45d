using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vybe.Web.ErrorLog.Issues;

namespace Vybe.Web.Data;

internal sealed class ErrorIssueConfiguration : IEntityTypeConfiguration<ErrorIssue>
{
    /// <summary>A SHA-256 in hex, cut to 32 characters (128 bits).</summary>
    public const int FingerprintLength = 32;
    public const int ReleaseMaxLength = 100;
    public const int TitleMaxLength = 300;
    public const int CulpritMaxLength = 300;
    public const int UserKeyMaxLength = 64;

    public void Configure(EntityTypeBuilder<ErrorIssue> entity)
    {
        entity.ToTable("error_issues", table =>
        {
            table.HasCheckConstraint("ck_error_issues_status", "status IN ('open', 'resolved', 'ignored', 'snoozed')");
            table.HasCheckConstraint("ck_error_issues_level", "level IN ('error', 'warn', 'info')");
        });
        entity.HasKey(i => i.Id).HasName("pk_error_issues");
        entity.Property(i => i.Id).HasColumnName("id").ValueGeneratedOnAdd();
        entity.Property(i => i.Fingerprint).HasColumnName("fingerprint").HasMaxLength(FingerprintLength);
        entity.Property(i => i.Service).HasColumnName("service");
        entity.Property(i => i.Level).HasColumnName("level");
        entity.Property(i => i.Code).HasColumnName("code");
        entity.Property(i => i.Title).HasColumnName("title").HasMaxLength(TitleMaxLength);
        entity.Property(i => i.Culprit).HasColumnName("culprit").HasMaxLength(CulpritMaxLength);
        entity.Property(i => i.FirstSeen).HasColumnName("first_seen");
        entity.Property(i => i.LastSeen).HasColumnName("last_seen");
        entity.Property(i => i.EventCount).HasColumnName("event_count");
        entity.Property(i => i.UsersCount).HasColumnName("users_count");
        entity.Property(i => i.LastRelease).HasColumnName("last_release").HasMaxLength(ReleaseMaxLength);
        entity.Property(i => i.Status).HasColumnName("status").HasMaxLength(16);
        entity.Property(i => i.ResolvedAt).HasColumnName("resolved_at");
        entity.Property(i => i.ResolvedInRelease).HasColumnName("resolved_in_release").HasMaxLength(ReleaseMaxLength);
        entity.Property(i => i.ResolvedInNextRelease).HasColumnName("resolved_in_next_release");
        entity.Property(i => i.SnoozedUntil).HasColumnName("snoozed_until");
        entity.Property(i => i.SnoozedUntilCount).HasColumnName("snoozed_until_count");
        entity.Property(i => i.RegressedAt).HasColumnName("regressed_at");
        entity.Property(i => i.MergedIntoId).HasColumnName("merged_into_id");
        entity.Property(i => i.LastAlertedAt).HasColumnName("last_alerted_at");
        entity.Property(i => i.SpikeHour).HasColumnName("spike_hour");

        entity.HasIndex(i => i.Fingerprint).IsUnique().HasDatabaseName("ux_error_issues_fingerprint");
        // The list: newest activity first, by (last_seen, id).
        entity.HasIndex(i => new { i.LastSeen, i.Id }).IsDescending(true, true).HasDatabaseName("ix_error_issues_last_seen_id");
        entity.HasIndex(i => i.MergedIntoId).HasDatabaseName("ix_error_issues_merged_into");
        entity.HasOne<ErrorIssue>().WithMany().HasForeignKey(i => i.MergedIntoId).HasConstraintName("fk_error_issues_merged_into")
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ErrorIssueFingerprintConfiguration : IEntityTypeConfiguration<ErrorIssueFingerprint>
{
    public void Configure(EntityTypeBuilder<ErrorIssueFingerprint> entity)
    {
        entity.ToTable("error_issue_fingerprints");
        entity.HasKey(f => f.Fingerprint).HasName("pk_error_issue_fingerprints");
        entity.Property(f => f.Fingerprint).HasColumnName("fingerprint").HasMaxLength(ErrorIssueConfiguration.FingerprintLength);
        entity.Property(f => f.IssueId).HasColumnName("issue_id");
        entity.Property(f => f.OriginalIssueId).HasColumnName("original_issue_id");
        entity.Property(f => f.FirstSeen).HasColumnName("first_seen");
        entity.Property(f => f.LastSeen).HasColumnName("last_seen");
        entity.Property(f => f.EventCount).HasColumnName("event_count");
        entity.HasIndex(f => f.IssueId).HasDatabaseName("ix_error_issue_fingerprints_issue");
        entity.HasIndex(f => f.OriginalIssueId).HasDatabaseName("ix_error_issue_fingerprints_original");
        entity.HasOne<ErrorIssue>().WithMany().HasForeignKey(f => f.IssueId).HasConstraintName("fk_error_issue_fingerprints_issue")
            .OnDelete(DeleteBehavior.Restrict);
        entity.HasOne<ErrorIssue>().WithMany().HasForeignKey(f => f.OriginalIssueId).HasConstraintName("fk_error_issue_fingerprints_original")
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ErrorIssueUserConfiguration : IEntityTypeConfiguration<ErrorIssueUser>
{
    public void Configure(EntityTypeBuilder<ErrorIssueUser> entity)
    {
        entity.ToTable("error_issue_users");
        entity.HasKey(u => new { u.Fingerprint, u.UserKey }).HasName("pk_error_issue_users");
        entity.Property(u => u.Fingerprint).HasColumnName("fingerprint").HasMaxLength(ErrorIssueConfiguration.FingerprintLength);
        entity.Property(u => u.UserKey).HasColumnName("user_key").HasMaxLength(ErrorIssueConfiguration.UserKeyMaxLength);
    }
}

internal sealed class ErrorIssueReleaseConfiguration : IEntityTypeConfiguration<ErrorIssueRelease>
{
    public void Configure(EntityTypeBuilder<ErrorIssueRelease> entity)
    {
        entity.ToTable("error_issue_releases");
        entity.HasKey(r => new { r.Fingerprint, r.Release }).HasName("pk_error_issue_releases");
        entity.Property(r => r.Fingerprint).HasColumnName("fingerprint").HasMaxLength(ErrorIssueConfiguration.FingerprintLength);
        entity.Property(r => r.Release).HasColumnName("release").HasMaxLength(ErrorIssueConfiguration.ReleaseMaxLength);
        entity.Property(r => r.FirstSeen).HasColumnName("first_seen");
        entity.Property(r => r.LastSeen).HasColumnName("last_seen");
        entity.Property(r => r.EventCount).HasColumnName("event_count");
        // The list's release filter.
        entity.HasIndex(r => r.Release).HasDatabaseName("ix_error_issue_releases_release");
    }
}

internal sealed class ErrorIssueHourConfiguration : IEntityTypeConfiguration<ErrorIssueHour>
{
    public void Configure(EntityTypeBuilder<ErrorIssueHour> entity)
    {
        entity.ToTable("error_issue_hours");
        entity.HasKey(h => new { h.Fingerprint, h.Hour }).HasName("pk_error_issue_hours");
        entity.Property(h => h.Fingerprint).HasColumnName("fingerprint").HasMaxLength(ErrorIssueConfiguration.FingerprintLength);
        entity.Property(h => h.Hour).HasColumnName("hour");
        entity.Property(h => h.EventCount).HasColumnName("event_count");
        // Retention and the digest read by hour across fingerprints.
        entity.HasIndex(h => h.Hour).HasDatabaseName("ix_error_issue_hours_hour");
    }
}

internal sealed class ErrorReleaseConfiguration : IEntityTypeConfiguration<ErrorRelease>
{
    public void Configure(EntityTypeBuilder<ErrorRelease> entity)
    {
        entity.ToTable("error_releases");
        entity.HasKey(r => r.Name).HasName("pk_error_releases");
        entity.Property(r => r.Name).HasColumnName("name").HasMaxLength(ErrorIssueConfiguration.ReleaseMaxLength);
        entity.Property(r => r.FirstSeen).HasColumnName("first_seen");
    }
}

internal sealed class ErrorDigestRunConfiguration : IEntityTypeConfiguration<ErrorDigestRun>
{
    public void Configure(EntityTypeBuilder<ErrorDigestRun> entity)
    {
        entity.ToTable("error_digest_runs");
        entity.HasKey(r => r.Day).HasName("pk_error_digest_runs");
        entity.Property(r => r.Day).HasColumnName("day");
        entity.Property(r => r.SentAt).HasColumnName("sent_at");
    }
}
