using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Learning.Data.PostgreSql.Migrations
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "Due1NoticeFor",
                table: "courses_enrollment",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "Due7NoticeFor",
                table: "courses_enrollment",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OverdueNoticeFor",
                table: "courses_enrollment",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "notifications_notification",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ModelJson = table.Column<string>(type: "text", nullable: false),
                    Link = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    GroupKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReadUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Email = table.Column<int>(type: "integer", nullable: false),
                    EmailDueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OutboxMessageId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications_notification", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ToAddress = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    ToName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Culture = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    TextBody = table.Column<string>(type: "text", nullable: false),
                    HtmlBody = table.Column<string>(type: "text", nullable: true),
                    UnsubscribeUrl = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClaimedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ClaimedUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SentUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_preference",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Cadence = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications_preference", x => new { x.UserId, x.Category });
                });

            migrationBuilder.CreateTable(
                name: "notifications_template",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Culture = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    TextBody = table.Column<string>(type: "text", nullable: false),
                    HtmlBody = table.Column<string>(type: "text", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications_template", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_attachment",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NotificationId = table.Column<long>(type: "bigint", nullable: true),
                    OutboxMessageId = table.Column<long>(type: "bigint", nullable: true),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications_attachment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_notifications_attachment_notifications_notification_Notific~",
                        column: x => x.NotificationId,
                        principalTable: "notifications_notification",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_notifications_attachment_notifications_outbox_OutboxMessage~",
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
