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

# check: the bundled corpus plus N copies of Fenghua as further districts under Ningbo, so the
# number of plans and comparisons grows (each copy is compared with Ningbo and Zhejiang).
mkdir -p "$tmp/corpus"
cp corpus/*.txt "$tmp/corpus/"
{
  sed -n '/^regions:/,/^documents:/p' corpus/manifest.yaml | sed '$d'
  for i in $(seq "$n"); do printf '  - {id: d%s, name: 区%s, tier: district, parent: ningbo}\n' "$i" "$i"; done
  sed -n '/^documents:/,$p' corpus/manifest.yaml
  for i in $(seq "$n"); do
    cp corpus/fenghua.txt "$tmp/corpus/d$i.txt"
    printf '  - {region: d%s, file: d%s.txt, title: 副本%s, target_year: 2025}\n' "$i" "$i" "$i"
  done
} > "$tmp/corpus/manifest.yaml"
/usr/bin/time -f "%e %M" -o "$tmp/time" ./target/release/gongfu -q --corpus "$tmp/corpus" check --format json --fail-on never > "$tmp/check.json"
read -r secs kb < "$tmp/time"
plans=$((n + 5))
awk -v p="$plans" -v s="$secs" -v m="$kb" \
  'BEGIN { printf "check        %d plans, %d comparisons in %5.2f s, peak RSS %d MB\n", p, (p - 5) * 2 + 5, s, m/1024 }'
