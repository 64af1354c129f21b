using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Certificates_Readiness : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "certificates_readiness_notices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CadreId = table.Column<int>(type: "INTEGER", nullable: false),
                    Requirement = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SentUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates_readiness_notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "certificates_readiness_requirements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProvinceUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    PathId = table.Column<int>(type: "INTEGER", nullable: true),
                    CourseIds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates_readiness_requirements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "certificates_signature_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CadreId = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates_signature_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "certificates_signatures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CadreId = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReturnedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Serial = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    IssuedRecordedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates_signatures", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_certificates_readiness_notices_CadreId_Requirement",
                table: "certificates_readiness_notices",
                columns: new[] { "CadreId", "Requirement" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificates_readiness_requirements_ProvinceUnitId",
                table: "certificates_readiness_requirements",
                column: "ProvinceUnitId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificates_signature_events_CadreId_AtUtc",
                table: "certificates_signature_events",
                columns: new[] { "CadreId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_certificates_signatures_CadreId",
                table: "certificates_signatures",
                column: "CadreId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificates_signatures_Serial",
                table: "certificates_signatures",
                column: "Serial",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "certificates_readiness_notices");

            migrationBuilder.DropTable(
                name: "certificates_readiness_requirements");

            migrationBuilder.DropTable(
                name: "certificates_signature_events");

            migrationBuilder.DropTable(
                name: "certificates_signatures");
        }
    }
}
