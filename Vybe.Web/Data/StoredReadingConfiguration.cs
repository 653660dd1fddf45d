using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vybe.Web.Accounts;
using Vybe.Web.History;

namespace Vybe.Web.Data;

internal sealed class StoredReadingConfiguration : IEntityTypeConfiguration<StoredReading>
{
    public void Configure(EntityTypeBuilder<StoredReading> entity)
    {
        entity.ToTable("readings", table =>
        {
            table.HasCheckConstraint("ck_readings_one_owner", "(user_id IS NULL) <> (guest_id IS NULL)");
            table.HasCheckConstraint("ck_readings_kind", "kind IN ('time', 'number', 'image', 'compare')");
            table.HasCheckConstraint("ck_readings_depth", "depth IN ('lite', 'standard', 'deep')");
        });
        entity.HasKey(r => r.Id).HasName("pk_readings");
        entity.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        entity.Property(r => r.UserId).HasColumnName("user_id");
        entity.Property(r => r.GuestId).HasColumnName("guest_id");
        entity.Property(r => r.Kind).HasColumnName("kind").HasMaxLength(16);
        entity.Property(r => r.RawInput).HasColumnName("raw_input").HasMaxLength(200);
        entity.Property(r => r.NormalizedInput).HasColumnName("normalized_input").HasMaxLength(200);
        entity.Property(r => r.Depth).HasColumnName("depth").HasMaxLength(16);
        entity.Property(r => r.Numbers).HasColumnName("numbers").HasConversion<StoredJsonConverter>();
        entity.Property(r => r.Writer).HasColumnName("writer").HasMaxLength(100);
        entity.Property(r => r.Sections).HasColumnName("sections").HasConversion<StoredJsonConverter>();
        entity.Property(r => r.WriterNote).HasColumnName("writer_note").HasMaxLength(500);
        entity.Property(r => r.CreatedAt).HasColumnName("created_at");
        entity.Property(r => r.ShareToken).HasColumnName("share_token").HasMaxLength(64);

        // Deleting an account deletes its history.
        entity.HasOne<VybeUser>().WithMany().HasForeignKey(r => r.UserId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_readings_user");

        // History pages walk newest first per owner; the guest purge walks by time.
        entity.HasIndex(r => new { r.UserId, r.CreatedAt, r.Id }).IsDescending(false, true, true).HasDatabaseName("ix_readings_user_newest");
        entity.HasIndex(r => new { r.GuestId, r.CreatedAt, r.Id }).IsDescending(false, true, true).HasDatabaseName("ix_readings_guest_newest");
        entity.HasIndex(r => r.CreatedAt).HasDatabaseName("ix_readings_created_at");
        entity.HasIndex(r => r.ShareToken).IsUnique().HasDatabaseName("ux_readings_share_token");
    }
}
