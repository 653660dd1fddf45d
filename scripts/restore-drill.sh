#!/usr/bin/env bash
# The restore drill (docs/DATABASE_OPERATIONS.md): proves that a backup of the Vybe database restores
# to the same data. ./test.sh runs it against a seeded database on every run.
set -euo pipefail

SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# The tables whose row counts must survive a backup and restore, as "table|what it holds".
COMPARED_TABLES=(
  'AspNetUsers|users'
  'AspNetUserRoles|role grants'
  'readings|readings'
  'error_logs|error logs'
  'DataProtectionKeys|Data Protection keys'
)

usage() {
  cat <<'EOF'
Usage: scripts/restore-drill.sh [options]

The restore drill. It
  1. opens a repeatable-read snapshot of the source database and, in that snapshot, counts the
     rows of AspNetUsers (users), AspNetUserRoles, readings, error_logs and DataProtectionKeys
     and lists the applied migrations ("__EFMigrationsHistory");
  2. dumps the source as of that same snapshot with scripts/db-backup.sh (pg_dump --format=custom,
     verified with pg_restore --list), so rows written meanwhile cannot make counts differ;
  3. restores the dump into a new scratch database on the same server (pg_restore --exit-on-error);
  4. counts and lists the same in the restored copy and prints the comparison;
  5. drops the scratch database, also after a failure or Ctrl-C.

The server comes from libpq's environment variables (PGHOST, PGPORT, PGUSER, PGPASSWORD or a
~/.pgpass file, PGSSLMODE...). The role needs to read every table of the source and to create
databases (CREATEDB); the server needs free disk about the size of the source database.
It never prompts for a password.

Options:
  -d, --dbname NAME     the source database's name (default: $PGDATABASE)
  -o, --backup-dir DIR  keep the drill's dump in DIR (db-backup.sh keeps the newest 14 there);
                        default: a temporary folder, deleted afterwards
      --tamper-sql SQL  for testing the drill itself only: run SQL in the restored copy before
                        comparing (test.sh deletes a row this way to prove the drill then fails)
  -h, --help            show this text

Environment: PG_BIN, a folder holding pg_dump, pg_restore and psql, when the ones on PATH are
older than the server (e.g. PG_BIN=/usr/lib/postgresql/15/bin).

Exit status: 0 when the restored copy matches the source; 1 when anything differs or a step failed;
2 for a usage error.
EOF
}

fail_usage() {
  printf 'restore-drill.sh: %s\n\n' "$1" >&2
  usage >&2
  exit 2
}

say() { printf 'restore-drill.sh: %s\n' "$*" >&2; }

tool() { printf '%s' "${PG_BIN:+$PG_BIN/}$1"; }

source_database="${PGDATABASE:-}"
backup_dir=""
tamper_sql=""

