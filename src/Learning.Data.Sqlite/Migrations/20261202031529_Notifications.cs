using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "InvitedUtc",
                table: "identity_user",
                type: "TEXT",
                nullable: true);

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

            migrationBuilder.CreateTable(
                name: "notifications_notification",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ModelJson = table.Column<string>(type: "TEXT", nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    GroupKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Email = table.Column<int>(type: "INTEGER", nullable: false),
                    EmailDueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OutboxMessageId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications_notification", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ToAddress = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    ToName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    TextBody = table.Column<string>(type: "TEXT", nullable: false),
                    HtmlBody = table.Column<string>(type: "TEXT", nullable: true),
                    UnsubscribeUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClaimedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_preference",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Cadence = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications_preference", x => new { x.UserId, x.Category });
                });

            migrationBuilder.CreateTable(
                name: "notifications_template",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    TextBody = table.Column<string>(type: "TEXT", nullable: false),
                    HtmlBody = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications_template", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_attachment",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NotificationId = table.Column<long>(type: "INTEGER", nullable: true),
                    OutboxMessageId = table.Column<long>(type: "INTEGER", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications_attachment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_notifications_attachment_notifications_notification_NotificationId",
                        column: x => x.NotificationId,
                        principalTable: "notifications_notification",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_notifications_attachment_notifications_outbox_OutboxMessageId",
                        column: x => x.OutboxMessageId,
                        principalTable: "notifications_outbox",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_courses_enrollment_DueUtc",
                table: "courses_enrollment",
                column: "DueUtc");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_attachment_NotificationId",
                table: "notifications_attachment",
                column: "NotificationId");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_attachment_OutboxMessageId",
                table: "notifications_attachment",
                column: "OutboxMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_notification_CreatedUtc",
                table: "notifications_notification",
                column: "CreatedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_notification_Email_EmailDueUtc",
                table: "notifications_notification",
                columns: new[] { "Email", "EmailDueUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_notification_UserId_CreatedUtc",
                table: "notifications_notification",
                columns: new[] { "UserId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_outbox_CreatedUtc",
                table: "notifications_outbox",
                column: "CreatedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_outbox_MessageId",
                table: "notifications_outbox",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notifications_outbox_State_NextAttemptUtc",
                table: "notifications_outbox",
                columns: new[] { "State", "NextAttemptUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_template_Type_Culture",
                table: "notifications_template",
                columns: new[] { "Type", "Culture" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notifications_attachment");

            migrationBuilder.DropTable(
                name: "notifications_preference");

            migrationBuilder.DropTable(
                name: "notifications_template");

            migrationBuilder.DropTable(
                name: "notifications_notification");

            migrationBuilder.DropTable(
                name: "notifications_outbox");

            migrationBuilder.DropIndex(
                name: "IX_courses_enrollment_DueUtc",
                table: "courses_enrollment");

            migrationBuilder.DropColumn(
                name: "InvitedUtc",
                table: "identity_user");

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
