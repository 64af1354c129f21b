#!/usr/bin/env bash
# Reports at country scale (issue 14) on PostgreSQL with durable settings (PG_DURABLE=1: fsync, synchronous_commit and
# full_page_writes on). A fresh database: site set-up, 50 courses published through the product's code, then
# bench/reports-seed.sql (set-based SQL: 34 provinces, 3,321 communes, CADRES cadres with accounts, 15 enrolments each, lesson
# progress, quiz attempts), timed. Then `Learning.Bench reports`: the commune-by-course completion report through
# ICompletionReport.GroupsAsync against the same aggregate hand-written in SQL and run in psql (the floor), in the same run,
# medians and p95; the numbers of both must agree.
#   bench/reports.sh                        (CADRES=200000: 3,000,000 enrolments, ~20,000,000 lesson-progress rows)
#   CADRES=20000 RUNS=5 bench/reports.sh    (a tenth of the country, a quick check)
#   INDEXES=1 ...                           (add the indexes proposed in bench/reports-indexes.sql before measuring)
#   PART=http ...                           (after the seed: the XLSX export and xAPI paging through the running host)
#   PART=all ...                            (both)
#   PART=pages ...                          (after the seed: every page an administrator reaches, the slowest timed again)
#   PART=kept ...                           (after the seed: the report's landing views counted, then kept: ADR-031)
#   PART=units ...                          (after the seed: the pages that break down or filter by unit, their weight and time)
#   KEEP=1 ...                              (leave the server running afterwards and print how to reach it)
#   NO_BUILD=1 ...                          (skip the Release build)
#   HOST_ENV="DOTNET_gcServer=0" ...         (extra environment for the host of PART=http: runtime settings, ADR-029)
set -euo pipefail
cd "$(dirname "$0")/.."
CADRES=${CADRES:-200000}
RUNS=${RUNS:-15}
build() { local out; out=$(dotnet build "$1" -c Release -v q -nologo 2>&1) || { echo "$out"; exit 1; }; }
[ "${NO_BUILD:-0}" = 1 ] || build bench/Learning.Bench   # builds src/Learning.Web too

source scripts/postgres.sh
export PG_DURABLE=${PG_DURABLE:-1}
# Memory and checkpoint spacing as a production server of this size would have; durability stays at PostgreSQL's defaults.
PG_EXTRA=${PG_EXTRA:-"-c shared_buffers=2GB -c effective_cache_size=8GB -c work_mem=32MB -c maintenance_work_mem=512MB -c max_wal_size=8GB"} pg_start
work=$(mktemp -d)
cleanup() { if [ "${KEEP:-0}" = 1 ]; then echo "server kept: psql -h 127.0.0.1 -p $PG_PORT -U postgres -d learning_reports (stop: PG_DIR=$PG_DIR PG_BIN=$PG_BIN pg_stop)"; else pg_stop; fi; rm -rf "$work"; }
trap cleanup EXIT

export Learning__Database__Provider=PostgreSql
export Learning__Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=learning_reports;Maximum Pool Size=20;Command Timeout=600"
export Learning__Courses__RunAssignmentSync=false
export Learning__Courses__FilesPath="$work/files"
export Learning__Notifications__PickupDirectory="$work/mail"  # the e-mails sent (as .eml files) go to the run's own folder, not the build output
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
web=${WEB:-src/Learning.Web/bin/Release/net10.0/Learning.Web.dll}
tool=${TOOL:-bench/Learning.Bench/bin/Release/net10.0/Learning.Bench.dll}

echo "PostgreSQL: $(pg_durability | sed "s/-c //"); $(nproc) cores; load before: $(uptime | sed 's/.*load average: //')"
dotnet $web setup --recipe setup --admin-email bench@example.vn --admin-password 'Benchmark2026x' >/dev/null
dotnet $tool reports-courses --courses 50 | grep -v '^ \|warn'
start=$(date +%s)
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d learning_reports -X -q -v cadres="$CADRES" -f bench/reports-seed.sql \
  | grep -E '^Time|^ *[a-z_]+ *\||^-|^ *[0-9]' | awk '/^Time/ { t += $2 } !/^Time/ { print } END { printf "statement time: %.1f s\n", t / 1000 }'
