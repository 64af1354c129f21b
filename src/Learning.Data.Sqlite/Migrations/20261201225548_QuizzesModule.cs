using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QuizzesModule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "quizzes_category",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    CourseSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Info = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quizzes_category", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quizzes_category_quizzes_category_ParentId",
                        column: x => x.ParentId,
                        principalTable: "quizzes_category",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "quizzes_quiz",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Intro = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    CourseSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    TimeLimitSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    AttemptsAllowed = table.Column<int>(type: "INTEGER", nullable: false),
                    GradingMethod = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PassPercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    QuestionsPerPage = table.Column<int>(type: "INTEGER", nullable: false),
                    ShuffleQuestions = table.Column<bool>(type: "INTEGER", nullable: false),
                    ShuffleOptions = table.Column<bool>(type: "INTEGER", nullable: false),
                    OpensUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosesUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DelayBetweenAttemptsSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewDuring = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewImmediately = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewLaterOpen = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewAfterClose = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quizzes_quiz", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quizzes_question",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CurrentVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Archived = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quizzes_question", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quizzes_question_quizzes_category_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "quizzes_category",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "quizzes_attempt",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PublicId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuizId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: true),
                    CourseSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LessonKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    StartedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeadlineUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CurrentPage = table.Column<int>(type: "INTEGER", nullable: false),
                    PageCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 9, scale: 3, nullable: true),
                    MaxScore = table.Column<decimal>(type: "TEXT", precision: 9, scale: 3, nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    GradedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quizzes_attempt", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quizzes_attempt_quizzes_quiz_QuizId",
                        column: x => x.QuizId,
                        principalTable: "quizzes_quiz",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "quizzes_override",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuizId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ExtraTimeSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    TimeMultiplier = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    ExtraAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosesUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quizzes_override", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quizzes_override_quizzes_quiz_QuizId",
                        column: x => x.QuizId,
                        principalTable: "quizzes_quiz",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quizzes_question_version",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Definition = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quizzes_question_version", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quizzes_question_version_quizzes_question_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "quizzes_question",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quizzes_slot",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuizId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: true),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    RandomCount = table.Column<int>(type: "INTEGER", nullable: false),
                    IncludeSubcategories = table.Column<bool>(type: "INTEGER", nullable: false),
                    Mark = table.Column<decimal>(type: "TEXT", precision: 9, scale: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quizzes_slot", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quizzes_slot_quizzes_category_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "quizzes_category",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_quizzes_slot_quizzes_question_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "quizzes_question",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_quizzes_slot_quizzes_quiz_QuizId",
                        column: x => x.QuizId,
                        principalTable: "quizzes_quiz",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quizzes_attempt_event",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AttemptId = table.Column<long>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quizzes_attempt_event", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quizzes_attempt_event_quizzes_attempt_AttemptId",
                        column: x => x.AttemptId,
                        principalTable: "quizzes_attempt",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quizzes_attempt_question",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AttemptId = table.Column<long>(type: "INTEGER", nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    Page = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    OptionOrder = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Mark = table.Column<decimal>(type: "TEXT", precision: 9, scale: 3, nullable: false),
                    Response = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    SavedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Fraction = table.Column<decimal>(type: "TEXT", precision: 9, scale: 6, nullable: true),
                    GraderComment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    GradedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quizzes_attempt_question", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quizzes_attempt_question_quizzes_attempt_AttemptId",
                        column: x => x.AttemptId,
                        principalTable: "quizzes_attempt",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_quizzes_attempt_question_quizzes_question_version_QuestionVersionId",
                        column: x => x.QuestionVersionId,
                        principalTable: "quizzes_question_version",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_quizzes_attempt_PublicId",
                table: "quizzes_attempt",
                column: "PublicId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quizzes_attempt_QuizId_UserId_Number",
                table: "quizzes_attempt",
                columns: new[] { "QuizId", "UserId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quizzes_attempt_State_DeadlineUtc",
                table: "quizzes_attempt",
                columns: new[] { "State", "DeadlineUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_quizzes_attempt_event_AttemptId",
                table: "quizzes_attempt_event",
                column: "AttemptId");

            migrationBuilder.CreateIndex(
                name: "IX_quizzes_attempt_question_AttemptId_Slot",
                table: "quizzes_attempt_question",
                columns: new[] { "AttemptId", "Slot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quizzes_attempt_question_QuestionVersionId",
                table: "quizzes_attempt_question",
                column: "QuestionVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_quizzes_category_CourseSlug_ParentId_Name",
                table: "quizzes_category",
                columns: new[] { "CourseSlug", "ParentId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_quizzes_category_ParentId",
                table: "quizzes_category",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_quizzes_override_QuizId_UserId",
                table: "quizzes_override",
                columns: new[] { "QuizId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_quizzes_question_CategoryId_Archived",
                table: "quizzes_question",
                columns: new[] { "CategoryId", "Archived" });

            migrationBuilder.CreateIndex(
                name: "IX_quizzes_question_Key",
                table: "quizzes_question",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quizzes_question_version_QuestionId_Number",
                table: "quizzes_question_version",
                columns: new[] { "QuestionId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quizzes_quiz_Key",
                table: "quizzes_quiz",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quizzes_slot_CategoryId",
                table: "quizzes_slot",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_quizzes_slot_QuestionId",
                table: "quizzes_slot",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_quizzes_slot_QuizId_Position",
                table: "quizzes_slot",
                columns: new[] { "QuizId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // SQLite deletes a dropped table's rows one by one, checking foreign keys: nested categories would refuse.
            migrationBuilder.Sql("UPDATE quizzes_category SET \"ParentId\" = NULL;");

            migrationBuilder.DropTable(
                name: "quizzes_attempt_event");

            migrationBuilder.DropTable(
                name: "quizzes_attempt_question");

            migrationBuilder.DropTable(
                name: "quizzes_override");

            migrationBuilder.DropTable(
                name: "quizzes_slot");

            migrationBuilder.DropTable(
                name: "quizzes_attempt");

            migrationBuilder.DropTable(
                name: "quizzes_question_version");

            migrationBuilder.DropTable(
                name: "quizzes_quiz");

            migrationBuilder.DropTable(
                name: "quizzes_question");

            migrationBuilder.DropTable(
                name: "quizzes_category");
        }
    }
}
