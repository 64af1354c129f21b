#!/usr/bin/env bash
# Signed certificates per second (issue 13): our renderer (complete A4 certificates: quốc hiệu, emblem, Vietnamese text, QR
# code, visible signature, SHA-256 CMS signature) single-threaded and on all cores, against TCPDF (Moodle customcert's engine,
# ../shared/peers/tcpdf-certificates.php N 1, signed) in the same run. Medians of RUNS runs and the ratio.
#   bench/certificates.sh [N]      (N = 200 certificates per run; RUNS=3; NO_BUILD=1 skips the Release build)
# Needs: php-cli php-tcpdf openssl (apt-get install -y php-cli php-tcpdf openssl).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
runs=${RUNS:-3}
peer=${PEER:-../shared/peers/tcpdf-certificates.php}
[ -f "$peer" ] || peer=/work/shared/peers/tcpdf-certificates.php
command -v php >/dev/null && [ -f /usr/share/php/tcpdf/tcpdf.php ] || { echo "php-cli and php-tcpdf are missing: apt-get install -y php-cli php-tcpdf"; exit 1; }
if [ "${NO_BUILD:-0}" != 1 ]; then
  out=$(dotnet build bench/Learning.Bench -c Release -v q -nologo 2>&1) || { echo "$out"; exit 1; }
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$peer" "$work/tcpdf-certificates.php"
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=peer -days 30 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

tool=$PWD/bench/Learning.Bench/bin/Release/net10.0/Learning.Bench.dll
ours_single=(); ours_parallel=(); theirs=()
for run in $(seq 1 "$runs"); do
  line=$(cd "$work" && dotnet "$tool" certificates --count "$n" --runs 1 --sample "$work/ours.pdf")
  ours_single+=("$(echo "$line" | awk '/ours single median/ {print $4}')")
  ours_parallel+=("$(echo "$line" | awk '/ours parallel median/ {print $4}')")
  theirs+=("$(cd "$work" && php tcpdf-certificates.php "$n" 1 | awk '{for (i = 1; i <= NF; i++) if ($i == "certs/s") print $(i-1)}')")
  echo "run $run: ours single ${ours_single[-1]}/s, ours parallel ${ours_parallel[-1]}/s, tcpdf signed ${theirs[-1]}/s"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
s=$(median "${ours_single[@]}"); p=$(median "${ours_parallel[@]}"); t=$(median "${theirs[@]}")
pdfsig "$work/ours.pdf" | grep -E "Signature is Valid|Total document signed" | sed 's/^ *- /check: /'
echo
echo "| N | runs | ours single (signed/s) | ours $(nproc) cores (signed/s) | TCPDF signed (/s) | single ÷ TCPDF | cores ÷ TCPDF |"
echo "|---|---|---|---|---|---|---|"
awk -v n="$n" -v r="$runs" -v s="$s" -v p="$p" -v t="$t" 'BEGIN { printf "| %d | %d | %.1f | %.1f | %.1f | %.2f× | %.2f× |\n", n, r, s, p, t, s/t, p/t }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
