#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need (Debian packages), starts a throwaway
# PostgreSQL on 127.0.0.1, runs every test project against it and SQLite and Chromium, then stops PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export SUDO

packages=(postgresql ffmpeg chromium poppler-utils fonts-noto-core fonts-liberation2 python3-aiosmtpd python3-openpyxl openssl)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

source scripts/postgres.sh
pg_start
# The tests' own temporary folders (sites' files, signers, clips, Chromium profiles) go under one folder removed at the end,
# so runs do not pile them up in /tmp. The build runs first with the usual TMPDIR: build servers outlive this script.
run_tmp=$(mktemp -d /tmp/learning-tests.XXXXXX)
chmod 1777 "$run_tmp" # as /tmp is: the tests' private PostgreSQL servers run as the postgres user
trap 'pg_stop; $SUDO rm -rf "$run_tmp" || true' EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

start=$(date +%s)
dotnet build Learning.sln -c Release -v q -nologo
TMPDIR="$run_tmp" dotnet test Learning.sln -c Release --no-build --logger "console;verbosity=minimal" "$@"
echo "Test suite wall time: $(( $(date +%s) - start )) s"
