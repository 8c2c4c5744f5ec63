using Map.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Map.Data.Migrations
{
    /// <summary>
    /// Durable import jobs (issue #10 item 7, issue #15): the upload queue as a table that every app instance claims
    /// from with <c>FOR UPDATE SKIP LOCKED</c>, a lease its worker renews, and the uploaded file's bytes beside it, so
    /// whichever instance claims a job can read its file without a shared disk. Only <c>ImportQueue</c> (Map.Import)
    /// reads and writes these tables. The model is unchanged (SQL the model does not describe), so, like LivingMap,
    /// this migration has no designer file.
    /// </summary>
    /// <remarks>
    /// A job's row lives from its upload to its end: the worker that finishes the import deletes it (and its file, by
    /// cascade) in the transaction that commits the import, so an import commits exactly once. Its status is the
    /// <c>imports</c> row (queued, running, succeeded, failed).
    /// </remarks>
    [DbContext(typeof(MapDbContext))]
    [Migration("20261130120000_ImportJobs")]
    public partial class ImportJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE import_jobs (
                    id uuid PRIMARY KEY REFERENCES imports (id) ON DELETE CASCADE,
                    request jsonb NOT NULL,
                    file_name text NOT NULL,
                    requested_by text NOT NULL,
                    queued_at timestamp with time zone NOT NULL DEFAULT now(),
                    attempts integer NOT NULL DEFAULT 0,
                    worker text,
                    lease_until timestamp with time zone
                );
                CREATE INDEX ix_import_jobs_queued_at ON import_jobs (queued_at);
                COMMENT ON TABLE import_jobs IS
                    'Imports waiting for a worker or running: a worker claims one (FOR UPDATE SKIP LOCKED), sets worker and lease_until and '
                    'renews the lease while it runs; a job whose lease ran out is claimed again, up to the attempts allowed.';

                -- The uploaded zip in parts of about 1 MiB: written and read one part at a time, never whole in memory.
                CREATE TABLE import_job_files (
                    job_id uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
                    part integer NOT NULL,
                    bytes bytea NOT NULL,
                    PRIMARY KEY (job_id, part)
                );
                -- A zip is compressed already: stored out of line as it is, without a second compression.
                ALTER TABLE import_job_files ALTER COLUMN bytes SET STORAGE EXTERNAL;

                -- The writer runs uploads and jobs (./map grants it DML on the owner's new tables by default privileges too; a
                -- database set up otherwise gets it here).
                DO $$ BEGIN
                    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'map_writer') THEN
                        GRANT SELECT, INSERT, UPDATE, DELETE ON import_jobs, import_job_files TO map_writer;
                    END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE import_job_files, import_jobs;");
        }
    }
}
