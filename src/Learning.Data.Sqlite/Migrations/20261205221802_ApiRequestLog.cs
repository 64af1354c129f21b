using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ApiRequestLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RequestsPerMinute",
                table: "reports_api_clients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "reports_api_requests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Query = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DurationMs = table.Column<int>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reports_api_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_reports_api_requests_reports_api_clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "reports_api_clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reports_api_requests_ClientId_AtUtc_Id",
                table: "reports_api_requests",
                columns: new[] { "ClientId", "AtUtc", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reports_api_requests");

            migrationBuilder.DropColumn(
                name: "RequestsPerMinute",
                table: "reports_api_clients");
        }
    }
}
