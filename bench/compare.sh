#!/usr/bin/env bash
# The courses benchmark (bench/courses.sh) on a base revision and on the working tree, one after the other, in one run on
# this machine, with the same load scripts (this tree's bench/wrk), so a change's cost is read against its own baseline.
#   bench/compare.sh BASE-REVISION [seconds-per-run] [rounds]     e.g. bench/compare.sh 257cb1e 10 2
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?base revision}; secs=${2:-10}; rounds=${3:-1}
tree=$(mktemp -d /tmp/learning-base.XXXXXX)
git worktree add --detach -q "$tree" "$base"
trap 'git worktree remove --force "$tree"' EXIT
cp bench/wrk/*.lua "$tree/bench/wrk/"
for round in $(seq 1 "$rounds"); do
  echo "=== round $round: base $(git rev-parse --short "$base")"
  (cd "$tree" && bench/courses.sh "$secs") | sed -n '/^page/,$p'
  echo "=== round $round: this tree ($(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'))"
  bench/courses.sh "$secs" | sed -n '/^page/,$p'
done
