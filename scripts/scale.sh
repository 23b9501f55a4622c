#!/usr/bin/env bash
# Scale check: normalizes the bundled corpus replicated N times (default 100) with the release
# binary and prints wall time, throughput and peak memory. Not a test: numbers go in the README.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100}
cargo build --release -q
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for kind in traditional simplified; do
  if [ "$kind" = traditional ]; then files=corpus/zhejiang.txt; else files="corpus/ningbo.txt corpus/fenghua.txt corpus/linhai.txt corpus/zhoushan.txt"; fi
  for _ in $(seq "$n"); do cat $files; echo; done > "$tmp/$kind.txt"
  bytes=$(stat -c %s "$tmp/$kind.txt")
  /usr/bin/time -f "%e %M" -o "$tmp/time" ./target/release/gongfu -q normalize "$tmp/$kind.txt" > /dev/null
  read -r secs kb < "$tmp/time"
  awk -v k="$kind" -v b="$bytes" -v s="$secs" -v m="$kb" \
    'BEGIN { printf "%-12s %6.1f MB in %5.2f s = %6.1f MB/s, peak RSS %d MB\n", k, b/1e6, s, b/1e6/s, m/1024 }'
done
