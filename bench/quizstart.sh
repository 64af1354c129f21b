#!/usr/bin/env bash
# Synchronised exam start (issue 11) on PostgreSQL: N cadres, signed in beforehand, start the same 16-question quiz at the
# same instant, then save one page of 2 answers every 5–15 s for 8 pages and submit. For each N: a fresh database, the host
# (Release), p50/p95/p99 of start (the POST until the attempt page is in hand), save and submit, errors by kind, a database
# check, and the processor time the host, PostgreSQL and the load generator spent over the start wave (read from /proc).
#   bench/quizstart.sh [N ...]            (default: 1000 2000 3000; needs postgresql; builds Release)
#   SIGNIN=login bench/quizstart.sh 1000  (sign in through /Account/Login instead of minting the same cookie: slower set-up)
#   THINK_MIN=0 THINK_MAX=1 bench/quizstart.sh 20       (a quick check)
#   WARMUP=300 bench/quizstart.sh 3000    (300 cadres through the whole flow first, unmeasured: a server warm at exam time)
#   WARMUP_ROUNDS=3 ...                   (the warm-up cadres go through it 3 times, 2 s apart: every hot method tiered up)
#   OPENS=1 ...                           (the exam has an opening time: the cadres wait on its page, where their attempts
#                                          are drawn ahead; the gate opens at the opening. Default: open all along)
#   IDLE=90 ...                           (open all along, but the host idles 90 s before the gate, as OPENS=1's waits make it)
#   COMPRESS=1 ...                        (the cadres' browsers ask for compressed pages, as phones do: Brotli, fastest level)
#   GC_SERVER=0 ...                       (the host on the workstation GC instead of the server GC: ADR-029)
#   HOST_ENV="DOTNET_GCHeapHardLimit=0x6000000" ...   (extra environment for the host only, not the load generator)
#   CONN_EXTRA="Max Auto Prepare=100" ...  (appended to the host's connection string: a later key overrides an earlier one)
#   HISTORY=30000 ...                     (30,000 finished attempts of an earlier exam stored and analysed first: a database
#                                          in use for a while, rather than empty attempt tables growing during the run)
#   SUBMIT_TOGETHER=1 ...                 (every cadre submits at once after the last cadre's last save: the processor time per
#                                          submit over that wave, with no save around it; default: each submits when done)
#   PG_STATS=1 ...                        (PostgreSQL records every statement's planning and execution (pg_stat_statements);
#                                          after each N, the 15 statements that cost it most from the gate's opening to the end)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 2000 3000)
build() { local out; out=$(dotnet build "$1" -c Release -v q -nologo 2>&1) || { echo "$out"; exit 1; }; }
[ "${NO_BUILD:-0}" = 1 ] || build bench/Learning.Bench   # builds src/Learning.Web too

source scripts/postgres.sh
# A durable database, as peers are measured (PG_DURABLE=0 for the tests' fsync=off, to compare).
export PG_DURABLE=${PG_DURABLE:-1}
pg_stats=""
[ "${PG_STATS:-0}" = 1 ] && pg_stats="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on"
PG_EXTRA="-c shared_buffers=256MB $pg_stats" pg_start
work=$(mktemp -d)
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi; wait 2>/dev/null || true; pg_stop; rm -rf "$work"; }
trap cleanup EXIT

export Learning__Database__Provider=PostgreSql
export Learning__Courses__RunAssignmentSync=false
export Learning__Courses__FilesPath="$work/files"
export Learning__Notifications__PickupDirectory="$work/mail"  # the e-mails sent (as .eml files) go to the run's own folder, not the build output
# Real sign-ins come from one address here: the per-address login limit (20/min; 10,000 at most) would refuse all but the first few.
export Learning__Security__LoginAttemptsPerMinute=10000
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning DOTNET_gcServer=${GC_SERVER:-1}
web=${WEB:-src/Learning.Web/bin/Release/net10.0/Learning.Web.dll}
pgq() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "learning_quiz_$n" -X "$@"; }   # the current N's database
tool=bench/Learning.Bench/bin/Release/net10.0/Learning.Bench.dll
login=0; [ "${SIGNIN:-ticket}" = login ] && login=1

