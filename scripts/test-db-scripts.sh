#!/usr/bin/env bash
# Tests of scripts/db-backup.sh and scripts/restore-drill.sh, for test.sh (run_restore_drill): they
# run against a migrated database with data in it, given by PGHOST, PGPORT, PGUSER, PGPASSWORD and
# PGDATABASE. The drill must fail when the restored copy differs, a backup must keep only the newest
# dumps, and nothing may be left behind. Prints "ok" or "not ok" per check; exits 1 when any failed.
set -euo pipefail
# Name order of the timestamped dumps is their age order only in the C collation.
export LC_ALL=C

SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${PGDATABASE:?set PGDATABASE (and PGHOST, PGPORT, PGUSER, PGPASSWORD) to the seeded database}"

work_dir="$(mktemp -d -t vybe-db-scripts-test.XXXXXX)"
trap 'rm -rf "$work_dir"' EXIT

failures=0
check() {
  local description=$1
  shift
  if "$@"; then
    printf 'ok - %s\n' "$description"
  else
    printf 'not ok - %s\n' "$description"
    failures=$((failures + 1))
  fi
}

psql_value() {
  "${PG_BIN:+$PG_BIN/}psql" --no-psqlrc --no-password --quiet --tuples-only --no-align --dbname=postgres --command="$1"
}

# Runs a script, keeping its combined output in $output and its exit status in $status.
output=""
status=0
run() {
  status=0
  output="$("$@" 2>&1)" || status=$?
}

fail_with() {
  printf '  %s\n' "$1"
  printf '%s\n' "$output" | sed 's/^/  | /'
  return 1
}

scratch_database_was_dropped() {
  local scratch
  scratch="$(sed -n 's/^Restore drill: .* -> \([a-z0-9_]*\) (.*/\1/p' <<<"$output")"
  [[ -n $scratch ]] || { fail_with "the drill did not name its scratch database"; return 1; }
  [[ "$(psql_value "SELECT count(*) FROM pg_database WHERE datname = '$scratch'")" == 0 ]] \
    || { fail_with "the scratch database $scratch is still there"; return 1; }
}

backup_keeps_the_newest_dumps() {
  local folder="$work_dir/rotation" paths=() i
  for i in 1 2 3; do
    run "$SCRIPTS_DIR/db-backup.sh" --output-dir "$folder" --keep 2
    [[ $status -eq 0 ]] || { fail_with "backup $i exited $status"; return 1; }
    paths+=("$(tail -n 1 <<<"$output")")
  done
  local kept=("$folder"/*.dump)
  [[ ${#kept[@]} -eq 2 && ${kept[0]} == "${paths[1]}" && ${kept[1]} == "${paths[2]}" ]] \
    || { fail_with "expected the two newest dumps (${paths[1]}, ${paths[2]}), found: ${kept[*]}"; return 1; }
  [[ "$(stat -c %a "${kept[1]}")" == 600 ]] || { fail_with "a dump is readable by others"; return 1; }
  # Captured first: `pg_restore | grep -q` fails under pipefail whenever grep stops reading early.
  local listing
  listing="$("${PG_BIN:+$PG_BIN/}pg_restore" --list "${kept[1]}")" || { fail_with "pg_restore --list failed"; return 1; }
  grep -q ' TABLE DATA public readings ' <<<"$listing" || { fail_with "the dump has no data for readings"; return 1; }
}

backup_of_a_missing_database_fails_and_leaves_no_file() {
  local folder="$work_dir/missing"
  mkdir -p "$folder"
  run "$SCRIPTS_DIR/db-backup.sh" --dbname vybe_no_such_database --output-dir "$folder"
  [[ $status -ne 0 ]] || { fail_with "it exited 0"; return 1; }
  [[ -z "$(ls -A "$folder")" ]] || { fail_with "it left files: $(ls -A "$folder")"; return 1; }
}

drill_fails_when_a_restored_row_is_missing() {
  run "$SCRIPTS_DIR/restore-drill.sh" --tamper-sql 'DELETE FROM readings WHERE id = (SELECT min(id::text)::uuid FROM readings)'
  [[ $status -eq 1 ]] || { fail_with "it exited $status, not 1"; return 1; }
  grep -Eq '^readings \(readings\) +[0-9]+ +[0-9]+  DIFFERS$' <<<"$output" || { fail_with "readings not reported as differing"; return 1; }
  grep -q '^Result: FAILED' <<<"$output" || { fail_with "no failed result line"; return 1; }
  scratch_database_was_dropped
}

drill_fails_when_a_restored_migration_is_missing() {
  run "$SCRIPTS_DIR/restore-drill.sh" \
    --tamper-sql 'DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = (SELECT max("MigrationId") FROM "__EFMigrationsHistory")'
  [[ $status -eq 1 ]] || { fail_with "it exited $status, not 1"; return 1; }
  grep -Eq '^  [0-9]+_[A-Za-z]+ +yes +no  DIFFERS$' <<<"$output" || { fail_with "the missing migration is not named"; return 1; }
  scratch_database_was_dropped
}

drill_fails_when_the_source_cannot_be_read() {
  run "$SCRIPTS_DIR/restore-drill.sh" --dbname vybe_no_such_database
  [[ $status -eq 1 ]] || { fail_with "it exited $status, not 1"; return 1; }
}

drill_refuses_an_unknown_option() {
  run "$SCRIPTS_DIR/restore-drill.sh" --no-such-option
  [[ $status -eq 2 ]] || { fail_with "it exited $status, not 2"; return 1; }
}

check "db-backup.sh keeps the newest N dumps, private and readable by pg_restore" backup_keeps_the_newest_dumps
check "db-backup.sh fails for a missing database and leaves no file" backup_of_a_missing_database_fails_and_leaves_no_file
check "restore-drill.sh fails when a restored row is missing, and drops its scratch database" drill_fails_when_a_restored_row_is_missing
check "restore-drill.sh fails when a restored migration is missing, and drops its scratch database" drill_fails_when_a_restored_migration_is_missing
check "restore-drill.sh fails when the source database cannot be read" drill_fails_when_the_source_cannot_be_read
check "restore-drill.sh answers an unknown option with usage and exit status 2" drill_refuses_an_unknown_option

if [[ $failures -gt 0 ]]; then
  printf '%d check(s) of the database scripts failed\n' "$failures"
  exit 1
fi
