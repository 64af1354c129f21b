using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Learning.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Reports_Exports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reports_subscriptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SavedReportId = table.Column<int>(type: "integer", nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Cadence = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SkipWhenEmpty = table.Column<bool>(type: "boolean", nullable: false),
                    LastSentPeriod = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    LastSentUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastRowCount = table.Column<int>(type: "integer", nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reports_subscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_reports_subscriptions_reports_saved_SavedReportId",
                        column: x => x.SavedReportId,
                        principalTable: "reports_saved",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reports_subscriptions_Active_Cadence",
                table: "reports_subscriptions",
                columns: new[] { "Active", "Cadence" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_subscriptions_SavedReportId_OwnerId",
                table: "reports_subscriptions",
                columns: new[] { "SavedReportId", "OwnerId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reports_subscriptions");
        }
    }
}
