using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Courses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "courses_assignment",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    DueDays = table.Column<int>(type: "INTEGER", nullable: true),
                    DueUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RemovedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_assignment", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "courses_course",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    EstimatedHours = table.Column<decimal>(type: "TEXT", precision: 6, scale: 1, nullable: false),
                    SelfEnrol = table.Column<bool>(type: "INTEGER", nullable: false),
                    Sequential = table.Column<bool>(type: "INTEGER", nullable: false),
                    OpensUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosesUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PrerequisiteCourseId = table.Column<int>(type: "INTEGER", nullable: true),
                    CoverPath = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    PublishedVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    IsPublished = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DraftUpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_course", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "courses_enrollment",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AssignmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    EnrolledUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastLessonKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LastActivityUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WithdrawnUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedLessons = table.Column<int>(type: "INTEGER", nullable: false),
                    RequiredLessons = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_enrollment", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "courses_lesson_progress",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: false),
                    LessonKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FirstOpenedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_lesson_progress", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "courses_path",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    IsPublished = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_path", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "courses_path_completion",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PathId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CompletedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_path_completion", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "courses_search_document",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: false),
                    LessonKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_search_document", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "courses_version",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SnapshotJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_version", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "courses_module",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_module", x => x.Id);
                    table.ForeignKey(
                        name: "FK_courses_module_courses_course_CourseId",
                        column: x => x.CourseId,
                        principalTable: "courses_course",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "courses_path_course",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PathId = table.Column<int>(type: "INTEGER", nullable: false),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_path_course", x => x.Id);
                    table.ForeignKey(
                        name: "FK_courses_path_course_courses_path_PathId",
                        column: x => x.PathId,
                        principalTable: "courses_path",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "courses_lesson",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModuleId = table.Column<int>(type: "INTEGER", nullable: false),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    MarkAsDone = table.Column<bool>(type: "INTEGER", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Markdown = table.Column<string>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FileDisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PrerequisiteLessonKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_lesson", x => x.Id);
                    table.ForeignKey(
                        name: "FK_courses_lesson_courses_module_ModuleId",
                        column: x => x.ModuleId,
                        principalTable: "courses_module",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_courses_assignment_CourseId",
                table: "courses_assignment",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_courses_course_Slug",
                table: "courses_course",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_courses_enrollment_AssignmentId",
                table: "courses_enrollment",
                column: "AssignmentId");

            migrationBuilder.CreateIndex(
                name: "IX_courses_enrollment_CourseId",
                table: "courses_enrollment",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_courses_enrollment_UserId_CourseId",
                table: "courses_enrollment",
                columns: new[] { "UserId", "CourseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_courses_lesson_CourseId_Key",
                table: "courses_lesson",
                columns: new[] { "CourseId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_courses_lesson_ModuleId",
                table: "courses_lesson",
                column: "ModuleId");

            migrationBuilder.CreateIndex(
                name: "IX_courses_lesson_progress_UserId_CourseId_LessonKey",
                table: "courses_lesson_progress",
                columns: new[] { "UserId", "CourseId", "LessonKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_courses_module_CourseId_Key",
                table: "courses_module",
                columns: new[] { "CourseId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_courses_path_Slug",
                table: "courses_path",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_courses_path_completion_PathId_UserId",
                table: "courses_path_completion",
                columns: new[] { "PathId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_courses_path_course_PathId_CourseId",
                table: "courses_path_course",
                columns: new[] { "PathId", "CourseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_courses_search_document_CourseId",
                table: "courses_search_document",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_courses_version_CourseId_Number",
                table: "courses_version",
                columns: new[] { "CourseId", "Number" },
                unique: true);

            // Full-text search: an FTS5 index over the folded text, kept in step with the table by triggers.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE courses_search_fts USING fts5("Text", content='courses_search_document', content_rowid='Id');
                CREATE TRIGGER courses_search_ai AFTER INSERT ON courses_search_document BEGIN
                  INSERT INTO courses_search_fts(rowid, "Text") VALUES (new."Id", new."Text");
                END;
                CREATE TRIGGER courses_search_ad AFTER DELETE ON courses_search_document BEGIN
                  INSERT INTO courses_search_fts(courses_search_fts, rowid, "Text") VALUES ('delete', old."Id", old."Text");
                END;
                CREATE TRIGGER courses_search_au AFTER UPDATE ON courses_search_document BEGIN
                  INSERT INTO courses_search_fts(courses_search_fts, rowid, "Text") VALUES ('delete', old."Id", old."Text");
                  INSERT INTO courses_search_fts(rowid, "Text") VALUES (new."Id", new."Text");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS courses_search_au;
                DROP TRIGGER IF EXISTS courses_search_ad;
                DROP TRIGGER IF EXISTS courses_search_ai;
                DROP TABLE IF EXISTS courses_search_fts;
                """);


            migrationBuilder.DropTable(
                name: "courses_assignment");

            migrationBuilder.DropTable(
                name: "courses_enrollment");

            migrationBuilder.DropTable(
                name: "courses_lesson");

            migrationBuilder.DropTable(
                name: "courses_lesson_progress");

            migrationBuilder.DropTable(
                name: "courses_path_completion");

            migrationBuilder.DropTable(
                name: "courses_path_course");

            migrationBuilder.DropTable(
                name: "courses_search_document");

            migrationBuilder.DropTable(
                name: "courses_version");

            migrationBuilder.DropTable(
                name: "courses_module");

            migrationBuilder.DropTable(
                name: "courses_path");

            migrationBuilder.DropTable(
                name: "courses_course");
        }
    }
}
