using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Certificates_Issuing : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "certificates_file");

            migrationBuilder.DropTable(
                name: "certificates_issued");
        }
    }
}
