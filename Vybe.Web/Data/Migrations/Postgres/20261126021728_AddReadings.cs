using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vybe.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddReadings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "readings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    guest_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    raw_input = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    normalized_input = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    depth = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    numbers = table.Column<string>(type: "jsonb", nullable: false),
                    writer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sections = table.Column<string>(type: "jsonb", nullable: false),
                    writer_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamptz", nullable: false),
                    share_token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_readings", x => x.id);
                    table.CheckConstraint("ck_readings_depth", "depth IN ('lite', 'standard', 'deep')");
                    table.CheckConstraint("ck_readings_kind", "kind IN ('time', 'number', 'image', 'compare')");
                    table.CheckConstraint("ck_readings_one_owner", "(user_id IS NULL) <> (guest_id IS NULL)");
                    table.ForeignKey(
                        name: "fk_readings_user",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_readings_created_at",
                table: "readings",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_readings_guest_newest",
                table: "readings",
                columns: new[] { "guest_id", "created_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_readings_user_newest",
                table: "readings",
                columns: new[] { "user_id", "created_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ux_readings_share_token",
                table: "readings",
                column: "share_token",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "readings");
        }
    }
}
