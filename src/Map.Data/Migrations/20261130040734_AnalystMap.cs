using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Map.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnalystMap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .Annotation("Npgsql:PostgresExtension:postgis", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.AddColumn<bool>(
                name: "published",
                table: "layers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "last_confirmed",
                table: "features",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "parties",
                table: "features",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            // The layers that existed were public; they stay published. New layers (imports) start unpublished.
            migrationBuilder.Sql("UPDATE layers SET published = true;");
            // Existing records get their last confirmation from their dated sources, as Source.NewestPublished derives it.
            migrationBuilder.Sql("""
                UPDATE features f SET last_confirmed = (
                  SELECT max(make_date(substr(p, 1, 4)::int, coalesce(nullif(substr(p, 6, 2), '')::int, 1), coalesce(nullif(substr(p, 9, 2), '')::int, 1)))
                  FROM jsonb_array_elements(f.sources) AS e(source), LATERAL (SELECT e.source ->> 'published' AS p) AS d
                  WHERE d.p ~ '^\d{4}(-\d{2}(-\d{2})?)?$')
                WHERE jsonb_typeof(f.sources) = 'array';
                """);
            migrationBuilder.Sql(Map.Data.Search.SearchSql.FunctionsV1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Map.Data.Search.SearchSql.DropFunctionsV1);

            migrationBuilder.DropColumn(
                name: "published",
                table: "layers");

            migrationBuilder.DropColumn(
                name: "last_confirmed",
                table: "features");

            migrationBuilder.DropColumn(
                name: "parties",
                table: "features");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:postgis", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:postgis", ",,");
        }
    }
}
