#!/bin/sh
# Back up Suivi's PostgreSQL database: one pg_dump archive (custom format) in DIR, then
# keep only the newest BACKUP_KEEP archives. See "Backups and restore" in README.md.
#
#   DATABASE_URL=postgres://user@host:5432/suivi deploy/backup.sh [DIR]
#
# Without DATABASE_URL, libpq's variables (PGHOST, PGUSER, PGPASSWORD, PGDATABASE…) name
# the database. DIR defaults to BACKUP_DIR, then var/backups. Prints the archive's path.
set -eu

database="${DATABASE_URL:-${PGDATABASE:?set DATABASE_URL (or PGDATABASE) to the database to back up}}"
dir="${1:-${BACKUP_DIR:-var/backups}}"
keep="${BACKUP_KEEP:-14}"
case "$keep" in
  '' | *[!0-9]* | 0) echo "BACKUP_KEEP must be a whole number, 1 or more" >&2; exit 2 ;;
esac

mkdir -p "$dir"
# Nanoseconds: two backups in the same second get two names, in the order they were taken.
stamp="$(date -u +%Y%m%dT%H%M%S.%NZ)"
archive="$dir/suivi-$stamp.dump"
partial="$dir/.suivi-$stamp.dump.partial"
trap 'rm -f "$partial"' EXIT

# The archive holds no owner nor grants, so that it restores under any user name. It is
# written under another name and renamed once complete and readable: a backup cut short
# (disk full, server gone) never passes for a good one, nor pushes one out of the rotation.
pg_dump --format=custom --no-owner --no-privileges --file="$partial" --dbname="$database"
pg_restore --list "$partial" >/dev/null
mv "$partial" "$archive"

# The newest first; remove what comes after the first $keep.
ls -1 "$dir" | grep -E '^suivi-[0-9T.]+Z\.dump$' | sort -r | tail -n +"$((keep + 1))" |
  while read -r old; do rm -f "$dir/$old"; done

echo "$archive"
