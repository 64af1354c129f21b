using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PeopleSearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "org_cadre",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "identity_user",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "org_cadre");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "identity_user");
        }
    }
}
