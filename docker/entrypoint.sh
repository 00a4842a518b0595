#!/bin/sh
# Entrypoint of the toolkit image (Dockerfile): apply pending migrations, then run the
# given command: migrations run when the container starts (docs/operations.md).
#
#   entrypoint.sh                 migrate, and exit with migrate's code (the compose `migrate` service)
#   entrypoint.sh CMD [ARGS...]   migrate, then exec CMD in place of this script
#
# A migration that fails stops here with migrate's exit code (1 failed, 3 validation,
# 4 lock timeout, 5 cannot connect: see the README), and CMD is never started.
#
# It also runs outside Docker from a checkout, where it uses ./jbang migrate.java instead
# of the exported migrate.jar; the tests run it that way.
#
# Environment:
#   DATABASE_URL, or PGHOST/PGUSER/PGPASSWORD/PGDATABASE   the database (docs/connection-and-embedded-database.md).
#                     The image has no embedded PostgreSQL, so one of them is required there.
#   MIGRATE_ARGS      extra migrate options, e.g. "--lock-timeout 300"
#   MIGRATE_CONNECT_ATTEMPTS  how many times to try while the database does not answer
#                     yet (exit 5), e.g. when nothing waits for a healthcheck (default 10)
#   MIGRATE_RETRY_SECONDS     the pause between those attempts (default 3)
#   JAVA_OPTS         options for the JVM that runs migrate.jar
set -u

here=$(cd "$(dirname "$0")/.." && pwd -P) || exit 1
attempts=${MIGRATE_CONNECT_ATTEMPTS:-10}
pause=${MIGRATE_RETRY_SECONDS:-3}

say() {
  echo "entrypoint: $*" >&2
}

# shellcheck disable=SC2086 # JAVA_OPTS and MIGRATE_ARGS are lists of options on purpose
run_migrate() {
  if [ -f "$here/migrate.jar" ]; then
    java ${JAVA_OPTS:-} -jar "$here/migrate.jar" ${MIGRATE_ARGS:-}
  else
    "$here/jbang" "$here/migrate.java" ${MIGRATE_ARGS:-}
  fi
}

if [ -f "$here/migrate.jar" ] && [ -z "${DATABASE_URL:-}" ] && [ -z "${PGHOST:-}" ]; then
  say "set DATABASE_URL (or PGHOST and the other PG* variables): this image has no embedded PostgreSQL."
  exit 2
fi

attempt=1
while :; do
  run_migrate
  rc=$?
  if [ "$rc" -ne 5 ] || [ "$attempt" -ge "$attempts" ]; then
    break
  fi
  say "the database does not answer yet (attempt $attempt of $attempts); trying again in ${pause}s."
  sleep "$pause"
  attempt=$((attempt + 1))
done

if [ "$rc" -ne 0 ]; then
  if [ "$#" -gt 0 ]; then
    say "migrate exited with code $rc, so '$*' is not started."
  else
    say "migrate exited with code $rc."
  fi
  exit "$rc"
fi
if [ "$#" -eq 0 ]; then
  exit 0
fi
exec "$@"
