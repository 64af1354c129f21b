#!/usr/bin/env bash
# Bulk cadre accounts on PostgreSQL (issue 9): 15,000 cadre profiles get accounts through the cadreAccounts recipe step;
# the per-account path the step used before runs on a 300-profile sample in the same run as the baseline.
#   bench/accounts.sh [cadres] [baseline-sample]        (needs: postgresql; builds Release)
set -euo pipefail
cd "$(dirname "$0")/.."
cadres=${1:-15000}; sample=${2:-300}
out=$(dotnet build bench/Learning.Bench -c Release -v q -nologo 2>&1) || { echo "$out"; exit 1; }
source scripts/postgres.sh
# A durable database, as peers are measured (PG_DURABLE=0 for the tests' fsync=off, to compare).
export PG_DURABLE=${PG_DURABLE:-1}
PG_EXTRA="-c shared_buffers=256MB" pg_start
trap pg_stop EXIT
export Learning__Database__Provider=PostgreSql
export Learning__Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=learning_accounts;Max Auto Prepare=50"
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
dotnet src/Learning.Web/bin/Release/net10.0/Learning.Web.dll setup --recipe setup --admin-email bench@example.vn --admin-password 'Benchmark2026x' >/dev/null
dotnet bench/Learning.Bench/bin/Release/net10.0/Learning.Bench.dll accounts --cadres "$cadres" --baseline "$sample"
