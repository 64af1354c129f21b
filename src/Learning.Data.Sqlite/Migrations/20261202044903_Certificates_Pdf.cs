using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Certificates_Pdf : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "certificates_template_signatories");

            migrationBuilder.DropTable(
                name: "certificates_templates");
        }
    }
}
