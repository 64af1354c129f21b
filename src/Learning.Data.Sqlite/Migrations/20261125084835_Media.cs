using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Media : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "media_hotline",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    OrgPath = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OrgName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Zalo = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Hours = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_media_hotline", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "media_preference",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DataSaver = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_media_preference", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "media_upload",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TotalBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_media_upload", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "media_video",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PublicId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    IsHelp = table.Column<bool>(type: "INTEGER", nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    JobId = table.Column<long>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SourceFileName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SourceExtension = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    SourceBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    DurationSeconds = table.Column<double>(type: "REAL", nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    HasAudio = table.Column<bool>(type: "INTEGER", nullable: false),
                    Renditions = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadyUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_media_video", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "media_watch",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    VideoId = table.Column<int>(type: "INTEGER", nullable: false),
                    Intervals = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    WatchedSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    PositionSeconds = table.Column<double>(type: "REAL", nullable: false),
                    CompletedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AllowanceFromUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_media_watch", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "media_caption",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VideoId = table.Column<int>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_media_caption", x => x.Id);
                    table.ForeignKey(
                        name: "FK_media_caption_media_video_VideoId",
                        column: x => x.VideoId,
                        principalTable: "media_video",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "media_caption_cue",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaptionId = table.Column<int>(type: "INTEGER", nullable: false),
                    VideoId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartMs = table.Column<int>(type: "INTEGER", nullable: false),
                    EndMs = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Folded = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_media_caption_cue", x => x.Id);
                    table.ForeignKey(
                        name: "FK_media_caption_cue_media_caption_CaptionId",
                        column: x => x.CaptionId,
                        principalTable: "media_caption",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_media_caption_VideoId_Language",
                table: "media_caption",
                columns: new[] { "VideoId", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_media_caption_cue_CaptionId",
                table: "media_caption_cue",
                column: "CaptionId");

            migrationBuilder.CreateIndex(
                name: "IX_media_caption_cue_VideoId_StartMs",
                table: "media_caption_cue",
                columns: new[] { "VideoId", "StartMs" });

            migrationBuilder.CreateIndex(
                name: "IX_media_hotline_Field",
                table: "media_hotline",
                column: "Field");

            migrationBuilder.CreateIndex(
                name: "IX_media_hotline_Key",
                table: "media_hotline",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_media_video_IsHelp_State",
                table: "media_video",
                columns: new[] { "IsHelp", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_media_video_PublicId",
                table: "media_video",
                column: "PublicId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_media_watch_UserId_VideoId",
                table: "media_watch",
                columns: new[] { "UserId", "VideoId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_media_watch_VideoId",
                table: "media_watch",
                column: "VideoId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "media_caption_cue");

            migrationBuilder.DropTable(
                name: "media_hotline");

            migrationBuilder.DropTable(
                name: "media_preference");

            migrationBuilder.DropTable(
                name: "media_upload");

            migrationBuilder.DropTable(
                name: "media_watch");

            migrationBuilder.DropTable(
                name: "media_caption");

            migrationBuilder.DropTable(
                name: "media_video");
        }
    }
}
