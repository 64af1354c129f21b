using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Learning.Data.PostgreSql.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Serial = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CourseId = table.Column<int>(type: "integer", nullable: true),
                    PathId = table.Column<int>(type: "integer", nullable: true),
                    CourseVersion = table.Column<int>(type: "integer", nullable: false),
                    Subject = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CurrentKey = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: true),
                    HolderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HolderNameFolded = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Position = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    UnitName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    OrgPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Hours = table.Column<double>(type: "double precision", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ScorePercent = table.Column<double>(type: "double precision", nullable: true),
                    IssuedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RevokedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RevokedReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SupersededBySerial = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    SupersedesSerial = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Sha256Hex = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SignerThumbprint = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    TestSigner = table.Column<bool>(type: "boolean", nullable: false),
                    TemplateId = table.Column<int>(type: "integer", nullable: false),
                    TemplateRevision = table.Column<int>(type: "integer", nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates_issued", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "certificates_file",
                columns: table => new
                {
                    CertificateId = table.Column<long>(type: "bigint", nullable: false),
                    Pdf = table.Column<byte[]>(type: "bytea", nullable: false)
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
