#!/usr/bin/env bash
# Media figures (issue 4), each against a baseline measured in the same run:
#   1. transcoding a generated 60-s 720p clip to the full ladder: our job path vs the same ffmpeg command run directly
#      (median of RUNS, alternating), and the whole pipeline's speed against real time;
#   2. watch heartbeats ingested on PostgreSQL by 64 concurrent senders, vs the same host's /ping;
#   3. a 6-s HLS segment served through the signed-token endpoint at 64 connections, vs a static file of similar size
#      served by the same host.
#   bench/media.sh [seconds-per-wrk-run] [transcode-runs]      (needs: postgresql, ffmpeg, wrk; builds Release)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
RUNS=${2:-3}
SESSIONS=${SESSIONS:-2000}
PRESETS=${PRESETS:-"superfast ultrafast"}
PARTS=${PARTS:-"1 2 3"}   # e.g. PARTS=2 for the heartbeats only
part() { [[ " $PARTS " == *" $1 "* ]]; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
command -v ffmpeg >/dev/null || { echo "ffmpeg is missing: apt-get install -y ffmpeg"; exit 1; }
build() { local out; out=$(dotnet build "$1" -c Release -v q -nologo 2>&1) || { echo "$out"; exit 1; }; }
build src/Learning.Web
build bench/Learning.Bench
web=src/Learning.Web/bin/Release/net10.0/Learning.Web.dll
tool=bench/Learning.Bench/bin/Release/net10.0/Learning.Bench.dll
work=$(mktemp -d)
server=""
pg=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; [ -n "$pg" ] && pg_stop; rm -rf "$work"; }
trap cleanup EXIT

if part 1; then
echo "== 1. transcode: 60-s 1280x720 clip (testsrc2 + tone), full ladder, median of $RUNS"
ffmpeg -v error -y -f lavfi -i testsrc2=size=1280x720:rate=30:duration=60 -f lavfi -i sine=frequency=440:duration=60 \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac -shortest "$work/clip60.mp4"
for preset in $PRESETS; do
  dotnet $tool transcode --source "$work/clip60.mp4" --preset "$preset" --runs "$RUNS"
done
fi

echo "== 2./3. PostgreSQL: heartbeats and segments"
source scripts/postgres.sh
# A durable database, as peers are measured (PG_DURABLE=0 for the tests' fsync=off, to compare).
export PG_DURABLE=${PG_DURABLE:-1}
PG_EXTRA="-c shared_buffers=256MB" pg_start
pg=1
export Learning__Database__Provider=PostgreSql
export Learning__Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=learning_bench;Maximum Pool Size=100;No Reset On Close=true;Max Auto Prepare=50"
export Learning__Courses__RunAssignmentSync=false
export Learning__Courses__FilesPath="$work/files"
export Learning__Notifications__PickupDirectory="$work/mail"  # the e-mails sent (as .eml files) go to the run's own folder, not the build output
export Learning__Media__StoragePath="$work/media"
export Learning__Media__Preset=ultrafast
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning DOTNET_gcServer=1

dotnet $web setup --recipe setup --admin-email bench@example.vn --admin-password 'Benchmark2026x' >/dev/null
dotnet $tool seed --courses 5 --cadres "$SESSIONS" --enrollments "$SESSIONS" >/dev/null
dotnet $tool watch-sessions --count "$SESSIONS" --out "$work/watch.txt"

# A help video made from a 12-s 720p clip, transcoded by the server's own worker.
ffmpeg -v error -y -f lavfi -i testsrc2=size=1280x720:rate=30:duration=12 -f lavfi -i sine=frequency=440:duration=12 \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac -shortest "$work/help.mp4"
cat > "$work/help.recipe.json" <<JSON
{ "name": "bench-help", "steps": [ { "name": "helpVideos", "videos": [ { "title": "Bench segment", "field": "it", "file": "help.mp4" } ] } ] }
JSON
dotnet $web recipe run "$work/help.recipe.json" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dotnet $web --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
until curl -s -o /dev/null "http://127.0.0.1:$port/ping"; do sleep 0.2; done
video=$(ls "$work/media/videos" | grep -v '^bench')
for _ in $(seq 1 240); do [ -f "$work/media/videos/$video/thumbs.jpg" ] && break; sleep 0.5; done
[ -f "$work/media/videos/$video/thumbs.jpg" ] || { echo "the help video was not transcoded"; cat "$work/server.log"; exit 1; }

check=$(head -n1 "$work/watch.txt")
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Cookie: ${check%%|*}" -H 'Content-Type: application/json' \
  -d "{\"token\":\"${check#*|}\",\"intervals\":[[0,10]],\"position\":10}" "http://127.0.0.1:$port/media/watch")
