using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Map.Data.Migrations
{
    /// <summary>
    /// The two ways to remove a layer's rows that no row trigger sees keep history too (issue #14). A TRUNCATE of
    /// <c>features</c> (only the owner may: the writer and reader hold no TRUNCATE privilege, and own no table) first
    /// copies every row into <c>feature_history</c> as deleted; deleting a layer copies its rows there before its
    /// partition is dropped. Both announce it on the change feed. Like LivingMap, SQL only: no designer file.
    /// </summary>
    /// <remarks>
    /// A TRUNCATE of one partition by name (layer_storage.features_N) does not fire the parent's trigger; only the owner can
    /// run it, and nothing in the app does. A replace import swaps partitions and keeps history itself (HistorySql.KeepReplacedAsync).
    /// </remarks>
    [DbContext(typeof(MapDbContext))]
    [Migration("20261130100000_RemovalsKeepHistory")]
    public partial class RemovalsKeepHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- The rows of one layer (or of all, for NULL) as deleted versions, and one change-feed entry per layer, as a
                -- replace import records what it swaps out. Called before the rows go without row triggers seeing them.
                CREATE FUNCTION history.keep_removed(layer text) RETURNS void
                LANGUAGE plpgsql SET search_path = public, pg_catalog, pg_temp AS $$
                DECLARE
                    c record;
                BEGIN
                    INSERT INTO feature_history
                    SELECT f.*, transaction_timestamp(), true, history.context('actor', 'database'), history.context('origin', 'database'),
                           history.context('comment', NULL), history.context('sources', NULL)::jsonb
                    FROM features f WHERE layer IS NULL OR f.layer_id = layer;
                    PERFORM pg_advisory_xact_lock(7165064788310943075);
                    FOR c IN
                        INSERT INTO changes (layer_id, operation, feature_ids, feature_count, origin, actor)
                        SELECT f.layer_id, 'delete', NULL, count(*), history.context('origin', 'database'), history.context('actor', 'database')
                        FROM features f WHERE layer IS NULL OR f.layer_id = layer GROUP BY f.layer_id
                        RETURNING id, layer_id, operation, feature_count, origin
                    LOOP
                        PERFORM pg_notify('map_changes', json_build_object('cursor', c.id, 'layer', c.layer_id, 'operation', c.operation,
                            'ids', NULL, 'count', c.feature_count, 'origin', c.origin)::text);
                    END LOOP;
                END $$;

                CREATE FUNCTION history.keep_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM history.keep_removed(NULL);
                    RETURN NULL;
                END $$;

                CREATE TRIGGER features_history_on_truncate BEFORE TRUNCATE ON features
                    FOR EACH STATEMENT EXECUTE FUNCTION history.keep_truncated();

                CREATE OR REPLACE FUNCTION layer_storage.drop_partition(layer text) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    partition regclass := layer_storage.partition_of(layer);
                BEGIN
                    IF partition IS NOT NULL THEN
                        -- Not a DELETE: the layer's row is being deleted, and the row counters' trigger would update it.
                        PERFORM history.keep_removed(layer);
                        EXECUTE format('DROP TABLE %s', partition);
                    END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER features_history_on_truncate ON features;
                DROP FUNCTION history.keep_truncated();
                DROP FUNCTION history.keep_removed(text);
                CREATE OR REPLACE FUNCTION layer_storage.drop_partition(layer text) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    partition regclass := layer_storage.partition_of(layer);
                BEGIN
                    IF partition IS NOT NULL THEN
                        EXECUTE format('DROP TABLE %s', partition);
                    END IF;
                END $$;
                """);
        }
    }
}
