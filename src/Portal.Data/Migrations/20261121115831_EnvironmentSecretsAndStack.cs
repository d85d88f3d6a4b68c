using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations
{
    public partial class EnvironmentSecretsAndStack : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "OutputsUpdatedAt",
                table: "Environments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StackName",
                table: "Environments",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // Environments created before this column existed used their name as the stack name.
            migrationBuilder.Sql("UPDATE \"Environments\" SET \"StackName\" = \"Name\";");

            migrationBuilder.CreateTable(
                name: "EnvironmentSecrets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnvironmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProtectedValue = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnvironmentSecrets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EnvironmentSecrets_Environments_EnvironmentId",
                        column: x => x.EnvironmentId,
                        principalTable: "Environments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EnvironmentSecrets_EnvironmentId_Kind_Name",
                table: "EnvironmentSecrets",
                columns: new[] { "EnvironmentId", "Kind", "Name" },
                unique: true);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EnvironmentSecrets");

            migrationBuilder.DropColumn(
                name: "OutputsUpdatedAt",
                table: "Environments");

            migrationBuilder.DropColumn(
                name: "StackName",
                table: "Environments");
        }
    }
}
