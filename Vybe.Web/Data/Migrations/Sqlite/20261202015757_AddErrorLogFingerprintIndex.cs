using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vybe.Web.Data.Migrations.Sqlite
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_error_logs_fingerprint_ts_id",
                table: "error_logs");
        }
    }
}
