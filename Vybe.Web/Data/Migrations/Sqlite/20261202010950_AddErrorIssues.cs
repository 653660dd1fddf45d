using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vybe.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddErrorIssues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "fingerprint",
                table: "error_logs",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "issue_id",
                table: "error_logs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "release",
                table: "error_logs",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MuteDailyErrorDigest",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "MuteNewIssueAlerts",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "MuteRegressionAlerts",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "MuteSpikeAlerts",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "error_digest_runs",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_error_digest_runs", x => x.day);
                });

            migrationBuilder.CreateTable(
                name: "error_issue_hours",
                columns: table => new
                {
                    fingerprint = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    hour = table.Column<long>(type: "INTEGER", nullable: false),
                    event_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_error_issue_hours", x => new { x.fingerprint, x.hour });
                });

            migrationBuilder.CreateTable(
                name: "error_issue_releases",
                columns: table => new
                {
                    fingerprint = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    release = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    first_seen = table.Column<long>(type: "INTEGER", nullable: false),
                    last_seen = table.Column<long>(type: "INTEGER", nullable: false),
                    event_count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_error_issue_releases", x => new { x.fingerprint, x.release });
                });

            migrationBuilder.CreateTable(
                name: "error_issue_users",
                columns: table => new
                {
                    fingerprint = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    user_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_error_issue_users", x => new { x.fingerprint, x.user_key });
                });

            migrationBuilder.CreateTable(
                name: "error_issues",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    fingerprint = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    service = table.Column<string>(type: "TEXT", nullable: false),
                    level = table.Column<string>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", nullable: true),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    culprit = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    first_seen = table.Column<long>(type: "INTEGER", nullable: false),
                    last_seen = table.Column<long>(type: "INTEGER", nullable: false),
                    event_count = table.Column<long>(type: "INTEGER", nullable: false),
                    users_count = table.Column<int>(type: "INTEGER", nullable: false),
                    last_release = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    resolved_at = table.Column<long>(type: "INTEGER", nullable: true),
                    resolved_in_release = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    resolved_in_next_release = table.Column<bool>(type: "INTEGER", nullable: false),
                    snoozed_until = table.Column<long>(type: "INTEGER", nullable: true),
                    snoozed_until_count = table.Column<long>(type: "INTEGER", nullable: true),
                    regressed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    merged_into_id = table.Column<long>(type: "INTEGER", nullable: true),
                    last_alerted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    spike_hour = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_error_issues", x => x.id);
                    table.CheckConstraint("ck_error_issues_level", "level IN ('error', 'warn', 'info')");
                    table.CheckConstraint("ck_error_issues_status", "status IN ('open', 'resolved', 'ignored', 'snoozed')");
                    table.ForeignKey(
                        name: "fk_error_issues_merged_into",
                        column: x => x.merged_into_id,
                        principalTable: "error_issues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "error_releases",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    first_seen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_error_releases", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "error_issue_fingerprints",
                columns: table => new
                {
                    fingerprint = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    issue_id = table.Column<long>(type: "INTEGER", nullable: false),
                    original_issue_id = table.Column<long>(type: "INTEGER", nullable: false),
                    first_seen = table.Column<long>(type: "INTEGER", nullable: false),
                    last_seen = table.Column<long>(type: "INTEGER", nullable: false),
                    event_count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_error_issue_fingerprints", x => x.fingerprint);
                    table.ForeignKey(
                        name: "fk_error_issue_fingerprints_issue",
                        column: x => x.issue_id,
                        principalTable: "error_issues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_error_issue_fingerprints_original",
                        column: x => x.original_issue_id,
                        principalTable: "error_issues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_error_logs_issue_ts_id",
                table: "error_logs",
                columns: new[] { "issue_id", "ts", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_error_logs_release",
                table: "error_logs",
                column: "release");

            migrationBuilder.CreateIndex(
                name: "ix_error_logs_unfingerprinted",
                table: "error_logs",
                column: "id",
                filter: "fingerprint IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_error_issue_fingerprints_issue",
                table: "error_issue_fingerprints",
                column: "issue_id");

            migrationBuilder.CreateIndex(
                name: "ix_error_issue_fingerprints_original",
                table: "error_issue_fingerprints",
                column: "original_issue_id");

            migrationBuilder.CreateIndex(
                name: "ix_error_issue_hours_hour",
                table: "error_issue_hours",
                column: "hour");

            migrationBuilder.CreateIndex(
                name: "ix_error_issue_releases_release",
                table: "error_issue_releases",
                column: "release");

            migrationBuilder.CreateIndex(
                name: "ix_error_issues_last_seen_id",
                table: "error_issues",
                columns: new[] { "last_seen", "id" },
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ix_error_issues_merged_into",
                table: "error_issues",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ux_error_issues_fingerprint",
                table: "error_issues",
                column: "fingerprint",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "error_digest_runs");

            migrationBuilder.DropTable(
                name: "error_issue_fingerprints");

            migrationBuilder.DropTable(
                name: "error_issue_hours");

            migrationBuilder.DropTable(
                name: "error_issue_releases");

            migrationBuilder.DropTable(
                name: "error_issue_users");

            migrationBuilder.DropTable(
                name: "error_releases");

            migrationBuilder.DropTable(
                name: "error_issues");

            migrationBuilder.DropIndex(
                name: "ix_error_logs_issue_ts_id",
                table: "error_logs");

            migrationBuilder.DropIndex(
                name: "ix_error_logs_release",
                table: "error_logs");

            migrationBuilder.DropIndex(
                name: "ix_error_logs_unfingerprinted",
                table: "error_logs");

            migrationBuilder.DropColumn(
                name: "fingerprint",
                table: "error_logs");

            migrationBuilder.DropColumn(
                name: "issue_id",
                table: "error_logs");

            migrationBuilder.DropColumn(
                name: "release",
                table: "error_logs");

            migrationBuilder.DropColumn(
                name: "MuteDailyErrorDigest",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "MuteNewIssueAlerts",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "MuteRegressionAlerts",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "MuteSpikeAlerts",
                table: "AspNetUsers");
        }
    }
}
