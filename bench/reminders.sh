#!/usr/bin/env bash
# Time to enqueue due-date reminders for N cadres of a province (issue 12) on PostgreSQL with durable settings: a fresh
# database, site set-up, N accounts + cadre profiles + enrolments due in 6.5 days (raw SQL, not measured), then the reminder
# job's code once (pages of PAGE enrolments: one read, one conditional UPDATE, one batch of notification rows per page),
# printing the time and rows/s, and a rerun that must queue 0.
#   bench/reminders.sh [N ...]         (default: 100000; needs postgresql; builds Release)
#   PAGE=2000 bench/reminders.sh       (page size; default 5000)
#   NO_BUILD=1 ...                     (skip the Release build)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100000)
build() { local out; out=$(dotnet build "$1" -c Release -v q -nologo 2>&1) || { echo "$out"; exit 1; }; }
[ "${NO_BUILD:-0}" = 1 ] || build bench/Learning.Bench   # builds src/Learning.Web too

source scripts/postgres.sh
export PG_DURABLE=${PG_DURABLE:-1}
PG_EXTRA="-c shared_buffers=256MB" pg_start
work=$(mktemp -d)
cleanup() { pg_stop; rm -rf "$work"; }
trap cleanup EXIT

export Learning__Database__Provider=PostgreSql
export Learning__Courses__RunAssignmentSync=false
export Learning__Courses__FilesPath="$work/files"
export Learning__Notifications__PickupDirectory="$work/mail"  # the e-mails sent (as .eml files) go to the run's own folder, not the build output
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
web=${WEB:-src/Learning.Web/bin/Release/net10.0/Learning.Web.dll}   # WEB/TOOL: another build to compare
tool=${TOOL:-bench/Learning.Bench/bin/Release/net10.0/Learning.Bench.dll}

echo "PostgreSQL: $(pg_durability | sed "s/-c //"); $(nproc) cores; load before: $(uptime | sed 's/.*load average: //')"
for n in "${sizes[@]}"; do
  export Learning__Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=learning_reminders_$n"
  dotnet $web setup --recipe setup --admin-email bench@example.vn --admin-password 'Benchmark2026x' >/dev/null
  echo; echo "== N=$n"
  dotnet $tool reminders --cadres "$n" --page "${PAGE:-5000}"
  echo "load after: $(uptime | sed 's/.*load average: //')"
done
