#!/usr/bin/env bash
# Courses throughput on PostgreSQL with the issue's data set (200 courses, 20,000 cadres, 300,000 enrolments):
# requests/s and p95 for the lesson page, course page, catalog and "My learning", signed in as many distinct cadres,
# at 16 and 64 connections, against the same host's trivial /ping as the baseline measured in the same run.
#   bench/courses.sh [seconds-per-run]        (needs: postgresql, wrk; builds Release)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
COURSES=${COURSES:-200} CADRES=${CADRES:-20000} ENROLLMENTS=${ENROLLMENTS:-300000} SESSIONS=${SESSIONS:-2000}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
build() { local out; out=$(dotnet build "$1" -c Release -v q -nologo 2>&1) || { echo "$out"; exit 1; }; }
build src/Learning.Web
build bench/Learning.Bench

source scripts/postgres.sh
# A durable database, as peers are measured (PG_DURABLE=0 for the tests' fsync=off, to compare).
export PG_DURABLE=${PG_DURABLE:-1}
PG_EXTRA="-c shared_buffers=256MB" pg_start
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; pg_stop; rm -rf "$work"; }
trap cleanup EXIT

export Learning__Database__Provider=PostgreSql
export Learning__Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=learning_bench;Maximum Pool Size=100;No Reset On Close=true;Max Auto Prepare=50"
export Learning__Courses__RunAssignmentSync=false
export Learning__Courses__FilesPath="$work/files"
export Learning__Notifications__PickupDirectory="$work/mail"  # the e-mails sent (as .eml files) go to the run's own folder, not the build output
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning DOTNET_gcServer=1
web=src/Learning.Web/bin/Release/net10.0/Learning.Web.dll
tool=bench/Learning.Bench/bin/Release/net10.0/Learning.Bench.dll

dotnet $web setup --recipe setup --admin-email bench@example.vn --admin-password 'Benchmark2026x' >/dev/null
t0=$(date +%s)
dotnet $tool seed --courses "$COURSES" --cadres "$CADRES" --enrollments "$ENROLLMENTS"
echo "seeded in $(( $(date +%s) - t0 )) s"
dotnet $tool cookies --count "$SESSIONS" --out "$work/sessions.txt"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dotnet $web --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
until curl -s -o /dev/null "http://127.0.0.1:$port/ping"; do sleep 0.2; done
check=$(head -n1 "$work/sessions.txt")
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: ${check%%|*}" "http://127.0.0.1:$port/Learning")
[ "$code" = 200 ] || { echo "signed-in check failed: HTTP $code"; cat "$work/server.log"; exit 1; }

for mode in ping lesson course catalog my; do   # warm-up: JIT, caches, connection pools
  wrk -t2 -c16 -d3s -s bench/wrk/sessions.lua "http://127.0.0.1:$port" -- $mode "$work/sessions.txt" >/dev/null
done

echo; echo "PostgreSQL: $(pg_durability | sed "s/-c //")"
printf '\n%-10s %5s %10s %9s %9s %8s %10s\n' page conns "req/s" "p50 ms" "p95 ms" errors "vs ping"
for c in 16 64; do
  base=""
  for mode in ping lesson course catalog my; do
    line=$(wrk -t2 -c$c -d${secs}s --timeout 10s -s bench/wrk/sessions.lua "http://127.0.0.1:$port" -- $mode "$work/sessions.txt" | grep RESULT)
    rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line"); p50=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$line")
    p95=$(sed -E 's/.*p95_ms=([0-9.]+).*/\1/' <<<"$line"); errors=$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$line")
    [ -z "$base" ] && base=$rps
    printf '%-10s %5s %10s %9s %9s %8s %9.1f%%\n' $mode $c $rps $p50 $p95 $errors "$(python3 -c "print($rps/$base*100)")"
  done
done
