using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Map.Data.Migrations
{
    /// <summary>
    /// features becomes a table partitioned by layer (one partition per layer, each with its own indexes and
    /// statistics), keyed by (layer_id, id); layers gets an exact feature_count; the layer_storage schema holds the
    /// partitions and the SECURITY DEFINER functions that create, replace and drop them. EF Core cannot express a
    /// partitioned table, so this is SQL; the model snapshot describes the same columns, keys and indexes. Existing
    /// rows are moved into their layer's partition. It comes after AnalystMap (its columns, and its name-search indexes,
    /// which become indexes of the published layers' partitions only: see layer_storage.build_search_indexes).
    /// </summary>
    /// <remarks>
    /// The functions run as their owner (the role that migrates), with a fixed search_path, so a role that does not
    /// own features can replace a layer only through them (issue #10 adds those roles). bench/import/RESULTS.md and
    /// bench/api/RESULTS.md measure why each choice was made.
    /// </remarks>
    public partial class PartitionedFeatures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- ===== the count column and the schema of the partitions =====
                ALTER TABLE layers ADD feature_count bigint NOT NULL DEFAULT 0;

                CREATE SCHEMA layer_storage;
                COMMENT ON SCHEMA layer_storage IS
                    'Where each layer''s features are stored: one table per layer (features_<n>), attached to public.features as its '
                    'partition, and the functions that create, replace and drop those tables. The functions run as their owner (the '
                    'migration role), so an application role may replace a layer only by calling them.';
                CREATE SEQUENCE layer_storage.table_number;

                -- ===== the partitioned table (the old one keeps its rows until they are copied) =====
                ALTER TABLE features RENAME TO features_before_partitioning;
                ALTER TABLE features_before_partitioning DROP CONSTRAINT pk_features CASCADE;
                ALTER TABLE features_before_partitioning DROP CONSTRAINT fk_features_actors_actor_id;
                ALTER TABLE features_before_partitioning DROP CONSTRAINT fk_features_layers_layer_id;
                DROP INDEX ix_features_geometry, ix_features_actor_id, ix_features_layer_id_id,
                    ix_features_layer_id_valid_from_valid_to, ix_features_predecessor_id,
                    ix_features_search_fold, ix_features_search_skeleton;

                CREATE TABLE features (
                    id character varying(200) COLLATE "C" NOT NULL,
                    layer_id character varying(64) NOT NULL,
                    actor_id character varying(64),
                    name text NOT NULL,
                    name_ar text,
                    kind character varying(64) NOT NULL,
                    geometry geometry(Geometry,4326) NOT NULL,
                    valid_from date NOT NULL,
                    valid_to date,
                    date_precision character varying(8) NOT NULL,
                    confidence double precision NOT NULL,
                    approximate boolean NOT NULL,
                    accuracy_meters integer,
                    sources jsonb NOT NULL,
                    notes text,
                    predecessor_id character varying(200),
                    properties jsonb NOT NULL,
                    import_id uuid,
                    created_at timestamp with time zone NOT NULL,
                    updated_at timestamp with time zone NOT NULL,
                    last_confirmed date,
                    parties text[] NOT NULL DEFAULT '{}'::text[],
                    CONSTRAINT pk_features PRIMARY KEY (layer_id, id),
                    CONSTRAINT ck_features_confidence CHECK (confidence >= 0 AND confidence <= 1),
                    CONSTRAINT ck_features_valid_range CHECK (valid_to IS NULL OR valid_from <= valid_to),
                    CONSTRAINT fk_features_actors_actor_id FOREIGN KEY (actor_id) REFERENCES actors (id) ON DELETE RESTRICT
                ) PARTITION BY LIST (layer_id);
                CREATE INDEX ix_features_geometry ON features USING gist (geometry);
                CREATE INDEX ix_features_valid_from_valid_to ON features (valid_from, valid_to);
                -- No statistics for what no query filters or sorts on (ANALYZE of a layer is part of every import).
                ALTER TABLE features ALTER COLUMN sources SET STATISTICS 0, ALTER COLUMN properties SET STATISTICS 0,
                    ALTER COLUMN notes SET STATISTICS 0, ALTER COLUMN import_id SET STATISTICS 0,
                    ALTER COLUMN created_at SET STATISTICS 0, ALTER COLUMN updated_at SET STATISTICS 0;
                COMMENT ON TABLE features IS
                    'Presence records, partitioned by layer_id: one partition per layer (layer_storage.features_<n>), created and '
                    'dropped with the layer. Read and write it through this parent, never a partition.';

                -- ===== helpers =====

                -- The table holding a layer's features: the partition of features whose bound is that layer; null for no layer.
                CREATE FUNCTION layer_storage.partition_of(layer text) RETURNS regclass
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                    SELECT c.oid::regclass
                    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = 'public.features'::regclass
                      AND pg_get_expr(c.relpartbound, c.oid) = format('FOR VALUES IN (%L)', layer)
                $$;

                -- The name of a table made by create_table that is not (yet) attached; anything else is refused, so that a caller
                -- cannot point these functions, which run as the owner, at another table.
                CREATE FUNCTION layer_storage.unattached_name(staged regclass) RETURNS text
                LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    name text;
                BEGIN
                    SELECT c.relname INTO name FROM pg_class c
                    WHERE c.oid = staged AND c.relnamespace = 'layer_storage'::regnamespace AND c.relkind = 'r'
                      AND NOT c.relispartition AND c.relname ~ '^features_[0-9]+$';
                    IF name IS NULL THEN
                        RAISE EXCEPTION '% is not an unattached layer table of layer_storage', staged;
                    END IF;
                    RETURN name;
                END $$;

                -- The statistics targets of features, which neither LIKE nor PARTITION OF copies, onto a layer's table.
                CREATE FUNCTION layer_storage.copy_statistics_targets(target regclass) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    col record;
                BEGIN
                    FOR col IN
                        SELECT attname, attstattarget FROM pg_attribute
                        WHERE attrelid = 'public.features'::regclass AND attnum > 0 AND NOT attisdropped AND attstattarget >= 0
                    LOOP
                        EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET STATISTICS %s', target, col.attname, col.attstattarget);
                    END LOOP;
                END $$;

                -- ===== the partition of a new layer, and its end =====

                -- A layer's partition, empty: created with the layer (trigger on layers), with every index and constraint of features.
                CREATE FUNCTION layer_storage.create_partition(layer text) RETURNS regclass
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    name text := 'features_' || nextval('layer_storage.table_number');
                BEGIN
                    EXECUTE format('CREATE TABLE layer_storage.%I PARTITION OF public.features FOR VALUES IN (%L)', name, layer);
                    EXECUTE format('COMMENT ON TABLE layer_storage.%I IS %L', name, 'Features of layer ' || layer);
                    PERFORM layer_storage.copy_statistics_targets(format('layer_storage.%I', name)::regclass);
                    RETURN format('layer_storage.%I', name)::regclass;
                END $$;

                CREATE FUNCTION layer_storage.drop_partition(layer text) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    partition regclass := layer_storage.partition_of(layer);
                BEGIN
                    IF partition IS NOT NULL THEN
                        EXECUTE format('DROP TABLE %s', partition);
                    END IF;
                END $$;

                -- ===== name search (SearchSql): the trigram indexes of published layers only =====

                -- The two trigram indexes of name search on one layer's table, named after it (features_12_ix_features_search_fold),
                -- on the expressions of SearchSql so that a search through features uses them. Only the partitions of published
                -- layers have them: an import of an unpublished layer does not pay for them (≈ 15–18 s per 200,000 rows), and
                -- publishing builds them. bench/import/RESULTS.md measures both.
                CREATE FUNCTION layer_storage.build_search_indexes(target regclass) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    name text;
                BEGIN
                    SELECT c.relname INTO name FROM pg_class c
                    WHERE c.oid = target AND c.relnamespace = 'layer_storage'::regnamespace AND c.relname ~ '^features_[0-9]+$';
                    IF name IS NULL THEN
                        RAISE EXCEPTION '% is not a layer table of layer_storage', target;
                    END IF;
                    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin '
                        '(public.map_search_fold(name || '' '' || coalesce(name_ar, '''')) public.gin_trgm_ops)',
                        name || '_ix_features_search_fold', target);
                    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin '
                        '(public.map_search_skeleton(name || '' '' || coalesce(name_ar, '''')) public.gin_trgm_ops)',
                        name || '_ix_features_search_skeleton', target);
                END $$;

                CREATE FUNCTION layer_storage.drop_search_indexes(target regclass) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    name text;
                BEGIN
                    SELECT c.relname INTO name FROM pg_class c
                    WHERE c.oid = target AND c.relnamespace = 'layer_storage'::regnamespace AND c.relname ~ '^features_[0-9]+$';
                    IF name IS NULL THEN
                        RAISE EXCEPTION '% is not a layer table of layer_storage', target;
                    END IF;
                    EXECUTE format('DROP INDEX IF EXISTS layer_storage.%I, layer_storage.%I',
                        name || '_ix_features_search_fold', name || '_ix_features_search_skeleton');
                END $$;

                -- A new layer's partition, with the search indexes when the layer is published from the start (the seeder's).
                CREATE FUNCTION layer_storage.layer_inserted() RETURNS trigger
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    partition regclass := layer_storage.create_partition(NEW.id);
                BEGIN
                    IF NEW.published THEN
                        PERFORM layer_storage.build_search_indexes(partition);
                    END IF;
                    RETURN NULL;
                END $$;

                -- Publishing a layer builds its search indexes; withdrawing it drops them.
                CREATE FUNCTION layer_storage.layer_publishing_changed() RETURNS trigger
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    partition regclass := layer_storage.partition_of(NEW.id);
                BEGIN
                    IF partition IS NOT NULL AND NEW.published THEN
                        PERFORM layer_storage.build_search_indexes(partition);
                    ELSIF partition IS NOT NULL THEN
                        PERFORM layer_storage.drop_search_indexes(partition);
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION layer_storage.layer_deleted() RETURNS trigger
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                BEGIN
                    PERFORM layer_storage.drop_partition(OLD.id);
                    RETURN OLD;
                END $$;

                CREATE FUNCTION layer_storage.layer_renamed() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'a layer id cannot change (layer %): its partition is bound to it', OLD.id;
                END $$;

                CREATE TRIGGER layer_partition_created AFTER INSERT ON layers
                    FOR EACH ROW EXECUTE FUNCTION layer_storage.layer_inserted();
                CREATE TRIGGER layer_partition_dropped BEFORE DELETE ON layers
                    FOR EACH ROW EXECUTE FUNCTION layer_storage.layer_deleted();
                CREATE TRIGGER layer_id_fixed BEFORE UPDATE OF id ON layers
                    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION layer_storage.layer_renamed();
                CREATE TRIGGER layer_search_indexed AFTER UPDATE OF published ON layers
                    FOR EACH ROW WHEN (OLD.published IS DISTINCT FROM NEW.published) EXECUTE FUNCTION layer_storage.layer_publishing_changed();

                -- ===== replacing a layer: build a table off to the side, then swap it in =====

                -- A new, empty table for one layer's rows, not attached: the columns, defaults and checks of features, and a CHECK
                -- that every row belongs to the layer, so that attaching it needs no scan. The caller may COPY into it.
                CREATE FUNCTION layer_storage.create_table(layer text) RETURNS regclass
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    name text := 'features_' || nextval('layer_storage.table_number');
                    created regclass;
                BEGIN
                    EXECUTE format('CREATE TABLE layer_storage.%I (LIKE public.features INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
                    created := format('layer_storage.%I', name)::regclass;
                    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (layer_id = %L)', created, name || '_layer', layer);
                    EXECUTE format('COMMENT ON TABLE %s IS %L', created, 'Features of layer ' || layer || ' (being built)');
                    PERFORM layer_storage.copy_statistics_targets(created);
                    IF session_user <> current_user THEN
                        EXECUTE format('GRANT INSERT ON %s TO %I', created, session_user);
                    END IF;
                    RETURN created;
                END $$;

                -- On a table of create_table, the twin of one index of features (named as on features), so that attaching adopts
                -- it instead of building it.
                CREATE FUNCTION layer_storage.build_index(staged regclass, parent_index text) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    name text := layer_storage.unattached_name(staged);
                    definition text;
                BEGIN
                    SELECT pg_get_indexdef(i.indexrelid) INTO definition
                    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                    WHERE i.indrelid = 'public.features'::regclass AND c.relname = parent_index;
                    IF definition IS NULL THEN
                        RAISE EXCEPTION 'features has no index %', parent_index;
                    END IF;
                    EXECUTE regexp_replace(definition, '^(CREATE (UNIQUE )?INDEX )\S+ ON ONLY public\.features ',
                        '\1' || quote_ident(name || '_' || parent_index) || ' ON ' || staged::text || ' ');
                END $$;

                -- The indexes of features, for build_index, primary key first, and which are btree. A new table gets them all after its
                -- rows have arrived (one sorted build each is cheaper than maintaining them row by row during COPY): the btree indexes
                -- in one session, the others (GiST) in a second one, side by side. Measured in bench/import/RESULTS.md.
                CREATE FUNCTION layer_storage.index_names() RETURNS TABLE (name text, btree boolean)
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                    SELECT c.relname::text, a.amname = 'btree'
                    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
                    WHERE i.indrelid = 'public.features'::regclass
                    ORDER BY i.indisprimary DESC, c.relname
                $$;

                -- Makes a filled table ready to attach: the primary key from its unique index (build_index), the foreign keys of
                -- features (each validated by one query), fresh statistics, and no more writes by the caller. The caller knows its
                -- row count (it wrote the rows), so the table is not scanned for one.
                CREATE FUNCTION layer_storage.prepare_table(staged regclass) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    name text := layer_storage.unattached_name(staged);
                    key text;
                    foreign_key record;
                BEGIN
                    SELECT c.relname INTO key FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                    WHERE i.indrelid = 'public.features'::regclass AND i.indisprimary;
                    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I PRIMARY KEY USING INDEX %I',
                        staged, name || '_' || key, name || '_' || key);
                    FOR foreign_key IN
                        SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
                        WHERE conrelid = 'public.features'::regclass AND contype = 'f' ORDER BY conname
                    LOOP
                        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', staged, name || '_' || foreign_key.conname, foreign_key.definition);
                    END LOOP;
                    IF session_user <> current_user THEN
                        EXECUTE format('REVOKE INSERT ON %s FROM %I', staged, session_user);
                    END IF;
                    EXECUTE format('ANALYZE %s', staged);
                END $$;

                -- Puts a prepared table in the place of the layer's partition: detaches and drops the current one, attaches the new
                -- one (which adopts its indexes, constraints and statistics). Call it inside a short transaction with a lock_timeout:
                -- DETACH takes an ACCESS EXCLUSIVE lock on features, so it waits for running reads of every layer and holds new ones
                -- until the commit.
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
                    -- The import built them before the swap when the layer was published; this only catches a layer published
                    -- meanwhile (then they are built here, under the lock, rather than missing).
                    IF (SELECT published FROM public.layers WHERE id = layer) THEN
                        PERFORM layer_storage.build_search_indexes(staged);
                    END IF;
                    IF current IS NOT NULL THEN
                        EXECUTE format('DROP TABLE %s', current);
                    END IF;
                END $$;

                -- Tables of create_table for this layer that were never swapped in: left by an import that was killed. Call it
                -- holding the layer's import lock, when no other import of the layer can be building one.
                CREATE FUNCTION layer_storage.drop_abandoned(layer text) RETURNS integer
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

                -- A table of create_table that will not be swapped in (a failed import).
                CREATE FUNCTION layer_storage.drop_table(staged regclass) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                BEGIN
                    PERFORM layer_storage.unattached_name(staged);
                    EXECUTE format('DROP TABLE %s', staged);
                END $$;

                -- Fresh statistics for one layer's partition (after an append).
                CREATE FUNCTION layer_storage.refresh_statistics(layer text) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    partition regclass := layer_storage.partition_of(layer);
                BEGIN
                    IF partition IS NOT NULL THEN
                        EXECUTE format('ANALYZE %s', partition);
                    END IF;
                END $$;

                -- ===== the count of features per layer =====

                CREATE FUNCTION layer_storage.count_inserted() RETURNS trigger
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                BEGIN
                    UPDATE public.layers l SET feature_count = l.feature_count + n.rows
                    FROM (SELECT layer_id, count(*) AS rows FROM inserted GROUP BY layer_id) n WHERE l.id = n.layer_id;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION layer_storage.count_deleted() RETURNS trigger
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                BEGIN
                    UPDATE public.layers l SET feature_count = l.feature_count - n.rows
                    FROM (SELECT layer_id, count(*) AS rows FROM deleted GROUP BY layer_id) n WHERE l.id = n.layer_id;
                    RETURN NULL;
                END $$;

                -- An update moves a row to another layer only when it changes layer_id; then both counts change.
                CREATE FUNCTION layer_storage.count_updated() RETURNS trigger
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                BEGIN
                    UPDATE public.layers l SET feature_count = l.feature_count + n.rows
                    FROM (SELECT layer_id, sum(d) AS rows
                          FROM (SELECT layer_id, -1 AS d FROM before UNION ALL SELECT layer_id, 1 FROM after) moves
                          GROUP BY layer_id HAVING sum(d) <> 0) n
                    WHERE l.id = n.layer_id;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION layer_storage.count_truncated() RETURNS trigger
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                BEGIN
                    UPDATE public.layers SET feature_count = 0 WHERE feature_count <> 0;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER features_counted_on_insert AFTER INSERT ON features REFERENCING NEW TABLE AS inserted
                    FOR EACH STATEMENT EXECUTE FUNCTION layer_storage.count_inserted();
                CREATE TRIGGER features_counted_on_delete AFTER DELETE ON features REFERENCING OLD TABLE AS deleted
                    FOR EACH STATEMENT EXECUTE FUNCTION layer_storage.count_deleted();
                CREATE TRIGGER features_counted_on_update AFTER UPDATE ON features REFERENCING OLD TABLE AS before NEW TABLE AS after
                    FOR EACH STATEMENT EXECUTE FUNCTION layer_storage.count_updated();
                CREATE TRIGGER features_counted_on_truncate AFTER TRUNCATE ON features
                    FOR EACH STATEMENT EXECUTE FUNCTION layer_storage.count_truncated();

                REVOKE ALL ON ALL FUNCTIONS IN SCHEMA layer_storage FROM PUBLIC;

                -- ===== the data =====
                SELECT layer_storage.create_partition(id) FROM layers ORDER BY id;
                INSERT INTO features SELECT * FROM features_before_partitioning;
                DROP TABLE features_before_partitioning;
                SELECT layer_storage.build_search_indexes(layer_storage.partition_of(id)) FROM layers WHERE published ORDER BY id;
                ANALYZE features;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE features RENAME TO features_partitioned;
                ALTER TABLE features_partitioned RENAME CONSTRAINT pk_features TO pk_features_partitioned;
                ALTER INDEX ix_features_geometry RENAME TO ix_features_partitioned_geometry;
                ALTER INDEX ix_features_valid_from_valid_to RENAME TO ix_features_partitioned_valid_from_valid_to;

                CREATE TABLE features (
                    id character varying(200) NOT NULL,
                    layer_id character varying(64) NOT NULL,
                    actor_id character varying(64),
                    name text NOT NULL,
                    name_ar text,
                    kind character varying(64) NOT NULL,
                    geometry geometry(Geometry,4326) NOT NULL,
                    valid_from date NOT NULL,
                    valid_to date,
                    date_precision character varying(8) NOT NULL,
                    confidence double precision NOT NULL,
                    approximate boolean NOT NULL,
                    accuracy_meters integer,
                    sources jsonb NOT NULL,
                    notes text,
                    predecessor_id character varying(200),
                    properties jsonb NOT NULL,
                    import_id uuid,
                    created_at timestamp with time zone NOT NULL,
                    updated_at timestamp with time zone NOT NULL,
                    last_confirmed date,
                    parties text[] NOT NULL DEFAULT '{}'::text[],
                    CONSTRAINT pk_features PRIMARY KEY (id),
                    CONSTRAINT ck_features_confidence CHECK (confidence >= 0 AND confidence <= 1),
                    CONSTRAINT ck_features_valid_range CHECK (valid_to IS NULL OR valid_from <= valid_to),
                    CONSTRAINT fk_features_actors_actor_id FOREIGN KEY (actor_id) REFERENCES actors (id) ON DELETE RESTRICT,
                    CONSTRAINT fk_features_layers_layer_id FOREIGN KEY (layer_id) REFERENCES layers (id) ON DELETE CASCADE
                );
                -- Ids must be unique across layers again: this fails (and nothing changes) if two layers share one.
                INSERT INTO features SELECT * FROM features_partitioned;
                ALTER TABLE features ADD CONSTRAINT fk_features_features_predecessor_id
                    FOREIGN KEY (predecessor_id) REFERENCES features (id) ON DELETE SET NULL;
                CREATE INDEX ix_features_actor_id ON features (actor_id);
                CREATE INDEX ix_features_geometry ON features USING gist (geometry);
                CREATE INDEX ix_features_layer_id_id ON features (layer_id, id);
                CREATE INDEX ix_features_layer_id_valid_from_valid_to ON features (layer_id, valid_from, valid_to);
                CREATE INDEX ix_features_predecessor_id ON features (predecessor_id);

                DROP TABLE features_partitioned;
                DROP SCHEMA layer_storage CASCADE;
                ALTER TABLE layers DROP COLUMN feature_count;
                """);
            // AnalystMap's search indexes, on the one table again.
            migrationBuilder.Sql(Map.Data.Search.SearchSql.FunctionsV1);
        }
    }
}
