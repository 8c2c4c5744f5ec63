using Map.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Map.Data.Migrations
{
    /// <summary>
    /// A living map (issue #14): API keys with roles, the record-time history of every feature and the change feed.
    /// All of it is SQL the model does not describe (triggers, transition tables, NOTIFY), and the model is unchanged,
    /// so this migration has no designer file: the snapshot of the previous one still describes the model. It runs after
    /// PartitionedFeatures (#9): features is partitioned by layer, and the row trigger is cloned to every partition,
    /// including those a replace import attaches later; the statement triggers fire on the parent.
    /// </summary>
    /// <remarks>
    /// Who, why and on which sources a transaction writes is told to the triggers through transaction-local settings
    /// (<c>map.actor</c>, <c>map.origin</c>, <c>map.comment</c>, <c>map.sources</c>; see <c>RecordContext</c>), so
    /// edits, imports, the seeder and plain SQL are all recorded the same way. A column added to <c>features</c> must be
    /// added to <c>feature_history</c> at the same position (history rows are the feature row followed by its end).
    /// </remarks>
    [DbContext(typeof(MapDbContext))]
    [Migration("20261130083000_LivingMap")]
    public partial class LivingMap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- ===== API keys: only the SHA-256 of each key is stored =====
                CREATE TABLE api_keys (
                    name character varying(100) PRIMARY KEY,
                    key_hash character(64) NOT NULL UNIQUE,
                    role character varying(16) NOT NULL CHECK (role IN ('importer', 'editor', 'admin')),
                    created_at timestamp with time zone NOT NULL DEFAULT now(),
                    revoked_at timestamp with time zone
                );
                COMMENT ON TABLE api_keys IS 'Keys of the write API: a name (recorded with every write), the SHA-256 of the key, a role.';

                -- ===== who, why and when the current version of each feature was recorded =====
                CREATE SCHEMA history;
                CREATE FUNCTION history.context(key text, fallback text) RETURNS text
                LANGUAGE sql STABLE AS $$ SELECT coalesce(nullif(current_setting('map.' || key, true), ''), fallback) $$;

                ALTER TABLE features
                    ADD COLUMN recorded_at timestamp with time zone NOT NULL DEFAULT transaction_timestamp(),
                    ADD COLUMN recorded_by text NOT NULL DEFAULT history.context('actor', 'database'),
                    ADD COLUMN record_origin character varying(16) NOT NULL DEFAULT history.context('origin', 'database'),
                    ADD COLUMN record_comment text DEFAULT history.context('comment', NULL);
                UPDATE features SET record_origin = CASE WHEN import_id IS NULL THEN 'seed' ELSE 'import' END,
                    recorded_by = CASE WHEN import_id IS NULL THEN 'seeder' ELSE 'import ' || import_id END;

                -- Past versions: the feature row as it was, the end of its recorded period and who ended it (with a new version
                -- or a deletion), why and on which sources.
                CREATE TABLE feature_history (LIKE features);
                ALTER TABLE feature_history
                    ADD COLUMN recorded_to timestamp with time zone NOT NULL,
                    ADD COLUMN deleted boolean NOT NULL,
                    ADD COLUMN ended_by text NOT NULL,
                    ADD COLUMN end_origin character varying(16) NOT NULL,
                    ADD COLUMN end_comment text,
                    ADD COLUMN end_sources jsonb;
                CREATE INDEX ix_feature_history_feature ON feature_history (layer_id, id, recorded_at);
                CREATE INDEX ix_feature_history_period ON feature_history (layer_id, recorded_to, recorded_at);
                -- No GiST index on the geometry: a recorded-at query finds a layer's past versions by period and tests the bbox on
                -- those rows, while keeping a GiST index up to date made replacing a 200,000-point layer 4 times slower again
                -- (DELETE with the history copy: 42.5 s with it, 11.3 s without, 3.3 s with no history; load average 25).
                COMMENT ON TABLE feature_history IS
                    'Every version of a feature that is no longer current, with its recorded period [recorded_at, recorded_to).';

                CREATE FUNCTION history.stamp_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.recorded_at := transaction_timestamp();
                    NEW.recorded_by := history.context('actor', 'database');
                    NEW.record_origin := history.context('origin', 'database');
                    NEW.record_comment := history.context('comment', NULL);
                    RETURN NEW;
                END $$;

                CREATE FUNCTION history.keep_ended() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO feature_history
                    SELECT e.*, transaction_timestamp(), TG_OP = 'DELETE', history.context('actor', 'database'),
                           history.context('origin', 'database'), history.context('comment', NULL),
                           CASE WHEN TG_OP = 'DELETE' THEN history.context('sources', NULL)::jsonb END
                    FROM ended e;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER features_version_stamped BEFORE UPDATE ON features
                    FOR EACH ROW EXECUTE FUNCTION history.stamp_version();
                CREATE TRIGGER features_history_on_update AFTER UPDATE ON features REFERENCING OLD TABLE AS ended
                    FOR EACH STATEMENT EXECUTE FUNCTION history.keep_ended();
                CREATE TRIGGER features_history_on_delete AFTER DELETE ON features REFERENCING OLD TABLE AS ended
                    FOR EACH STATEMENT EXECUTE FUNCTION history.keep_ended();

                -- A replace import swaps partitions: no row is deleted, so no trigger keeps the replaced rows. The import copies them
                -- (HistorySql.KeepReplacedAsync) after this lock, which keeps edits of the layer out until the swap commits.
                CREATE FUNCTION history.lock_layer(layer text) RETURNS void LANGUAGE plpgsql AS $$
                DECLARE
                    partition regclass := layer_storage.partition_of(layer);
                BEGIN
                    IF partition IS NOT NULL THEN
                        EXECUTE format('LOCK TABLE %s IN SHARE MODE', partition);
                    END IF;
                END $$;

                -- ===== the change feed: one row per layer and statement, announced with NOTIFY at commit =====
                CREATE TABLE changes (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    layer_id character varying(64) NOT NULL,
                    operation character varying(8) NOT NULL,
                    feature_ids text[],
                    feature_count integer NOT NULL,
                    origin character varying(16) NOT NULL,
                    actor text NOT NULL,
                    recorded_at timestamp with time zone NOT NULL DEFAULT transaction_timestamp()
                );
                COMMENT ON TABLE changes IS
                    'The change feed: its id is the cursor of GET /changes. feature_ids is null when more than 100 features changed '
                    'at once (reload the layer). Ids are handed out under a transaction-level lock, so they commit in order.';

                -- The lock makes the cursor follow commit order: a transaction that writes a change holds it until it ends, so a
                -- reader that has seen cursor n can never miss a smaller one committed later.
                CREATE FUNCTION history.announce() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    c record;
                    payload text;
                BEGIN
                    PERFORM pg_advisory_xact_lock(7165064788310943075);
                    FOR c IN
                        INSERT INTO changes (layer_id, operation, feature_ids, feature_count, origin, actor)
                        SELECT layer_id, lower(TG_OP), CASE WHEN count(*) <= 100 THEN array_agg(id::text ORDER BY id) END, count(*),
                               history.context('origin', 'database'), history.context('actor', 'database')
                        FROM changed GROUP BY layer_id
                        RETURNING id, layer_id, operation, feature_ids, feature_count, origin
                    LOOP
                        payload := json_build_object('cursor', c.id, 'layer', c.layer_id, 'operation', c.operation, 'ids', c.feature_ids,
                            'count', c.feature_count, 'origin', c.origin)::text;
                        IF octet_length(payload) > 7900 THEN
                            payload := json_build_object('cursor', c.id, 'layer', c.layer_id, 'operation', c.operation, 'ids', NULL,
                                'count', c.feature_count, 'origin', c.origin)::text;
                        END IF;
                        PERFORM pg_notify('map_changes', payload);
                    END LOOP;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER features_announced_on_insert AFTER INSERT ON features REFERENCING NEW TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION history.announce();
                CREATE TRIGGER features_announced_on_update AFTER UPDATE ON features REFERENCING NEW TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION history.announce();
                CREATE TRIGGER features_announced_on_delete AFTER DELETE ON features REFERENCING OLD TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION history.announce();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER features_announced_on_insert ON features;
                DROP TRIGGER features_announced_on_update ON features;
                DROP TRIGGER features_announced_on_delete ON features;
                DROP TRIGGER features_version_stamped ON features;
                DROP TRIGGER features_history_on_update ON features;
                DROP TRIGGER features_history_on_delete ON features;
                DROP TABLE changes, feature_history, api_keys;
                ALTER TABLE features DROP COLUMN recorded_at, DROP COLUMN recorded_by, DROP COLUMN record_origin, DROP COLUMN record_comment;
                DROP SCHEMA history CASCADE;
                """);
        }
    }
}
