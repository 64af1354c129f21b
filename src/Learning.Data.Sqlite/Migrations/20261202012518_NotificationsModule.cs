using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NotificationsModule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_notify_attachment_notify_notification_NotificationId",
                table: "notify_attachment");

            migrationBuilder.DropForeignKey(
                name: "FK_notify_attachment_notify_outbox_OutboxMessageId",
                table: "notify_attachment");

            migrationBuilder.DropPrimaryKey(
                name: "PK_notify_template",
                table: "notify_template");

            migrationBuilder.DropPrimaryKey(
                name: "PK_notify_preference",
                table: "notify_preference");

            migrationBuilder.DropPrimaryKey(
                name: "PK_notify_outbox",
                table: "notify_outbox");

            migrationBuilder.DropPrimaryKey(
                name: "PK_notify_notification",
                table: "notify_notification");

            migrationBuilder.DropPrimaryKey(
                name: "PK_notify_attachment",
                table: "notify_attachment");

            migrationBuilder.RenameTable(
                name: "notify_template",
                newName: "notifications_template");

            migrationBuilder.RenameTable(
                name: "notify_preference",
                newName: "notifications_preference");

            migrationBuilder.RenameTable(
                name: "notify_outbox",
                newName: "notifications_outbox");

            migrationBuilder.RenameTable(
                name: "notify_notification",
                newName: "notifications_notification");

            migrationBuilder.RenameTable(
                name: "notify_attachment",
                newName: "notifications_attachment");

            migrationBuilder.RenameIndex(
                name: "IX_notify_template_Type_Culture",
                table: "notifications_template",
                newName: "IX_notifications_template_Type_Culture");

            migrationBuilder.RenameIndex(
                name: "IX_notify_outbox_State_NextAttemptUtc",
                table: "notifications_outbox",
                newName: "IX_notifications_outbox_State_NextAttemptUtc");

            migrationBuilder.RenameIndex(
                name: "IX_notify_outbox_MessageId",
                table: "notifications_outbox",
                newName: "IX_notifications_outbox_MessageId");

            migrationBuilder.RenameIndex(
                name: "IX_notify_outbox_CreatedUtc",
                table: "notifications_outbox",
                newName: "IX_notifications_outbox_CreatedUtc");

            migrationBuilder.RenameIndex(
                name: "IX_notify_notification_UserId_CreatedUtc",
                table: "notifications_notification",
                newName: "IX_notifications_notification_UserId_CreatedUtc");

            migrationBuilder.RenameIndex(
                name: "IX_notify_notification_Email_EmailDueUtc",
                table: "notifications_notification",
                newName: "IX_notifications_notification_Email_EmailDueUtc");

            migrationBuilder.RenameIndex(
                name: "IX_notify_notification_CreatedUtc",
                table: "notifications_notification",
                newName: "IX_notifications_notification_CreatedUtc");

            migrationBuilder.RenameIndex(
                name: "IX_notify_attachment_OutboxMessageId",
                table: "notifications_attachment",
                newName: "IX_notifications_attachment_OutboxMessageId");

            migrationBuilder.RenameIndex(
                name: "IX_notify_attachment_NotificationId",
                table: "notifications_attachment",
                newName: "IX_notifications_attachment_NotificationId");

            migrationBuilder.AddPrimaryKey(
                name: "PK_notifications_template",
                table: "notifications_template",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_notifications_preference",
                table: "notifications_preference",
                columns: new[] { "UserId", "Category" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_notifications_outbox",
                table: "notifications_outbox",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_notifications_notification",
                table: "notifications_notification",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_notifications_attachment",
                table: "notifications_attachment",
                column: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_notifications_attachment_notifications_notification_NotificationId",
                table: "notifications_attachment",
                column: "NotificationId",
                principalTable: "notifications_notification",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_notifications_attachment_notifications_outbox_OutboxMessageId",
                table: "notifications_attachment",
                column: "OutboxMessageId",
                principalTable: "notifications_outbox",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_notifications_attachment_notifications_notification_NotificationId",
                table: "notifications_attachment");

            migrationBuilder.DropForeignKey(
                name: "FK_notifications_attachment_notifications_outbox_OutboxMessageId",
                table: "notifications_attachment");

            migrationBuilder.DropPrimaryKey(
                name: "PK_notifications_template",
                table: "notifications_template");

            migrationBuilder.DropPrimaryKey(
                name: "PK_notifications_preference",
                table: "notifications_preference");

            migrationBuilder.DropPrimaryKey(
                name: "PK_notifications_outbox",
                table: "notifications_outbox");

            migrationBuilder.DropPrimaryKey(
                name: "PK_notifications_notification",
                table: "notifications_notification");

            migrationBuilder.DropPrimaryKey(
                name: "PK_notifications_attachment",
                table: "notifications_attachment");

            migrationBuilder.RenameTable(
                name: "notifications_template",
                newName: "notify_template");

            migrationBuilder.RenameTable(
                name: "notifications_preference",
                newName: "notify_preference");

            migrationBuilder.RenameTable(
                name: "notifications_outbox",
                newName: "notify_outbox");

            migrationBuilder.RenameTable(
                name: "notifications_notification",
                newName: "notify_notification");

            migrationBuilder.RenameTable(
                name: "notifications_attachment",
                newName: "notify_attachment");

            migrationBuilder.RenameIndex(
                name: "IX_notifications_template_Type_Culture",
                table: "notify_template",
                newName: "IX_notify_template_Type_Culture");

            migrationBuilder.RenameIndex(
                name: "IX_notifications_outbox_State_NextAttemptUtc",
                table: "notify_outbox",
                newName: "IX_notify_outbox_State_NextAttemptUtc");

            migrationBuilder.RenameIndex(
                name: "IX_notifications_outbox_MessageId",
                table: "notify_outbox",
                newName: "IX_notify_outbox_MessageId");

            migrationBuilder.RenameIndex(
                name: "IX_notifications_outbox_CreatedUtc",
                table: "notify_outbox",
                newName: "IX_notify_outbox_CreatedUtc");

            migrationBuilder.RenameIndex(
                name: "IX_notifications_notification_UserId_CreatedUtc",
                table: "notify_notification",
                newName: "IX_notify_notification_UserId_CreatedUtc");

            migrationBuilder.RenameIndex(
                name: "IX_notifications_notification_Email_EmailDueUtc",
                table: "notify_notification",
                newName: "IX_notify_notification_Email_EmailDueUtc");

            migrationBuilder.RenameIndex(
                name: "IX_notifications_notification_CreatedUtc",
                table: "notify_notification",
                newName: "IX_notify_notification_CreatedUtc");

            migrationBuilder.RenameIndex(
                name: "IX_notifications_attachment_OutboxMessageId",
                table: "notify_attachment",
                newName: "IX_notify_attachment_OutboxMessageId");

            migrationBuilder.RenameIndex(
                name: "IX_notifications_attachment_NotificationId",
                table: "notify_attachment",
                newName: "IX_notify_attachment_NotificationId");

            migrationBuilder.AddPrimaryKey(
                name: "PK_notify_template",
                table: "notify_template",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_notify_preference",
                table: "notify_preference",
                columns: new[] { "UserId", "Category" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_notify_outbox",
                table: "notify_outbox",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_notify_notification",
                table: "notify_notification",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_notify_attachment",
                table: "notify_attachment",
                column: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_notify_attachment_notify_notification_NotificationId",
                table: "notify_attachment",
                column: "NotificationId",
                principalTable: "notify_notification",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_notify_attachment_notify_outbox_OutboxMessageId",
                table: "notify_attachment",
                column: "OutboxMessageId",
                principalTable: "notify_outbox",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