echo "seed (CADRES=$CADRES): $(( $(date +%s) - start )) s wall; load after: $(uptime | sed 's/.*load average: //')"

if [ "${INDEXES:-0}" = 1 ]; then
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d learning_reports -X -q -f bench/reports-indexes.sql | grep '^Time' | awk '{ t += $2 } END { printf "proposed indexes (bench/reports-indexes.sql): %.1f s\n", t / 1000 }'
fi
[ "${SEED_ONLY:-0}" = 1 ] && exit 0
if [ "${PART:-report}" = report ] || [ "${PART:-report}" = all ]; then
  dotnet $tool reports --runs "$RUNS" --province QG-P01 | grep -v '^ \|warn:'
  echo "load after: $(uptime | sed 's/.*load average: //')"
fi
[ "${PART:-report}" = report ] && exit 0

# The HTTP part (needs the exports and xAPI branches merged): the host in Release on this database, an XLSX export of
# 200,019 cadre rows (the cadres transferred in between 2025-07-01 and 2025-09-12, every course, the whole country) and a
# warehouse paging 1,000,000 statements of province QG-P01.
[ "${PART:-report}" = pages ] || [ "${PART:-report}" = kept ] || [ "${PART:-report}" = units ] || psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d learning_reports -X -q -f bench/reports-statements.sql | grep '^Time' | awk '{ t += $2 } END { printf "statements seeded: %.1f s\n", t / 1000 }'
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
env ${HOST_ENV:-} Learning__Jobs__RunWorker=false Learning__Reports__Api__RequestsPerMinute=1000000 dotnet $web --urls "http://127.0.0.1:$port" >"$work/host.log" 2>&1 &
host=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/ping" >/dev/null && break; sleep 0.5; done
if [ "${PART:-report}" = pages ]; then
  python3 bench/pages_http.py "http://127.0.0.1:$port" bench@example.vn 'Benchmark2026x' || { tail -20 "$work/host.log"; kill "$host"; exit 1; }
  kill "$host"
  exit 0
fi
if [ "${PART:-report}" = kept ]; then
  province=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d learning_reports -X -At -c "SELECT \"Path\" FROM org_unit WHERE \"Code\" = 'QG-P01'")
  course=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d learning_reports -X -At -c "SELECT min(\"Id\") FROM courses_course")
  python3 bench/kept_http.py "http://127.0.0.1:$port" bench@example.vn 'Benchmark2026x' "$province" "$course" || { tail -20 "$work/host.log"; kill "$host"; exit 1; }
  kill "$host"
  exit 0
fi
if [ "${PART:-report}" = units ]; then
  q() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d learning_reports -X -At -c "$1"; }
  province=$(q "SELECT \"Id\" FROM org_unit WHERE \"Code\" = 'QG-P01'")
  commune=$(q "SELECT min(\"Id\") FROM org_unit WHERE \"ParentId\" = $province AND \"Kind\" <> 'Unit'")
  course=$(q "SELECT min(\"Id\") FROM courses_course")
  export QUIZ; QUIZ=$(q "SELECT \"Key\" FROM quizzes_quiz ORDER BY \"Id\" LIMIT 1")
  python3 bench/unit_pages_http.py "http://127.0.0.1:$port" bench@example.vn 'Benchmark2026x' "$province" "$commune" "$course" || { tail -20 "$work/host.log"; kill "$host"; exit 1; }
  kill "$host"
  exit 0
fi
unit=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d learning_reports -X -At -c "SELECT \"Id\" FROM org_unit WHERE \"Code\" = 'QG-P01'")
python3 bench/reports_http.py "http://127.0.0.1:$port" "$host" bench@example.vn 'Benchmark2026x' \
  'transferredFrom=2025-07-01&transferredTo=2025-09-12' "$unit" "${XAPI_LIMIT:-500}" || { tail -20 "$work/host.log"; kill "$host"; exit 1; }
kill "$host"
echo "load after: $(uptime | sed 's/.*load average: //')"
