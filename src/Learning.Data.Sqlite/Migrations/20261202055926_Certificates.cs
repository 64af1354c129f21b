using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Certificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "certificates_issued",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Serial = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: true),
                    PathId = table.Column<int>(type: "INTEGER", nullable: true),
                    CourseVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CurrentKey = table.Column<string>(type: "TEXT", maxLength: 600, nullable: true),
                    HolderName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HolderNameFolded = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Position = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    OrgPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Hours = table.Column<double>(type: "REAL", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ScorePercent = table.Column<double>(type: "REAL", nullable: true),
                    IssuedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RevokedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RevokedReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SupersededBySerial = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    SupersedesSerial = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Sha256Hex = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SignerThumbprint = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    TestSigner = table.Column<bool>(type: "INTEGER", nullable: false),
                    TemplateId = table.Column<int>(type: "INTEGER", nullable: false),
                    TemplateRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates_issued", x => x.Id);
                });

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

            migrationBuilder.CreateTable(
                name: "certificates_templates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: true),
                    PathId = table.Column<int>(type: "INTEGER", nullable: true),
                    IsDefault = table.Column<bool>(type: "INTEGER", nullable: false),
                    Orientation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Agency = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BodyLiquid = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    EmblemImage = table.Column<byte[]>(type: "BLOB", nullable: true),
                    BackgroundImage = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates_templates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "certificates_file",
                columns: table => new
                {
                    CertificateId = table.Column<long>(type: "INTEGER", nullable: false),
                    Pdf = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates_file", x => x.CertificateId);
                    table.ForeignKey(
                        name: "FK_certificates_file_certificates_issued_CertificateId",
                        column: x => x.CertificateId,
                        principalTable: "certificates_issued",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "certificates_template_signatories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TemplateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SignatureImage = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates_template_signatories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_certificates_template_signatories_certificates_templates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "certificates_templates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_certificates_issued_CurrentKey",
                table: "certificates_issued",
                column: "CurrentKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificates_issued_Serial",
                table: "certificates_issued",
                column: "Serial",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificates_issued_Sha256Hex",
                table: "certificates_issued",
                column: "Sha256Hex");

            migrationBuilder.CreateIndex(
                name: "IX_certificates_issued_UserId_IssuedUtc",
                table: "certificates_issued",
                columns: new[] { "UserId", "IssuedUtc" });

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

            migrationBuilder.CreateIndex(
                name: "IX_certificates_template_signatories_TemplateId",
                table: "certificates_template_signatories",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_certificates_templates_CourseId",
                table: "certificates_templates",
                column: "CourseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificates_templates_PathId",
                table: "certificates_templates",
                column: "PathId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "certificates_file");

            migrationBuilder.DropTable(
                name: "certificates_readiness_notices");

            migrationBuilder.DropTable(
                name: "certificates_readiness_requirements");

            migrationBuilder.DropTable(
                name: "certificates_signature_events");

            migrationBuilder.DropTable(
                name: "certificates_signatures");

            migrationBuilder.DropTable(
                name: "certificates_template_signatories");

            migrationBuilder.DropTable(
                name: "certificates_issued");

            migrationBuilder.DropTable(
                name: "certificates_templates");
        }
    }
}
