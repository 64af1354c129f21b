#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need (Debian packages), starts a throwaway
# PostgreSQL on 127.0.0.1, runs every test project against it and SQLite and Chromium, then stops PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

packages=(postgresql ffmpeg chromium poppler-utils fonts-noto-core fonts-liberation2 python3-aiosmtpd)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdir=$(mktemp -d /tmp/learning-pg.XXXXXX)
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$1"; else $SUDO -u postgres bash -c "$1"; fi; }
$SUDO chown postgres "$pgdir"
as_postgres "$pgbin/initdb -D $pgdir/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
as_postgres "$pgbin/pg_ctl -D $pgdir/data -l $pgdir/log -w -o '-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300' start >/dev/null"
stop_pg() { as_postgres "$pgbin/pg_ctl -D $pgdir/data -m fast stop >/dev/null" || true; $SUDO rm -rf "$pgdir"; }
trap stop_pg EXIT
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pgport"

export LEARNING_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

start=$(date +%s)
dotnet test Learning.sln -c Release --logger "console;verbosity=minimal" "$@"
echo "Test suite wall time: $(( $(date +%s) - start )) s"
