using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vybe.Web.Data.Migrations.Sqlite
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ts = table.Column<long>(type: "INTEGER", nullable: false),
                    page = table.Column<string>(type: "TEXT", nullable: false),
                    metric = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<double>(type: "REAL", nullable: false),
                    rating = table.Column<string>(type: "TEXT", nullable: false),
                    request_id = table.Column<Guid>(type: "TEXT", nullable: false)
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
