#!/usr/bin/env bash
# Backs up one PostgreSQL database (docs/DATABASE_OPERATIONS.md): pg_dump in its custom format to a
# timestamped file, checked by reading it back with pg_restore --list, then the oldest dumps of the
# same database in that folder are deleted beyond the newest N. Run it from cron or a systemd timer.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/db-backup.sh [options]

Dumps one PostgreSQL database with pg_dump --format=custom to DIR/NAME-YYYYMMDDTHHMMSS.mmmZ.dump,
checks that pg_restore can read the dump (pg_restore --list), and then deletes the oldest dumps of
that database in DIR beyond the newest N. A dump that fails or does not verify is deleted and
nothing else is touched. Prints the new dump's path on standard output; progress goes to stderr.

Where the database is comes from libpq: the environment variables PGHOST, PGPORT, PGUSER,
PGPASSWORD (better: a ~/.pgpass file or PGPASSFILE), PGDATABASE, PGSSLMODE, PGSERVICE..., or
--dbname. It never prompts for a password.

Options:
  -d, --dbname DB       a database name, or a connection URI or string, e.g.
                        postgresql://vybe_backup@db.internal:5432/vybe?sslmode=require
                        (default: $PGDATABASE)
  -o, --output-dir DIR  where the dumps go; created when missing (default: ./backups)
  -k, --keep N          dumps of this database to keep, newest first; 0 keeps every one (default: 14)
  -p, --prefix NAME     the file name prefix (default: the database's name)
      --snapshot ID     dump as of a snapshot exported with pg_export_snapshot() by a transaction
                        that stays open until this script ends (scripts/restore-drill.sh does this)
  -h, --help            show this text

Environment: PG_BIN, a folder holding pg_dump, pg_restore and psql, when the ones on PATH are
older than the server (e.g. PG_BIN=/usr/lib/postgresql/15/bin).

Exit status: 0 on success, 2 for a usage error, anything else when a step failed.

Example (nightly at 02:30, 14 days kept):
  30 2 * * *  PGHOST=db.internal PGUSER=vybe_backup PGDATABASE=vybe /opt/vybe/scripts/db-backup.sh -o /var/backups/vybe -k 14
EOF
}

fail_usage() {
  printf 'db-backup.sh: %s\n\n' "$1" >&2
  usage >&2
  exit 2
}

say() { printf 'db-backup.sh: %s\n' "$*" >&2; }

tool() { printf '%s' "${PG_BIN:+$PG_BIN/}$1"; }

dbname="${PGDATABASE:-}"
output_dir="./backups"
keep=14
prefix=""
snapshot=""

while [[ $# -gt 0 ]]; do
  case $1 in
    -d | --dbname) [[ $# -ge 2 ]] || fail_usage "$1 needs a value"; dbname=$2; shift 2 ;;
    -o | --output-dir) [[ $# -ge 2 ]] || fail_usage "$1 needs a value"; output_dir=$2; shift 2 ;;
    -k | --keep) [[ $# -ge 2 ]] || fail_usage "$1 needs a value"; keep=$2; shift 2 ;;
    -p | --prefix) [[ $# -ge 2 ]] || fail_usage "$1 needs a value"; prefix=$2; shift 2 ;;
    --snapshot) [[ $# -ge 2 ]] || fail_usage "$1 needs a value"; snapshot=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) fail_usage "unknown argument: $1" ;;
  esac
done

[[ -n $dbname ]] || fail_usage "no database: set PGDATABASE or pass --dbname"
[[ $keep =~ ^[0-9]+$ ]] || fail_usage "--keep must be a whole number, not '$keep'"

# The connection is checked, and the database's real name learnt (--dbname may be a URI), before anything is written.
database_name="$("$(tool psql)" --no-psqlrc --no-password --quiet --tuples-only --no-align \
  --dbname="$dbname" --command='SELECT current_database()')"
if [[ -z $prefix ]]; then
  # A file name, whatever the database is called.
  prefix="${database_name//[^A-Za-z0-9_.-]/_}"
fi
[[ $prefix =~ ^[A-Za-z0-9_.-]+$ ]] || fail_usage "--prefix may hold only letters, digits, '_', '.' and '-'"

mkdir -p "$output_dir"
# Dumps hold e-mail addresses and password hashes: readable by their owner only.
umask 077

timestamp="$(date -u +%Y%m%dT%H%M%S.%3NZ)"
final_path="$output_dir/$prefix-$timestamp.dump"
partial_path="$output_dir/.$prefix-$timestamp.dump.partial"
[[ ! -e $final_path ]] || { say "$final_path already exists"; exit 1; }

# A failed or unverified dump never stays behind looking like a backup.
trap 'rm -f "$partial_path"' EXIT

dump_arguments=(--format=custom --no-password --file="$partial_path" --dbname="$dbname")
if [[ -n $snapshot ]]; then
  dump_arguments+=(--snapshot="$snapshot")
fi

say "dumping database $database_name"
"$(tool pg_dump)" "${dump_arguments[@]}"

# pg_restore --list reads the whole table of contents: a truncated or corrupt file fails here.
table_data_entries="$("$(tool pg_restore)" --list "$partial_path" | grep -c ' TABLE DATA ' || true)"
if [[ $table_data_entries -eq 0 ]]; then
  say "the dump of $database_name lists no table data; keeping nothing"
  exit 1
fi
mv "$partial_path" "$final_path"
trap - EXIT
say "wrote $final_path ($(du -h "$final_path" | cut -f1), $table_data_entries tables' data, verified with pg_restore --list)"

if [[ $keep -gt 0 ]]; then
  shopt -s nullglob
  LC_COLLATE=C
  # The fixed-width UTC timestamp makes name order the age order; the pattern leaves other
  # databases' dumps alone, even one whose prefix starts with this one.
  dumps=("$output_dir/$prefix"-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9].[0-9][0-9][0-9]Z.dump)
  shopt -u nullglob
  excess=$((${#dumps[@]} - keep))
  for ((i = 0; i < excess; i++)); do
    say "deleting ${dumps[i]} (keeping the newest $keep)"
    rm -f -- "${dumps[i]}"
  done
fi

printf '%s\n' "$final_path"
