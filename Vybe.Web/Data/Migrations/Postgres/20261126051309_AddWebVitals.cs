using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vybe.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddWebVitals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "web_vitals",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ts = table.Column<DateTimeOffset>(type: "timestamptz", nullable: false),
                    page = table.Column<string>(type: "text", nullable: false),
                    metric = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    rating = table.Column<string>(type: "text", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_web_vitals", x => x.id);
                    table.CheckConstraint("ck_web_vitals_metric", "metric IN ('LCP', 'INP', 'CLS', 'FCP', 'TTFB')");
                    table.CheckConstraint("ck_web_vitals_rating", "rating IN ('good', 'needs-improvement', 'poor')");
                    table.CheckConstraint("ck_web_vitals_value", "value >= 0");
                });

            migrationBuilder.CreateIndex(
                name: "ix_web_vitals_page_metric_ts",
                table: "web_vitals",
                columns: new[] { "page", "metric", "ts" });

            migrationBuilder.CreateIndex(
                name: "ix_web_vitals_ts",
                table: "web_vitals",
                column: "ts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "web_vitals");
        }
    }
}
