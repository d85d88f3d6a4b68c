using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations
{
    public partial class ApprovalBreakGlass : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "BreakGlass",
                table: "ApprovalDecisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ByRequester",
                table: "ApprovalDecisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BreakGlass",
                table: "ApprovalDecisions");

            migrationBuilder.DropColumn(
                name: "ByRequester",
                table: "ApprovalDecisions");
        }
    }
}
