using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Learning.Data.PostgreSql.Migrations
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CourseId = table.Column<int>(type: "integer", nullable: false),
                    Target = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Value = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    DueDays = table.Column<int>(type: "integer", nullable: true),
                    DueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RemovedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_assignment", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "courses_course",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Topic = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Audience = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    EstimatedHours = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    SelfEnrol = table.Column<bool>(type: "boolean", nullable: false),
                    Sequential = table.Column<bool>(type: "boolean", nullable: false),
                    OpensUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosesUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PrerequisiteCourseId = table.Column<int>(type: "integer", nullable: true),
                    CoverPath = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    PublishedVersion = table.Column<int>(type: "integer", nullable: false),
                    IsPublished = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DraftUpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_course", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "courses_enrollment",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CourseId = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AssignmentId = table.Column<int>(type: "integer", nullable: true),
                    EnrolledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastLessonKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LastActivityUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedLessons = table.Column<int>(type: "integer", nullable: false),
                    RequiredLessons = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_enrollment", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "courses_lesson_progress",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CourseId = table.Column<int>(type: "integer", nullable: false),
                    LessonKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FirstOpenedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CompletedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_lesson_progress", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "courses_path",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    IsPublished = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_path", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "courses_path_completion",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PathId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CompletedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_path_completion", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "courses_search_document",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CourseId = table.Column<int>(type: "integer", nullable: false),
                    LessonKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_search_document", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "courses_version",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CourseId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    PublishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    SnapshotJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_courses_version", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "courses_module",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CourseId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PathId = table.Column<int>(type: "integer", nullable: false),
                    CourseId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ModuleId = table.Column<int>(type: "integer", nullable: false),
                    CourseId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    MarkAsDone = table.Column<bool>(type: "boolean", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    Markdown = table.Column<string>(type: "text", nullable: false),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FileDisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PrerequisiteLessonKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
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

            // Full-text search over the folded text with the 'simple' configuration (no stemming: the text is Vietnamese).
            migrationBuilder.Sql("""CREATE INDEX "IX_courses_search_document_fts" ON courses_search_document USING GIN (to_tsvector('simple', "Text"));""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_courses_search_document_fts";""");


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
