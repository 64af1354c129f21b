using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QuizOverallFeedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OverallFeedback",
                table: "quizzes_quiz",
                type: "TEXT",
                maxLength: 50000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OverallFeedback",
                table: "quizzes_quiz");
        }
    }
}