[ "$code" = 200 ] || { echo "heartbeat check failed: HTTP $code"; cat "$work/server.log"; exit 1; }

base() { wrk -t2 -c64 -d${secs}s --timeout 10s -s bench/wrk/get.lua "http://127.0.0.1:$port/ping" | grep RESULT; }
field() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$2"; }

if part 2; then
for batch in 1 3; do wrk -t2 -c64 -d3s -s bench/wrk/heartbeats.lua "http://127.0.0.1:$port" -- "$work/watch.txt" $batch >/dev/null; done
echo
echo "== 2. heartbeats on PostgreSQL ($(pg_durability | sed 's/-c //')), 64 connections, ${secs} s each (one heartbeat = one POST carrying a batch of intervals)"
ping=$(base)
printf '%-28s %10s %9s %9s %8s %10s\n' run "req/s" "p50 ms" "p95 ms" errors "vs ping"
printf '%-28s %10s %9s %9s %8s %10s\n' "/ping (baseline)" $(field rps "$ping") $(field p50_ms "$ping") $(field p95_ms "$ping") $(field errors "$ping") "100%"
for batch in 1 3 1 3; do
  line=$(wrk -t2 -c64 -d${secs}s --timeout 10s -s bench/wrk/heartbeats.lua "http://127.0.0.1:$port" -- "$work/watch.txt" $batch | grep RESULT)
  rps=$(field rps "$line")
  printf '%-28s %10s %9s %9s %8s %9.1f%%   intervals/s %.0f\n' "heartbeat, $batch interval(s)" $rps $(field p50_ms "$line") $(field p95_ms "$line") $(field errors "$line") \
    "$(python3 -c "print($rps/$(field rps "$ping")*100)")" "$(python3 -c "print($rps*$batch)")"
done

fi

part 3 || exit 0
echo
echo "== 3. segment vs static file, 64 connections, ${secs} s each"
token=$(dotnet $tool playback-token --video "$video" | tail -n1)
segment=$(ls -S "$work/media/videos/$video/hls/360p/"seg_*.ts | head -n1)
seg_url="http://127.0.0.1:$port/media/s/$token/$video/hls/360p/$(basename "$segment")"
static_url="http://127.0.0.1:$port/_content/Learning.Media/lib/hls/hls.light.min.js"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$seg_url")" = 200 ] || { echo "segment check failed"; exit 1; }
seg_size=$(stat -c %s "$segment"); static_size=$(curl -s "$static_url" | wc -c)
for u in "$seg_url" "$static_url"; do wrk -t2 -c64 -d3s -s bench/wrk/get.lua "$u" >/dev/null; done
printf '%-34s %9s %10s %9s %9s %8s %9s\n' file bytes "req/s" "p50 ms" "p95 ms" errors "MB/s"
results=()
bytes=()
for round in 1 2 3 4; do
  s=$(wrk -t2 -c64 -d${secs}s --timeout 10s -s bench/wrk/get.lua "$static_url" | grep RESULT)
  g=$(wrk -t2 -c64 -d${secs}s --timeout 10s -s bench/wrk/get.lua "$seg_url" | grep RESULT)
  printf '%-34s %9s %10s %9s %9s %8s %9.1f\n' "static hls.light.min.js (r$round)" $static_size $(field rps "$s") $(field p50_ms "$s") $(field p95_ms "$s") $(field errors "$s") "$(python3 -c "print($(field mbps "$s")/8)")"
  printf '%-34s %9s %10s %9s %9s %8s %9.1f\n' "segment 360p/$(basename "$segment") (r$round)" $seg_size $(field rps "$g") $(field p50_ms "$g") $(field p95_ms "$g") $(field errors "$g") "$(python3 -c "print($(field mbps "$g")/8)")"
  results+=("$(python3 -c "print(round($(field rps "$g")/$(field rps "$s"), 3))")")
  bytes+=("$(python3 -c "print(round($(field mbps "$g")/$(field mbps "$s"), 3))")")
done
echo "segment/static req/s ratio per round: ${results[*]}"
echo "segment/static bytes/s ratio per round: ${bytes[*]}"
python3 -c "import statistics,sys; r=[float(x) for x in sys.argv[1].split()]; b=[float(x) for x in sys.argv[2].split()]; print(f'RESULT segment_vs_static median req/s ratio {statistics.median(r):.2f}, median bytes/s ratio {statistics.median(b):.2f}')" "${results[*]}" "${bytes[*]}"
