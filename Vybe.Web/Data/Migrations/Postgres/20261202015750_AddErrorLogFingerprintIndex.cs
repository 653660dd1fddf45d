using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vybe.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddErrorLogFingerprintIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_error_logs_fingerprint_ts_id",
                table: "error_logs",
                columns: new[] { "fingerprint", "ts", "id" },
                descending: new[] { false, true, true });

            // The row log's filters combine service, level and environment, which are far from
            // independent (browser rows are all errors): without these statistics the planner takes a
            // filter no row matches for a common one and walks the whole (ts, id) index (5 s at a
            // million rows, 31 ms with them; docs/BENCHMARKS.md, "Error issues at scale").
            migrationBuilder.Sql("CREATE STATISTICS IF NOT EXISTS st_error_logs_service_level (mcv) ON service, level, environment FROM error_logs;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP STATISTICS IF EXISTS st_error_logs_service_level;");

            migrationBuilder.DropIndex(
                name: "ix_error_logs_fingerprint_ts_id",
                table: "error_logs");
        }
    }
}
