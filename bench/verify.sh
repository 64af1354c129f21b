#!/usr/bin/env bash
# Public certificate verification (issue 13) on PostgreSQL (durable): N certificates issued through the product's issue job,
# then at C connections (wrk, 2 threads): GET /verify/{serial} (a random issued serial; UNKNOWN % of requests a well-formed
# serial never issued, answered 404) and POST of the upload form with one of the issued signed PDFs (the result page must
# say it is ours), against the same host's /ping measured in the same run. RUNS runs of each case, interleaved; medians of
# requests/s, p50 and p95. The per-address verification limits are raised for the run (all requests come from 127.0.0.1).
#   bench/verify.sh [seconds-per-run]     (default 10 s; RUNS=3, CONNECTIONS=16, CERTIFICATES=300, UNKNOWN=10, WARMUP=8 s a case; NO_BUILD=1)
# Needs: postgresql, wrk (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
runs=${RUNS:-3} conns=${CONNECTIONS:-16} count=${CERTIFICATES:-300} unknown=${UNKNOWN:-10}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
build() { local out; out=$(dotnet build "$1" -c Release -v q -nologo 2>&1) || { echo "$out"; exit 1; }; }
[ "${NO_BUILD:-0}" = 1 ] || build bench/Learning.Bench   # builds src/Learning.Web too

source scripts/postgres.sh
# A durable database, as peers are measured (PG_DURABLE=0 for the tests' fsync=off, to compare).
export PG_DURABLE=${PG_DURABLE:-1}
PG_EXTRA="-c shared_buffers=256MB" pg_start
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; pg_stop; rm -rf "$work"; }
trap cleanup EXIT

export Learning__Database__Provider=PostgreSql
export Learning__Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=learning_verify;Maximum Pool Size=100;No Reset On Close=true;Max Auto Prepare=50"
export Learning__Courses__RunAssignmentSync=false
export Learning__Courses__FilesPath="$work/files" Learning__Media__StoragePath="$work/media"
export Learning__Notifications__PickupDirectory="$work/mail"  # the e-mails sent (as .eml files) go to the run's own folder, not the build output
export Learning__Certificates__TestSignerFolder="$work/signer"
export Learning__Certificates__VerifyPerMinute=10000000 Learning__Certificates__VerifyUploadsPerMinute=10000000
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning DOTNET_gcServer=1
web=src/Learning.Web/bin/Release/net10.0/Learning.Web.dll
tool=bench/Learning.Bench/bin/Release/net10.0/Learning.Bench.dll

dotnet $web setup --recipe setup --admin-email bench@example.vn --admin-password 'Benchmark2026x' >/dev/null
dotnet $tool verify-seed --certificates "$count" --serials "$work/serials.txt" --pdf "$work/certificate.pdf"
pdfsig "$work/certificate.pdf" | grep -E "Signature is Valid|Total document signed" | sed 's/^ *- /check: /'

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
dotnet $web --urls "$url" >"$work/server.log" 2>&1 &
server=$!
until curl -s -o /dev/null "$url/ping"; do sleep 0.2; done

# The upload form's antiforgery pair (cookie and hidden field), fetched as a browser would, reused by every POST.
curl -s -c "$work/jar" "$url/verify" >"$work/verify.html"
token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$work/verify.html" | sed 's/.*value="//; s/"$//')
cookie=$(awk '$6 ~ /Antiforgery/ {print $6 "=" $7}' "$work/jar")
[ -n "$token" ] && [ -n "$cookie" ] || { echo "no antiforgery token on /verify"; exit 1; }
first=$(head -n1 "$work/serials.txt")
code=$(curl -s -o /dev/null -w '%{http_code}' "$url/verify/$first")
[ "$code" = 200 ] || { echo "GET /verify/$first: HTTP $code"; exit 1; }
verdict=$(curl -s -H "Cookie: $cookie" -H "Sec-Fetch-Site: same-origin" -F "__RequestVerificationToken=$token" \
  -F "file=@$work/certificate.pdf;type=application/pdf" "$url/verify" | grep -o 'data-verdict="[a-z]*" data-status="[a-z]*"' || true)
[ "$verdict" = 'data-verdict="ours" data-status="valid"' ] || { echo "upload check failed: '$verdict'"; tail -n 20 "$work/server.log"; exit 1; }
echo "check: GET /verify/$first 200; upload of the issued PDF: $verdict"

run() {   # MODE SECONDS -> the RESULT line, with NOTFOUND appended
  wrk -t2 -c"$conns" -d"$2"s --timeout 10s -s bench/wrk/verify.lua "$url" -- "$1" "$work/serials.txt" "$unknown" \
    "$work/certificate.pdf" "$cookie" "$token" | grep -E '^(RESULT|NOTFOUND)' | tr '\n' ' '
}
# Warm-up: JIT (tiered: the first seconds run unoptimised code), pools, caches; a cold first run is otherwise a third slower.
for mode in ping serial upload; do run $mode "${WARMUP:-8}" >/dev/null; done

echo; echo "PostgreSQL: $(pg_durability | sed "s/-c //"); $(nproc) cores; $conns connections; $runs × ${secs} s per case; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A rps p50 p95 err nf
for r in $(seq 1 "$runs"); do
  for mode in ping serial upload; do
    line=$(run $mode "$secs")
    get() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$line"; }
    rps[$mode]+="$(get rps) "; p50[$mode]+="$(get p50_ms) "; p95[$mode]+="$(get p95_ms) "
    err[$mode]=$(( ${err[$mode]:-0} + $(get errors) )); nf[$mode]=$(( ${nf[$mode]:-0} + $(sed -E 's/.*NOTFOUND ([0-9]+).*/\1/' <<<"$line") ))
    echo "run $r $mode: $line"
  done
done

median() { printf '%s\n' $@ | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
base=$(median ${rps[ping]})
echo
echo "| case | conns | req/s (runs → median) | p50 ms | p95 ms | errors | 404 (unknown serial) | ÷ /ping |"
echo "|---|---|---|---|---|---|---|---|"
for mode in ping serial upload; do
  case $mode in ping) label="GET /ping (baseline)";; serial) label="GET /verify/{serial} (${unknown} % unknown)";; upload) label="POST /verify (signed PDF, $(( $(stat -c %s "$work/certificate.pdf") / 1024 )) KiB)";; esac
  m=$(median ${rps[$mode]})
  printf '| %s | %s | %s→ **%s** | %s | %s | %s | %s | %s |\n' "$label" "$conns" "$(sed 's/ $//; s/ / \/ /g' <<<"${rps[$mode]}") " "$m" \
    "$(median ${p50[$mode]})" "$(median ${p95[$mode]})" "${err[$mode]}" "${nf[$mode]}" "$(awk -v a="$m" -v b="$base" 'BEGIN {printf "%.1f %%", a / b * 100}')"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/server.log" <<'PY'   # the host's errors, counted by their first line
import collections, json, sys
seen = collections.Counter()
for line in open(sys.argv[1], errors="replace"):
    try: e = json.loads(line)
    except ValueError: continue
    if e.get("LogLevel") in ("Error", "Critical"): seen[(e.get("Exception") or e.get("Message", "")).split("\n")[0][:200]] += 1
for text, count in seen.most_common(5): print(f"host error x{count}: {text}")
PY
