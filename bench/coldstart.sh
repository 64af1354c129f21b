#!/usr/bin/env bash
# Cold start to the first served page, median of N (default 5), on a fresh SQLite database each time; with EXISTING=1, on a
# copy of a database set up once with the setup recipe (a node restarting on its data: migrations already applied).
# WEB=path/to/Learning.Web.dll measures another build of the host (e.g. a base revision's) against the same baseline.
#   learning (dotnet run)   : the README's command, `dotnet run --project src/Learning.Web` (includes its up-to-date build check)
#   learning (dotnet dll)   : the built host started directly
#   baseline (dotnet dll)   : an empty ASP.NET Core app, same machine, same run
# "First page" = the first 200 for GET / following redirects (on a fresh site that is the setup page, after migrations).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
config=Release
build() { local out; out=$(dotnet build "$1" -c $config -v q -nologo 2>&1) || { echo "$out"; exit 1; }; }
build src/Learning.Web
build bench/Baseline.Hello

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
web=${WEB:-src/Learning.Web/bin/$config/net10.0/Learning.Web.dll}
if [ "${EXISTING:-0}" = 1 ]; then
  Learning__Database__ConnectionString="Data Source=$results/existing.db" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    dotnet "$web" setup --recipe setup --admin-email bench@example.vn --admin-password 'Benchmark2026x' >/dev/null
fi

measure() { # $1 = key, $2 = label, rest = command (gets --urls appended)
  local key=$1 label=$2; shift 2
  local times=()
  for i in $(seq "$runs"); do
    local data; data=$(mktemp -d)
    if [ "${EXISTING:-0}" = 1 ]; then for x in "" -wal -shm; do [ -f "$results/existing.db$x" ] && cp "$results/existing.db$x" "$data/learning.db$x"; done; fi
    local p; p=$(port)
    local t0; t0=$(now)
    Learning__Database__ConnectionString="Data Source=$data/learning.db" ASPNETCORE_ENVIRONMENT=Production \
      "$@" --urls "http://127.0.0.1:$p" >"$data/out.log" 2>&1 &
    local pid=$!
    until curl -s -L -o /dev/null -w '%{http_code}' "http://127.0.0.1:$p/" 2>/dev/null | grep -q 200; do
      sleep 0.02
      if ! kill -0 $pid 2>/dev/null; then echo "$label exited early:"; cat "$data/out.log"; exit 1; fi
    done
    local t1; t1=$(now)
    kill $pid; wait $pid 2>/dev/null || true
    pkill -f "127.0.0.1:$p" 2>/dev/null || true
    rm -rf "$data"
    times+=("$(python3 -c "print(f'{$t1-$t0:.3f}')")")
  done
  local median; median=$(printf '%s\n' "${times[@]}" | sort -n | python3 -c 'import sys,statistics; print(f"{statistics.median([float(x) for x in sys.stdin]):.3f}")')
  echo "$label: median ${median} s  (runs: ${times[*]})"
  echo "$median" > "$results/$key"
}

measure baseline "baseline (dotnet dll)" dotnet bench/Baseline.Hello/bin/$config/net10.0/Baseline.Hello.dll
measure dll "learning (dotnet dll)" dotnet "$web"
b=$(cat "$results/baseline"); l=$(cat "$results/dll")
if [ "${NO_RUN:-0}" = 1 ]; then python3 -c "print(f'ratio learning/baseline (dll): {$l/$b:.2f}x')"; exit 0; fi # NO_RUN=1: the built host only
measure run "learning (dotnet run)" dotnet run --project src/Learning.Web -c $config --no-launch-profile --
r=$(cat "$results/run")
python3 -c "print(f'ratio learning/baseline (dll): {$l/$b:.2f}x   ratio dotnet run/baseline: {$r/$b:.2f}x')"
