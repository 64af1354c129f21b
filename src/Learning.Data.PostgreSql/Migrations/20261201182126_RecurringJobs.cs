using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class RecurringJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "core_recurring_job",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Schedule = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NextDueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastDueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastJobId = table.Column<long>(type: "bigint", nullable: true),
                    LastQueuedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_core_recurring_job", x => x.Name);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "core_recurring_job");
        }
    }
}
