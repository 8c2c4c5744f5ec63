using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Map.Data.Migrations
{
    /// <summary>
    /// A layer's table that leaves <c>features</c> — swapped out by a replace import, or dropped with its layer — becomes
    /// part of <c>feature_history</c> itself instead of having its rows copied there (issue #9): its rows already are the
    /// versions it held. It gets the history's columns as constants (ended at the new rows' recorded_at, or at the
    /// deletion, by whoever did it), which PostgreSQL stores once in the catalog without rewriting a row, and joins
    /// <c>feature_history</c> as an inheritance child, so every query of the history reads it; its primary key and GiST
    /// index come with it. One function does it, <c>layer_storage.retire</c>. A TRUNCATE of features (the owner only)
    /// still copies.
    /// </summary>
    /// <remarks>
    /// Inheritance, not a declarative partition: attaching a partition makes PostgreSQL scan the table to prove its bound
    /// (≈ 0.2 s for 200,000 rows, under the swap's exclusive lock on features), while INHERIT checks no row. Each layer
    /// table gets a CHECK on its layer (a table of create_table had one already), so a history query of one layer skips
    /// the other layers' tables (constraint exclusion). Copying had cost 4–10 s of every replace of 200,000 points, and
    /// 11.3 s of deleting such a layer (bench/import/RESULTS.md, README). SQL only, the model is unchanged: no designer
    /// file (as LivingMap).
    /// </remarks>
    [DbContext(typeof(MapDbContext))]
    [Migration("20261130130000_LayerTablesBecomeHistory")]
    public partial class LayerTablesBecomeHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- A layer's partition says which layer it holds, as a table of create_table does, so that once replaced (and part
                -- of the history) a query of another layer skips it. Added while the table is empty: no row is checked.
                CREATE OR REPLACE FUNCTION layer_storage.create_partition(layer text) RETURNS regclass
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    name text := 'features_' || nextval('layer_storage.table_number');
                BEGIN
                    EXECUTE format('CREATE TABLE layer_storage.%I PARTITION OF public.features FOR VALUES IN (%L)', name, layer);
                    EXECUTE format('ALTER TABLE layer_storage.%I ADD CONSTRAINT %I CHECK (layer_id = %L)', name, name || '_layer', layer);
                    EXECUTE format('COMMENT ON TABLE layer_storage.%I IS %L', name, 'Features of layer ' || layer);
                    PERFORM layer_storage.copy_statistics_targets(format('layer_storage.%I', name)::regclass);
                    RETURN format('layer_storage.%I', name)::regclass;
                END $$;

                DO $$
                DECLARE
                    layer record;
                    partition regclass;
                BEGIN
                    FOR layer IN SELECT id FROM public.layers ORDER BY id LOOP
                        partition := layer_storage.partition_of(layer.id);
                        IF partition IS NOT NULL AND NOT EXISTS (
                            SELECT 1 FROM pg_constraint WHERE conrelid = partition AND contype = 'c'
                              AND conname = (SELECT relname FROM pg_class WHERE oid = partition) || '_layer') THEN
                            EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (layer_id = %L)', partition,
                                (SELECT relname FROM pg_class WHERE oid = partition) || '_layer', layer.id);
                        END IF;
                    END LOOP;
                END $$;

                -- A layer's table that leaves features — detached by swap_in (a replace) or drop_partition (a deleted layer) —
                -- becomes the history of the rows it held, without copying one: the history's columns are added as constants
                -- (PostgreSQL stores them once in the catalog) — the period ends at `ended`, ended by the transaction's writer
                -- (history.context), with a new version or, for the features in `gone` or for all with `all_deleted`, with a
                -- deletion (on the sources given for it) — then it is renamed history_<n> and inherits feature_history. It
                -- keeps its primary key, GiST and valid-time indexes; its foreign keys and search indexes go (the history has
                -- none: an actor may be deleted while old versions name it).
                CREATE FUNCTION layer_storage.retire(retired regclass, ended timestamp with time zone, gone text[],
                    all_deleted boolean DEFAULT false) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    name text;
                    foreign_key record;
                BEGIN
                    SELECT c.relname INTO name FROM pg_class c
                    WHERE c.oid = retired AND c.relnamespace = 'layer_storage'::regnamespace AND c.relkind = 'r'
                      AND NOT c.relispartition AND c.relname ~ '^features_[0-9]+$'
                      AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid);
                    IF name IS NULL THEN
                        RAISE EXCEPTION '% is not a detached layer table of layer_storage', retired;
                    END IF;
                    -- Only a published layer's table has them (and DROP INDEX IF EXISTS would tell the client it skipped them).
                    IF EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = 'layer_storage'::regnamespace
                               AND relname = name || '_ix_features_search_fold') THEN
                        PERFORM layer_storage.drop_search_indexes(retired);
                    END IF;
                    FOR foreign_key IN SELECT conname FROM pg_constraint WHERE conrelid = retired AND contype = 'f' LOOP
                        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', retired, foreign_key.conname);
                    END LOOP;
                    EXECUTE format('ALTER TABLE %s '
                        'ADD COLUMN recorded_to timestamp with time zone NOT NULL DEFAULT %L, '
                        'ADD COLUMN deleted boolean NOT NULL DEFAULT %L, '
                        'ADD COLUMN ended_by text NOT NULL DEFAULT %L, '
                        'ADD COLUMN end_origin character varying(16) NOT NULL DEFAULT %L, '
                        'ADD COLUMN end_comment text DEFAULT %L, '
                        'ADD COLUMN end_sources jsonb DEFAULT %L',
                        retired, ended, all_deleted, history.context('actor', 'database'), history.context('origin', 'database'),
                        history.context('comment', NULL), CASE WHEN all_deleted THEN history.context('sources', NULL) END);
                    IF NOT all_deleted AND cardinality(gone) > 0 THEN
                        EXECUTE format('UPDATE %s SET deleted = true WHERE id = ANY($1)', retired) USING gone;
                    END IF;
                    EXECUTE format('ALTER TABLE %s RENAME TO %I', retired, 'history_' || substring(name FROM '[0-9]+$'));
                    EXECUTE format('ALTER TABLE %s INHERIT public.feature_history', retired);
                    EXECUTE format('COMMENT ON TABLE %s IS %L', retired,
                        CASE WHEN all_deleted THEN 'Versions deleted with their layer at ' ELSE 'Versions replaced at ' END || ended
                        || ' (part of feature_history: a layer table that left features)');
                END $$;
                REVOKE ALL ON FUNCTION layer_storage.retire(regclass, timestamp with time zone, text[], boolean) FROM PUBLIC;

                -- swap_in, now told what becomes of the rows it swaps out: with replaced_until (a replace), the current table
                -- becomes history ending then (retire), unless it is empty; without (an append that rebuilt the layer, whose
                -- rows are all in the new table), it is dropped.
                DROP FUNCTION layer_storage.swap_in(text, regclass);
                CREATE FUNCTION layer_storage.swap_in(layer text, staged regclass, replaced_until timestamp with time zone, gone text[])
                RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    name text := layer_storage.unattached_name(staged);
                    current regclass := layer_storage.partition_of(layer);
                    holds_rows boolean := false;
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = staged AND conname = name || '_layer'
                                   AND pg_get_constraintdef(oid) = format('CHECK (((layer_id)::text = %L::text))', layer)) THEN
                        RAISE EXCEPTION '% was not made for layer %', staged, layer;
                    END IF;
                    IF current IS NOT NULL THEN
                        EXECUTE format('ALTER TABLE public.features DETACH PARTITION %s', current);
                    END IF;
                    EXECUTE format('ALTER TABLE public.features ATTACH PARTITION %s FOR VALUES IN (%L)', staged, layer);
                    EXECUTE format('COMMENT ON TABLE %s IS %L', staged, 'Features of layer ' || layer);
                    -- The import built them before the swap when the layer was published; this only catches a layer published
                    -- meanwhile (then they are built here, under the lock, rather than missing).
                    IF (SELECT published FROM public.layers WHERE id = layer) THEN
                        PERFORM layer_storage.build_search_indexes(staged);
                    END IF;
                    IF current IS NOT NULL THEN
                        IF replaced_until IS NOT NULL THEN
                            EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s)', current) INTO holds_rows;
                        END IF;
                        IF holds_rows THEN
                            PERFORM layer_storage.retire(current, replaced_until, coalesce(gone, '{}'), false);
                        ELSE
                            EXECUTE format('DROP TABLE %s', current);
                        END IF;
                    END IF;
                END $$;
                REVOKE ALL ON FUNCTION layer_storage.swap_in(text, regclass, timestamp with time zone, text[]) FROM PUBLIC;

                -- Stale tables of create_table only: never a replaced table (renamed, and part of the history).
                CREATE OR REPLACE FUNCTION layer_storage.drop_abandoned(layer text) RETURNS integer
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    abandoned regclass;
                    dropped integer := 0;
                BEGIN
                    FOR abandoned IN
                        SELECT c.oid::regclass FROM pg_class c JOIN pg_constraint k ON k.conrelid = c.oid AND k.conname = c.relname || '_layer'
                        WHERE c.relnamespace = 'layer_storage'::regnamespace AND c.relkind = 'r' AND NOT c.relispartition
                          AND c.relname ~ '^features_[0-9]+$' AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid)
                          AND pg_get_constraintdef(k.oid) = format('CHECK (((layer_id)::text = %L::text))', layer)
                    LOOP
                        EXECUTE format('DROP TABLE %s', abandoned);
                        dropped := dropped + 1;
                    END LOOP;
                    RETURN dropped;
                END $$;

                -- The change-feed entries of keep_removed alone: one `delete` per layer with its count.
                CREATE FUNCTION history.announce_removed(layer text) RETURNS void
                LANGUAGE plpgsql SET search_path = public, pg_catalog, pg_temp AS $$
                DECLARE
                    c record;
                BEGIN
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

                -- A TRUNCATE of features still copies every row (keep_removed, for all layers at once).
                CREATE OR REPLACE FUNCTION history.keep_removed(layer text) RETURNS void
                LANGUAGE plpgsql SET search_path = public, pg_catalog, pg_temp AS $$
                BEGIN
                    INSERT INTO feature_history
                    SELECT f.*, transaction_timestamp(), true, history.context('actor', 'database'), history.context('origin', 'database'),
                           history.context('comment', NULL), history.context('sources', NULL)::jsonb
                    FROM features f WHERE layer IS NULL OR f.layer_id = layer;
                    PERFORM history.announce_removed(layer);
                END $$;

                -- Deleting a layer: its table leaves features and becomes history, every version ended by the deletion.
                CREATE OR REPLACE FUNCTION layer_storage.drop_partition(layer text) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    partition regclass := layer_storage.partition_of(layer);
                    holds_rows boolean;
                BEGIN
                    IF partition IS NOT NULL THEN
                        PERFORM history.announce_removed(layer);
                        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s)', partition) INTO holds_rows;
                        EXECUTE format('ALTER TABLE public.features DETACH PARTITION %s', partition);
                        IF holds_rows THEN
                            PERFORM layer_storage.retire(partition, transaction_timestamp(), '{}', true);
                        ELSE
                            EXECUTE format('DROP TABLE %s', partition);
                        END IF;
                    END IF;
                END $$;

                -- The writer calls swap_in, never retire (./map grants it every function of the owner by default privileges).
                DO $$
                BEGIN
                    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'map_writer') THEN
                        REVOKE ALL ON FUNCTION layer_storage.retire(regclass, timestamp with time zone, text[], boolean) FROM map_writer;
                        GRANT EXECUTE ON FUNCTION layer_storage.swap_in(text, regclass, timestamp with time zone, text[]) TO map_writer;
                    END IF;
                END $$;

                COMMENT ON TABLE feature_history IS
                    'Every version of a feature that is no longer current, with its recorded period [recorded_at, recorded_to): rows '
                    'ended by edits here, and the layer tables replaced by imports or deleted with their layer (layer_storage.history_<n>) '
                    'as inheritance children.';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- The layer tables' rows into feature_history itself, then the tables go.
                DO $$
                DECLARE
                    child regclass;
                    columns text := (SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
                                     WHERE attrelid = 'public.feature_history'::regclass AND attnum > 0 AND NOT attisdropped);
                BEGIN
                    FOR child IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'public.feature_history'::regclass LOOP
                        -- By name: a child's columns are the features table's, then the history's, in the order they were added.
                        EXECUTE format('INSERT INTO public.feature_history (%1$s) SELECT %1$s FROM ONLY %2$s', columns, child);
                        EXECUTE format('DROP TABLE %s', child);
                    END LOOP;
                END $$;
                CREATE OR REPLACE FUNCTION layer_storage.drop_partition(layer text) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    partition regclass := layer_storage.partition_of(layer);
                BEGIN
                    IF partition IS NOT NULL THEN
                        PERFORM history.keep_removed(layer);
                        EXECUTE format('DROP TABLE %s', partition);
                    END IF;
                END $$;
                CREATE OR REPLACE FUNCTION history.keep_removed(layer text) RETURNS void
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
                DROP FUNCTION history.announce_removed(text);
                DROP FUNCTION layer_storage.swap_in(text, regclass, timestamp with time zone, text[]);
                DROP FUNCTION layer_storage.retire(regclass, timestamp with time zone, text[], boolean);
                CREATE FUNCTION layer_storage.swap_in(layer text, staged regclass) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    name text := layer_storage.unattached_name(staged);
                    current regclass := layer_storage.partition_of(layer);
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = staged AND conname = name || '_layer'
                                   AND pg_get_constraintdef(oid) = format('CHECK (((layer_id)::text = %L::text))', layer)) THEN
                        RAISE EXCEPTION '% was not made for layer %', staged, layer;
                    END IF;
                    IF current IS NOT NULL THEN
                        EXECUTE format('ALTER TABLE public.features DETACH PARTITION %s', current);
                    END IF;
                    EXECUTE format('ALTER TABLE public.features ATTACH PARTITION %s FOR VALUES IN (%L)', staged, layer);
                    EXECUTE format('COMMENT ON TABLE %s IS %L', staged, 'Features of layer ' || layer);
                    IF (SELECT published FROM public.layers WHERE id = layer) THEN
                        PERFORM layer_storage.build_search_indexes(staged);
                    END IF;
                    IF current IS NOT NULL THEN
                        EXECUTE format('DROP TABLE %s', current);
                    END IF;
                END $$;
                REVOKE ALL ON FUNCTION layer_storage.swap_in(text, regclass) FROM PUBLIC;
                CREATE OR REPLACE FUNCTION layer_storage.create_partition(layer text) RETURNS regclass
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    name text := 'features_' || nextval('layer_storage.table_number');
                BEGIN
                    EXECUTE format('CREATE TABLE layer_storage.%I PARTITION OF public.features FOR VALUES IN (%L)', name, layer);
                    EXECUTE format('COMMENT ON TABLE layer_storage.%I IS %L', name, 'Features of layer ' || layer);
                    PERFORM layer_storage.copy_statistics_targets(format('layer_storage.%I', name)::regclass);
                    RETURN format('layer_storage.%I', name)::regclass;
                END $$;
                CREATE OR REPLACE FUNCTION layer_storage.drop_abandoned(layer text) RETURNS integer
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    abandoned regclass;
                    dropped integer := 0;
                BEGIN
                    FOR abandoned IN
                        SELECT c.oid::regclass FROM pg_class c JOIN pg_constraint k ON k.conrelid = c.oid AND k.conname = c.relname || '_layer'
                        WHERE c.relnamespace = 'layer_storage'::regnamespace AND c.relkind = 'r' AND NOT c.relispartition
                          AND pg_get_constraintdef(k.oid) = format('CHECK (((layer_id)::text = %L::text))', layer)
                    LOOP
                        EXECUTE format('DROP TABLE %s', abandoned);
                        dropped := dropped + 1;
                    END LOOP;
                    RETURN dropped;
                END $$;
                """);
        }
    }
}
