using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vybe.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddSightingJournal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "feeling",
                table: "readings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "note",
                table: "readings",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            // Added empty, filled from created_at, then required: a DEFAULT would outlive the migration.
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "seen_at",
                table: "readings",
                type: "timestamptz",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "seen_place",
                table: "readings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            // Readings made before the journal were seen when they were made.
            migrationBuilder.Sql("UPDATE readings SET seen_at = created_at;");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "seen_at",
                table: "readings",
                type: "timestamptz",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamptz",
                oldNullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "BirthDate",
                table: "AspNetUsers",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "AspNetUsers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_readings_guest_seen",
                table: "readings",
                columns: new[] { "guest_id", "seen_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_readings_user_seen",
                table: "readings",
                columns: new[] { "user_id", "seen_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.AddCheckConstraint(
                name: "ck_readings_feeling",
                table: "readings",
                sql: "feeling IS NULL OR feeling IN ('calm', 'curious', 'hopeful', 'joyful', 'uneasy', 'puzzled')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_readings_seen_place",
                table: "readings",
                sql: "seen_place IS NULL OR seen_place IN ('clock', 'phone', 'receipt', 'plate', 'page', 'other')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_readings_guest_seen",
                table: "readings");

            migrationBuilder.DropIndex(
                name: "ix_readings_user_seen",
                table: "readings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_readings_feeling",
                table: "readings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_readings_seen_place",
                table: "readings");

            migrationBuilder.DropColumn(
                name: "feeling",
                table: "readings");

            migrationBuilder.DropColumn(
                name: "note",
                table: "readings");

            migrationBuilder.DropColumn(
                name: "seen_at",
                table: "readings");

            migrationBuilder.DropColumn(
                name: "seen_place",
                table: "readings");

            migrationBuilder.DropColumn(
                name: "BirthDate",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "AspNetUsers");
        }
    }
}
