#!/usr/bin/env bash
# E-mail throughput (issue 12) on PostgreSQL with durable settings (fsync on): N messages written to the outbox and drained
# by the send job's code to a local SMTP server (Debian's aiosmtpd, storing each message in a Maildir), against the floor —
# a bare MailKit loop sending the same N messages over one connection to the same server — in the same run. Target: the
# outbox at >= 80 % of the floor.
#   bench/mail.sh [N]            (default 5000 messages per run; RUNS=3 runs, alternating which side goes first)
#   RUNS=1 bench/mail.sh 500     (a quick check)
#   NO_BUILD=1 ...               (skip the Release build)
#   LATENCY_MS=20 bench/mail.sh  (the server answers each message 20 ms late, as one across a network would)
#   Learning__Notifications__Smtp__Connections=1 ...   (the outbox's connections; default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5000}
build() { local out; out=$(dotnet build "$1" -c Release -v q -nologo 2>&1) || { echo "$out"; exit 1; }; }
[ "${NO_BUILD:-0}" = 1 ] || build bench/Learning.Bench   # builds src/Learning.Web too

source scripts/postgres.sh
export PG_DURABLE=${PG_DURABLE:-1}
pg_start
work=$(mktemp -d)
sink=""
cleanup() { [ -n "$sink" ] && kill "$sink" 2>/dev/null; wait 2>/dev/null; pg_stop; rm -rf "$work"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if [ "${LATENCY_MS:-0}" != 0 ]; then
  # A server across a network: each message's DATA is answered LATENCY_MS later (floor and outbox alike).
  PYTHONPATH=bench /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$port" -c slow_mailbox.SlowMailbox "$work/mail" "$LATENCY_MS" &
else
  /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$work/mail" &
fi
sink=$!
until python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; do sleep 0.1; done

export Learning__Database__Provider=PostgreSql
export Learning__Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=learning_mail;Max Auto Prepare=50"
export Learning__Notifications__Smtp__Host=127.0.0.1 Learning__Notifications__Smtp__Port=$port Learning__Notifications__Smtp__Security=None
export Learning__Notifications__Smtp__FromAddress=hoctap@khanhhoa.example.vn
export Learning__Courses__FilesPath="$work/files" Learning__Media__StoragePath="$work/media"
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
tool=bench/Learning.Bench/bin/Release/net10.0/Learning.Bench.dll

echo "PostgreSQL: $(pg_durability | sed "s/-c //"); aiosmtpd $(/usr/bin/python3 -c 'import aiosmtpd; print(aiosmtpd.__version__)'); $(nproc) cores; load before: $(uptime | sed 's/.*load average: //')"
dotnet $tool mail --messages "$n" --runs "${RUNS:-3}" | tee "$work/run.txt"
echo "load after: $(uptime | sed 's/.*load average: //')"
stored=$(find "$work/mail/new" -type f | wc -l)
expected=$(( (n * ${RUNS:-3} + 200) * 2 ))
echo "sink stored $stored messages (expected $expected)"
[ "$stored" -eq "$expected" ] || { echo "MISMATCH"; exit 1; }
