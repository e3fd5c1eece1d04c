#!/bin/sh
# Restore a Suivi backup (deploy/backup.sh) into an EMPTY PostgreSQL database. See "Backups
# and restore" in README.md.
#
#   createdb -h host -U user suivi_restored
#   DATABASE_URL=postgres://user@host:5432/suivi_restored deploy/restore.sh ARCHIVE
#
# It refuses a database that already holds tables, and restores all or nothing (one
# transaction). Without DATABASE_URL, libpq's variables (PGHOST, PGDATABASE…) name it.
set -eu

archive="${1:?give the archive to restore, e.g. var/backups/suivi-20261201T030000.000000000Z.dump}"
[ -r "$archive" ] || { echo "Cannot read $archive" >&2; exit 2; }
pg_restore --list "$archive" >/dev/null

database="${DATABASE_URL:-${PGDATABASE:?set DATABASE_URL (or PGDATABASE) to the empty database}}"
tables="$(psql --no-psqlrc --tuples-only --no-align --dbname="$database" \
  --command "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
if [ "$tables" != "0" ]; then
  echo "The target database already holds $tables tables: restore into an empty one." >&2
  exit 1
fi

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$database" "$archive"
echo "Restored $archive"
