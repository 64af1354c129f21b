using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AttemptDrawnOnTheRow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Drawn",
                table: "quizzes_attempt",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_quizzes_attempt_Drawn",
                table: "quizzes_attempt",
                column: "Id",
                filter: "\"Drawn\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_quizzes_attempt_Drawn",
                table: "quizzes_attempt");

            migrationBuilder.DropColumn(
                name: "Drawn",
                table: "quizzes_attempt");
        }
    }
}
