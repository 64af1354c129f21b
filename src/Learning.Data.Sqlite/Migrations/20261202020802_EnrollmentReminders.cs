using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EnrollmentReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "Due1NoticeFor",
                table: "courses_enrollment",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "Due7NoticeFor",
                table: "courses_enrollment",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OverdueNoticeFor",
                table: "courses_enrollment",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_courses_enrollment_DueUtc",
                table: "courses_enrollment",
                column: "DueUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_courses_enrollment_DueUtc",
                table: "courses_enrollment");

            migrationBuilder.DropColumn(
                name: "Due1NoticeFor",
                table: "courses_enrollment");

            migrationBuilder.DropColumn(
                name: "Due7NoticeFor",
                table: "courses_enrollment");

            migrationBuilder.DropColumn(
                name: "OverdueNoticeFor",
                table: "courses_enrollment");
        }
    }
}
