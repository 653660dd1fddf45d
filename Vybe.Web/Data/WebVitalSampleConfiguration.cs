using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vybe.Web.WebVitals;

namespace Vybe.Web.Data;

internal sealed class WebVitalSampleConfiguration : IEntityTypeConfiguration<WebVitalSample>
{
    public void Configure(EntityTypeBuilder<WebVitalSample> entity)
    {
        entity.ToTable("web_vitals", table =>
        {
            table.HasCheckConstraint("ck_web_vitals_metric", "metric IN ('LCP', 'INP', 'CLS', 'FCP', 'TTFB')");
            table.HasCheckConstraint("ck_web_vitals_rating", "rating IN ('good', 'needs-improvement', 'poor')");
            table.HasCheckConstraint("ck_web_vitals_value", "value >= 0");
        });
        entity.HasKey(s => s.Id).HasName("pk_web_vitals");
        entity.Property(s => s.Id).HasColumnName("id").ValueGeneratedOnAdd();
        entity.Property(s => s.Ts).HasColumnName("ts");
        entity.Property(s => s.Page).HasColumnName("page");
        entity.Property(s => s.Metric).HasColumnName("metric");
        entity.Property(s => s.Value).HasColumnName("value");
        entity.Property(s => s.Rating).HasColumnName("rating");
        entity.Property(s => s.RequestId).HasColumnName("request_id");

        // Retention deletes by time; the admin page reads each page and metric over a time window.
        entity.HasIndex(s => s.Ts).HasDatabaseName("ix_web_vitals_ts");
        entity.HasIndex(s => new { s.Page, s.Metric, s.Ts }).HasDatabaseName("ix_web_vitals_page_metric_ts");
    }
}
