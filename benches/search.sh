#!/usr/bin/env bash
# Search index benchmark (README, "Search"): generated sites of 1,000 and 10,000 pages
# (benches/gen.py), each built cold three times with `site build --no-cache --timings`
# (the `search` line is the index, built beside render and write); then the index size
# and, in headless Chromium, the bytes one query fetches and its time in the page.
# Usage: benches/search.sh [SIZES...]     e.g. benches/search.sh 1000 10000
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000); fi
cargo build --release --quiet
site="$PWD/target/release/site"
work=$(mktemp -d /dev/shm/site-search.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in "${sizes[@]}"; do
    dir="$work/n$n"
    python3 benches/gen.py "$n" "$dir" >/dev/null
    cp -r themes "$dir/"
    cp -r content/i18n "$dir/content/"
    echo "== $n pages"
    for _ in 1 2 3; do
        rm -rf "$dir/public"
        /usr/bin/time -f "wall %e s, user %U s, sys %S s, peak RSS %M KB" \
            "$site" build --root "$dir" --out "$dir/public" --no-cache --timings 2>&1 | grep -E "search|render|wall|built"
    done
    index="$dir/public/bench.example/search/index"
    files=$(find "$index" -type f | wc -l)
    bytes=$(find "$index" -type f -print0 | xargs -0 cat | wc -c)
    gz=$(find "$index" -type f -print0 | xargs -0 -n1 gzip -c | wc -c)
    biggest=$(find "$index/t" -type f -printf '%s\n' | sort -n | tail -1)
    echo "index: $files files, $bytes bytes ($gz gzipped file by file), largest shard $biggest bytes"
    SITE_SEARCH_BENCH="$dir/public/bench.example" cargo test --quiet --test browser_search \
        query_benchmark -- --ignored --nocapture 2>&1 | grep '^query' || true
done
