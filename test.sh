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
trap pg_stop EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

start=$(date +%s)
dotnet test Learning.sln -c Release --logger "console;verbosity=minimal" "$@"
echo "Test suite wall time: $(( $(date +%s) - start )) s"
