using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Reports_Xapi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reports_api_clients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ScopePath = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ScopeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastUsedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reports_api_clients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "reports_statements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StatementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StoredUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TimestampUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Verb = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ActivityType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ActivityKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ActivityName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: true),
                    OrgPath = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ScoreRaw = table.Column<decimal>(type: "TEXT", precision: 9, scale: 3, nullable: true),
                    ScoreMin = table.Column<decimal>(type: "TEXT", precision: 9, scale: 3, nullable: true),
                    ScoreMax = table.Column<decimal>(type: "TEXT", precision: 9, scale: 3, nullable: true),
                    Success = table.Column<bool>(type: "INTEGER", nullable: true),
                    Completion = table.Column<bool>(type: "INTEGER", nullable: true),
                    DurationMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reports_statements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "reports_api_client_usage",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reports_api_client_usage", x => x.Id);
                    table.ForeignKey(
                        name: "FK_reports_api_client_usage_reports_api_clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "reports_api_clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reports_api_client_usage_ClientId_Day",
                table: "reports_api_client_usage",
                columns: new[] { "ClientId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reports_api_clients_KeyId",
                table: "reports_api_clients",
                column: "KeyId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reports_statements_ActivityType_ActivityKey_Id",
                table: "reports_statements",
                columns: new[] { "ActivityType", "ActivityKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_statements_OrgPath_Id",
                table: "reports_statements",
                columns: new[] { "OrgPath", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_statements_StatementId",
                table: "reports_statements",
                column: "StatementId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reports_statements_StoredUtc",
                table: "reports_statements",
                column: "StoredUtc");

            migrationBuilder.CreateIndex(
                name: "IX_reports_statements_UserId_Id",
                table: "reports_statements",
                columns: new[] { "UserId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reports_api_client_usage");

            migrationBuilder.DropTable(
                name: "reports_statements");

            migrationBuilder.DropTable(
                name: "reports_api_clients");
        }
    }
}
