#!/usr/bin/env bash
# The fault table of issue 9, measured on this machine in one run, against the built host as an operator runs it:
#  1. the lesson page under load (16 connections) while PostgreSQL restarts, then stops for 10 s (bench/faultload.py);
#  2. two nodes on one database and one media folder, PostgreSQL stopped 30 s during a 180-s transcode: ffmpeg processes
#     at any moment (max), attempts, and whether every segment the playlists list exists when the video turns Ready;
#  3. the node running a transcode killed with SIGKILL: ffmpeg left behind, and time until the job is retaken after a restart.
#   bench/faults.sh          (needs: postgresql, ffmpeg, python3; builds Release)
set -euo pipefail
cd "$(dirname "$0")/.."
build() { local out; out=$(dotnet build "$1" -c Release -v q -nologo 2>&1) || { echo "$out"; exit 1; }; }
build src/Learning.Web
build bench/Learning.Bench
source scripts/postgres.sh
pg_start
work=$(mktemp -d /tmp/learning-faults.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; pg_stop; rm -rf "$work"; }
trap cleanup EXIT

export Learning__Database__Provider=PostgreSql
export Learning__Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=learning_faults;Timeout=5"
export Learning__Courses__RunAssignmentSync=false Learning__Courses__FilesPath="$work/files" Learning__Media__StoragePath="$work/media"
export Learning__Notifications__PickupDirectory="$work/mail"  # the e-mails sent (as .eml files) go to the run's own folder, not the build output
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
web=src/Learning.Web/bin/Release/net10.0/Learning.Web.dll
tool=bench/Learning.Bench/bin/Release/net10.0/Learning.Bench.dll
psql() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d learning_faults -Atqc "$1"; }
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
node() { # node NAME -> starts a host, prints its pid; log in $work/NAME.log
  local port; port=$(freeport)
  dotnet $web --urls "http://127.0.0.1:$port" >"$work/$1.log" 2>&1 &
  local pid=$!
  until curl -s -o /dev/null "http://127.0.0.1:$port/ping"; do sleep 0.2; done
  echo "$pid $port"
}
ffmpegs() { # ffmpeg processes writing under the media folder: "pid ppid attempt-folder" per line
  for d in /proc/[0-9]*; do
    cmd=$(tr '\0' ' ' 2>/dev/null <"$d/cmdline") || continue
    case "$cmd" in */ffmpeg*"$work/media"*) echo "${d#/proc/} $(awk '{print $4}' "$d/stat" 2>/dev/null) $(grep -o 'attempts/[0-9-]*' <<<"$cmd" | head -1)";; esac
  done
}

dotnet $web setup --recipe setup --admin-email bench@example.vn --admin-password 'Benchmark2026x' >/dev/null
dotnet $tool seed --courses 20 --cadres 2000 --enrollments 20000 >/dev/null
dotnet $tool cookies --count 200 --out "$work/sessions.txt" >/dev/null

echo "== 1. lesson page through a PostgreSQL restart and a 10-s stop"
read -r one port < <(node one); pids+=("$one")
PG_DOWN="source scripts/postgres.sh; PG_BIN=$PG_BIN PG_DIR=$PG_DIR PG_PORT=$PG_PORT; pg_down" \
PG_UP="source scripts/postgres.sh; PG_BIN=$PG_BIN PG_DIR=$PG_DIR PG_PORT=$PG_PORT; pg_up" \
  python3 bench/faultload.py "http://127.0.0.1:$port" "$work/sessions.txt"
echo "log lines about the database while it was down: $(grep -ci 'database unavailable' "$work/one.log" || true) (of $(wc -l <"$work/one.log") lines)"
kill "$one"; wait "$one" 2>/dev/null || true

echo
echo "== 2. two nodes, PostgreSQL stopped 30 s during a transcode"
ffmpeg -v error -y -f lavfi -i testsrc2=size=1280x720:rate=25:duration=180 -f lavfi -i sine=frequency=440:duration=180 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest "$work/clip.mp4"
cat >"$work/help.recipe.json" <<'JSON'
{ "name": "faults", "steps": [ { "name": "helpVideos", "videos": [ { "title": "Tra cứu hồ sơ một cửa", "file": "clip.mp4" } ] } ] }
JSON
dotnet $web recipe run "$work/help.recipe.json" >/dev/null
read -r a _ < <(node a); pids+=("$a")
read -r b _ < <(node b); pids+=("$b")
until [ -n "$(ffmpegs)" ]; do sleep 0.2; done
t0=$(date +%s.%N)
max=0; declare -A seen=()
watch() { while :; do n=0; while read -r pid ppid att; do [ -n "$pid" ] || continue; n=$((n+1)); seen["$pid $ppid $att"]=1; done < <(ffmpegs); [ $n -gt $max ] && max=$n; echo "$max" >"$work/max"; printf '%s\n' "${!seen[@]}" >"$work/seen"; sleep 0.1; done; }
watch & watcher=$!; pids+=("$watcher")
sleep 10
pg_down; down=$(date +%s.%N)
sleep 30
pg_up; up=$(date +%s.%N)
until [ "$(psql "SELECT \"State\" FROM media_video LIMIT 1")" = "Ready" ]; do sleep 0.5; done
ready=$(date +%s.%N)
sleep 0.5; kill "$watcher"; wait "$watcher" 2>/dev/null || true
video=$(psql "SELECT \"PublicId\" FROM media_video LIMIT 1")
listed=0; missing=0
for pl in "$work/media/videos/$video"/hls/*/index.m3u8; do
  while read -r seg; do listed=$((listed+1)); [ -f "$(dirname "$pl")/$seg" ] || missing=$((missing+1)); done < <(grep '\.ts$' "$pl")
done
echo "ffmpeg processes at any moment (max): $(cat "$work/max")"
echo "ffmpeg processes over the run (pid parent attempt): $(sort "$work/seen" | tr '\n' ';')"
echo "job: $(psql "SELECT \"State\" || ', attempts ' || \"Attempts\" FROM core_job WHERE \"Kind\" = 'media.transcode'")"
echo "segments listed $listed, missing $missing; attempt folders left: $(ls "$work/media/videos/$video" | grep -c attempts || true)"
python3 -c "print(f'database stopped {float($down)-float($t0):.1f} s into the transcode for {float($up)-float($down):.1f} s; Ready {float($ready)-float($t0):.1f} s after the first ffmpeg')"
echo "warnings about leases: $(cat "$work/a.log" "$work/b.log" | grep -c 'lease' || true)"

echo
echo "== 3. SIGKILL of the node running a transcode"
sed -i 's/Tra cứu hồ sơ một cửa/Thanh toán trực tuyến/' "$work/help.recipe.json"
dotnet $web recipe run "$work/help.recipe.json" >/dev/null
until [ -n "$(ffmpegs)" ]; do sleep 0.2; done
sleep 5
holder=$(ffmpegs | head -1 | awk '{print $2}')
for p in "$a" "$b"; do [ "$(awk '{print $4}' /proc/"$holder"/stat 2>/dev/null)" = "$p" ] && holder=$p; done
kill -9 "$holder"; killed=$(date +%s.%N)
sleep 1
echo "ffmpeg left 1 s after SIGKILL of its node: $(ffmpegs | wc -l)"
read -r c _ < <(node c); pids+=("$c"); restarted=$(date +%s.%N)
until [ -n "$(ffmpegs)" ]; do sleep 0.1; done; retaken=$(date +%s.%N)
python3 -c "print(f'retaken {float($retaken)-float($restarted):.1f} s after the restart ({float($retaken)-float($killed):.1f} s after the kill; lease 60 s)')"
