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
            table.HasCheckConstraint("ck_readings_seen_place",
                "seen_place IS NULL OR seen_place IN ('clock', 'phone', 'receipt', 'plate', 'page', 'other')");
            table.HasCheckConstraint("ck_readings_feeling",
                "feeling IS NULL OR feeling IN ('calm', 'curious', 'hopeful', 'joyful', 'uneasy', 'puzzled')");
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
        entity.Property(r => r.SeenAt).HasColumnName("seen_at");
        entity.Property(r => r.SeenPlace).HasColumnName("seen_place").HasMaxLength(16);
        entity.Property(r => r.Note).HasColumnName("note").HasMaxLength(SightingLimits.NoteMaxLength);
        entity.Property(r => r.Feeling).HasColumnName("feeling").HasMaxLength(16);

        // Deleting an account deletes its history.
        entity.HasOne<VybeUser>().WithMany().HasForeignKey(r => r.UserId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_readings_user");

        // History pages walk newest first per owner; the guest purge walks by time.
        entity.HasIndex(r => new { r.UserId, r.CreatedAt, r.Id }).IsDescending(false, true, true).HasDatabaseName("ix_readings_user_newest");
        entity.HasIndex(r => new { r.GuestId, r.CreatedAt, r.Id }).IsDescending(false, true, true).HasDatabaseName("ix_readings_guest_newest");
        entity.HasIndex(r => r.CreatedAt).HasDatabaseName("ix_readings_created_at");
        // The journal lists and counts sightings by when they were seen.
        entity.HasIndex(r => new { r.UserId, r.SeenAt, r.Id }).IsDescending(false, true, true).HasDatabaseName("ix_readings_user_seen");
        entity.HasIndex(r => new { r.GuestId, r.SeenAt, r.Id }).IsDescending(false, true, true).HasDatabaseName("ix_readings_guest_seen");
        entity.HasIndex(r => r.ShareToken).IsUnique().HasDatabaseName("ux_readings_share_token");
    }
}