echo "PostgreSQL: $(pg_durability | sed "s/-c //"); $(nproc) cores; load before: $(uptime | sed 's/.*load average: //')"
results=()
for n in "${sizes[@]}"; do
  export Learning__Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=learning_quiz_$n;Maximum Pool Size=100;No Reset On Close=true;Max Auto Prepare=50${CONN_EXTRA:+;$CONN_EXTRA}"
  dotnet $web setup --recipe setup --admin-email bench@example.vn --admin-password 'Benchmark2026x' >/dev/null
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  opens_env=""; [ "${OPENS:-0}" = 1 ] && opens_env="Learning__Quizzes__PrecreateMinutes=60"
  env $opens_env ${HOST_ENV:-} dotnet $web --urls "http://127.0.0.1:$port" >"$work/server-$n.log" 2>&1 &
  server=$!
  until curl -s -o /dev/null "http://127.0.0.1:$port/ping"; do
    kill -0 "$server" 2>/dev/null || { echo "the host exited before serving:"; tail -5 "$work/server-$n.log"; exit 1; }
    sleep 0.2
  done
  echo; echo "== N=$n"
  if [ -n "$pg_stats" ]; then
    # The statements' counts start at the gate: the warm-up and the preparation are not in them.
    pgq -q -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
    ( timeout 1200 bash -c "until grep -q '^prepared' '$work/run-$n.txt' 2>/dev/null; do sleep 0.05; done" \
      && pgq -q -c "SELECT pg_stat_statements_reset()" >/dev/null ) &
  fi
  dotnet $tool quizstart --cadres "$n" --url "http://127.0.0.1:$port" --login $login --think-min ${THINK_MIN:-5} --think-max ${THINK_MAX:-15} --warmup ${WARMUP:-10} --warmup-rounds ${WARMUP_ROUNDS:-1} --opens ${OPENS:-0} --idle ${IDLE:-0} --host-pid "$server" --compress ${COMPRESS:-0} --history ${HISTORY:-0} --submit-together ${SUBMIT_TOGETHER:-0} | tee "$work/run-$n.txt"
  echo "load after: $(uptime | sed 's/.*load average: //')"
  # The background jobs the run left (the warm-up's and the run's result notices among them), by kind and state; a dispatch
  # job another run covered (it sent what was due) is counted apart.
  pgq -At -c "SELECT 'jobs: ' || string_agg(k || ' ' || n, ', ') FROM (SELECT \"Kind\" || ' ' || lower(\"State\") || CASE WHEN \"Result\" LIKE '{\"coveredBy\":%' THEN ' (covered by another run)' ELSE '' END AS k, count(*) AS n FROM core_job GROUP BY 1 ORDER BY 1) t" || true
  if [ -n "$pg_stats" ]; then
    echo "statements by PostgreSQL's time (planning + execution, ms; plans/calls: 1.00 = planned at every call):"
    pgq -q -c "SELECT round(total_plan_time::numeric) AS plan_ms, round(total_exec_time::numeric) AS exec_ms, calls, round(plans::numeric / greatest(calls, 1), 2) AS plans_per_call, left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS query FROM pg_stat_statements ORDER BY total_plan_time + total_exec_time DESC LIMIT 15" || true
    echo "the attempts' tables (autovacuum and autoanalyze runs invalidate the cached plans that read them):"
    pgq -q -c "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, autovacuum_count, autoanalyze_count FROM pg_stat_user_tables WHERE relname LIKE 'quizzes_attempt%' ORDER BY relname" || true
    echo "connections to the database: $(pgq -At -c "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")"
  fi
  results+=("$(grep '^RESULT' "$work/run-$n.txt") load=$(uptime | sed 's/.*load average: //; s/,.*//')")
  python3 - "$work/server-$n.log" <<'PY'   # the host's errors, counted by their first line
import collections, json, sys
seen = collections.Counter()
for line in open(sys.argv[1], errors="replace"):
    try: e = json.loads(line)
    except ValueError: continue
    if e.get("LogLevel") in ("Error", "Critical"): seen[(e.get("Exception") or e.get("Message", "")).split("\n")[0][:200]] += 1
for text, count in seen.most_common(5): print(f"host error x{count}: {text}")
PY
  kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""  # it may have died already (an out-of-memory abort)
done

echo; printf '%6s %7s %7s %16s %16s %16s  %s\n' N errors "wave s" "start p50/95/99" "save p50/95/99" "submit p50/95/99" "database"
for r in "${results[@]}"; do
  get() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$r"; }
  printf '%6s %7s %7s %16s %16s %16s  %s\n' "$(get cadres)" "$(get errors)" "$(get wave_s)" "$(get start_ms)" "$(get save_ms)" "$(get submit_ms)" "$(get db | cut -d_ -f1)"
done
