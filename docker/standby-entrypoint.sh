#!/bin/sh
# The standby's entrypoint: on its first start, a base backup of the primary with -R (standby.signal and
# primary_conninfo), then PostgreSQL streams from it and answers reads.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h primary -U replicator -d postgres; do sleep 1; done
  PGPASSWORD="$MAP_REPLICATION_PASSWORD" pg_basebackup -h primary -U replicator -D "$PGDATA" -R -X stream -c fast
  chmod 700 "$PGDATA"
fi
exec postgres