while [[ $# -gt 0 ]]; do
  case $1 in
    -d | --dbname) [[ $# -ge 2 ]] || fail_usage "$1 needs a value"; source_database=$2; shift 2 ;;
    -o | --backup-dir) [[ $# -ge 2 ]] || fail_usage "$1 needs a value"; backup_dir=$2; shift 2 ;;
    --tamper-sql) [[ $# -ge 2 ]] || fail_usage "$1 needs a value"; tamper_sql=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) fail_usage "unknown argument: $1" ;;
  esac
done

[[ -n $source_database ]] || fail_usage "no source database: set PGDATABASE or pass --dbname"
# Host, port and user come from the environment; a URI here would bypass the scratch database's connection.
[[ $source_database != *=* && $source_database != *://* ]] \
  || fail_usage "--dbname takes a database name; give the server with PGHOST, PGPORT, PGUSER..."

psql_on() {
  local database=$1
  shift
  "$(tool psql)" --no-psqlrc --no-password --quiet --tuples-only --no-align --set=ON_ERROR_STOP=1 \
    --dbname="$database" "$@"
}

quote_identifier() { printf '"%s"' "${1//\"/\"\"}"; }

count_sql() { printf 'SELECT count(*) FROM public.%s;' "$(quote_identifier "$1")"; }

MIGRATIONS_SQL='SELECT coalesce(string_agg("MigrationId", '"' '"' ORDER BY "MigrationId"), '"''"') FROM public."__EFMigrationsHistory";'

# --- Cleanup -------------------------------------------------------------------------------------

work_dir="$(mktemp -d -t vybe-restore-drill.XXXXXX)"
scratch_database=""
snapshot_pid=""

cleanup() {
  local status=$?
  if [[ -n $snapshot_pid ]]; then
    # End of input makes psql end its session, which rolls the snapshot's transaction back.
    exec {snapshot_in}>&- || true
    wait "$snapshot_pid" 2>/dev/null || true
  fi
  if [[ -n $scratch_database ]]; then
    if psql_on "$source_database" --command="DROP DATABASE IF EXISTS $(quote_identifier "$scratch_database") WITH (FORCE)"; then
      say "dropped the scratch database $scratch_database"
    else
      say "could not drop the scratch database $scratch_database: drop it by hand"
      status=1
    fi
  fi
  rm -rf "$work_dir"
  # A failed step can end with any status; the documented one for a failure is 1.
  if [[ $status -ne 0 && $status -ne 2 ]]; then
    status=1
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 1. Counts in a snapshot of the source -------------------------------------------------------

# One psql session holds a repeatable-read transaction open: every count below and pg_dump (through
# --snapshot) see the database as of the same instant.
coproc SNAPSHOT_SESSION { psql_on "$source_database"; }
snapshot_pid=$SNAPSHOT_SESSION_PID
snapshot_in=${SNAPSHOT_SESSION[1]}
snapshot_out=${SNAPSHOT_SESSION[0]}

ask_snapshot() {
  local answer
  printf '%s\n' "$1" >&"$snapshot_in"
  # End of file here means psql stopped: its error is already on stderr.
  IFS= read -r answer <&"$snapshot_out" || { say "the source database $source_database did not answer: $1"; return 1; }
  printf '%s' "$answer"
}

snapshot_id="$(ask_snapshot 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot();')"
declare -A source_counts restored_counts
for entry in "${COMPARED_TABLES[@]}"; do
  table=${entry%%|*}
  source_counts[$table]="$(ask_snapshot "$(count_sql "$table")")"
done
source_migrations="$(ask_snapshot "$MIGRATIONS_SQL")"

# --- 2. Dump as of that snapshot -----------------------------------------------------------------

dump_dir=${backup_dir:-$work_dir}
dump_path="$("$SCRIPTS_DIR/db-backup.sh" --dbname "$source_database" --output-dir "$dump_dir" --snapshot "$snapshot_id")"

printf 'COMMIT;\n\\q\n' >&"$snapshot_in"
wait "$snapshot_pid" || true
snapshot_pid=""

# --- 3. Restore into a scratch database ----------------------------------------------------------

scratch_database="restore_drill_$(date -u +%Y%m%d%H%M%S)_$$"
say "restoring $(basename "$dump_path") into the scratch database $scratch_database"
psql_on "$source_database" --command="CREATE DATABASE $(quote_identifier "$scratch_database")"
# No owners or grants: the scratch copy belongs to whoever runs the drill, whatever roles exist here.
"$(tool pg_restore)" --no-password --exit-on-error --no-owner --no-privileges \
  --dbname="$scratch_database" "$dump_path"

if [[ -n $tamper_sql ]]; then
  say "tampering with the restored copy (testing the drill): $tamper_sql"
  psql_on "$scratch_database" --command="$tamper_sql" >/dev/null
fi

# --- 4. Compare ----------------------------------------------------------------------------------

for entry in "${COMPARED_TABLES[@]}"; do
  table=${entry%%|*}
  restored_counts[$table]="$(psql_on "$scratch_database" --command="$(count_sql "$table")")"
done
restored_migrations="$(psql_on "$scratch_database" --command="$MIGRATIONS_SQL")"

differences=0
row() { printf '%-44s %10s %10s  %s\n' "$@"; }
verdict() {
  if [[ $1 == "$2" ]]; then
    printf 'ok'
  else
    printf 'DIFFERS'
  fi
}

printf '\nRestore drill: %s -> %s (dump %s, %s)\n' "$source_database" "$scratch_database" \
  "$(basename "$dump_path")" "$(du -h "$dump_path" | cut -f1)"
row 'what' 'source' 'restored' 'result'
for entry in "${COMPARED_TABLES[@]}"; do
  table=${entry%%|*}
  label="${entry#*|} ($table)"
  result="$(verdict "${source_counts[$table]}" "${restored_counts[$table]}")"
  [[ $result == ok ]] || differences=$((differences + 1))
  row "$label" "${source_counts[$table]}" "${restored_counts[$table]}" "$result"
done

read -r -a source_migration_list <<<"$source_migrations"
read -r -a restored_migration_list <<<"$restored_migrations"
result="$(verdict "$source_migrations" "$restored_migrations")"
[[ $result == ok ]] || differences=$((differences + 1))
row 'applied migrations (__EFMigrationsHistory)' "${#source_migration_list[@]}" "${#restored_migration_list[@]}" "$result"
declare -A in_source in_restored
for id in "${source_migration_list[@]}"; do in_source[$id]=yes; done
for id in "${restored_migration_list[@]}"; do in_restored[$id]=yes; done
while IFS= read -r id; do
  [[ -n $id ]] || continue
  row "  $id" "${in_source[$id]:-no}" "${in_restored[$id]:-no}" "$(verdict "${in_source[$id]:-no}" "${in_restored[$id]:-no}")"
done < <(printf '%s\n' "${source_migration_list[@]}" "${restored_migration_list[@]}" | sort -u)

if [[ $differences -gt 0 ]]; then
  printf 'Result: FAILED, %d check(s) differ between the source and its restored copy.\n\n' "$differences"
  exit 1
fi
printf 'Result: the restored copy matches the source.\n\n'
