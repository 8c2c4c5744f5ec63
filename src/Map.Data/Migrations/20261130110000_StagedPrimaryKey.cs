using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Map.Data.Migrations
{
    /// <summary>
    /// The primary key of a table built off to the side gets a function of its own, layer_storage.add_primary_key, the
    /// first step of layer_storage.prepare_table. A replace import adds the key, then marks in feature_history the
    /// replaced features the new table lacks (which reads the new table) on its locking session while prepare_table
    /// validates the foreign keys and analyses the table on the other (bench/import/RESULTS.md). The key must come
    /// first: adding it locks the table exclusively, which would wait for the locking session's transaction, and that
    /// ends only with the swap. SQL only, the model is unchanged: no designer file (as LivingMap).
    /// </summary>
    [DbContext(typeof(MapDbContext))]
    [Migration("20261130110000_StagedPrimaryKey")]
    public partial class StagedPrimaryKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- The primary key of a filled table of create_table, from its unique index (build_index); nothing when it has one.
                CREATE FUNCTION layer_storage.add_primary_key(staged regclass) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    name text := layer_storage.unattached_name(staged);
                    key text;
                BEGIN
                    IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = staged AND contype = 'p') THEN
                        RETURN;
                    END IF;
                    SELECT c.relname INTO key FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                    WHERE i.indrelid = 'public.features'::regclass AND i.indisprimary;
                    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I PRIMARY KEY USING INDEX %I',
                        staged, name || '_' || key, name || '_' || key);
                END $$;
                REVOKE ALL ON FUNCTION layer_storage.add_primary_key(regclass) FROM PUBLIC;

                -- Makes a filled table ready to attach: its primary key (add_primary_key, when the caller has not added it yet), the
                -- foreign keys of features (each validated by one query), fresh statistics, and no more writes by the caller.
                CREATE OR REPLACE FUNCTION layer_storage.prepare_table(staged regclass) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    name text := layer_storage.unattached_name(staged);
                    foreign_key record;
                BEGIN
                    PERFORM layer_storage.add_primary_key(staged);
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
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION layer_storage.prepare_table(staged regclass) RETURNS void
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
                DROP FUNCTION layer_storage.add_primary_key(regclass);
                """);
        }
    }
}
