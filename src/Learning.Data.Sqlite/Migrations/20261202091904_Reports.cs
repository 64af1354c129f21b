using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Reports : Migration
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
                name: "reports_hour_targets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Hours = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reports_hour_targets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "reports_saved",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OwnerUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Query = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reports_saved", x => x.Id);
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

            migrationBuilder.CreateTable(
                name: "reports_subscriptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SavedReportId = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Cadence = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SkipWhenEmpty = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastSentPeriod = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    LastSentUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastRowCount = table.Column<int>(type: "INTEGER", nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                name: "IX_quizzes_attempt_UserId_CourseId",
                table: "quizzes_attempt",
                columns: new[] { "UserId", "CourseId" });

            migrationBuilder.CreateIndex(
                name: "IX_org_cadre_OrgPath_pattern",
                table: "org_cadre",
                column: "OrgPath");

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
                name: "IX_reports_hour_targets_Year_Position",
                table: "reports_hour_targets",
                columns: new[] { "Year", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reports_saved_OwnerUserId_Name",
                table: "reports_saved",
                columns: new[] { "OwnerUserId", "Name" });

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
                name: "reports_api_client_usage");

            migrationBuilder.DropTable(
                name: "reports_hour_targets");

            migrationBuilder.DropTable(
                name: "reports_statements");

            migrationBuilder.DropTable(
                name: "reports_subscriptions");

            migrationBuilder.DropTable(
                name: "reports_api_clients");

            migrationBuilder.DropTable(
                name: "reports_saved");

            migrationBuilder.DropIndex(
                name: "IX_quizzes_attempt_UserId_CourseId",
                table: "quizzes_attempt");

            migrationBuilder.DropIndex(
                name: "IX_org_cadre_OrgPath_pattern",
                table: "org_cadre");
        }
    }
}
