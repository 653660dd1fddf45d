using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vybe.Web.Accounts;

namespace Vybe.Web.Data;

internal sealed class VybeUserConfiguration : IEntityTypeConfiguration<VybeUser>
{
    // IANA zone ids are short (the longest is about 30 characters).
    public const int TimeZoneMaxLength = 64;

    public void Configure(EntityTypeBuilder<VybeUser> entity)
    {
        entity.Property(u => u.TimeZone).HasMaxLength(TimeZoneMaxLength);
    }
}
