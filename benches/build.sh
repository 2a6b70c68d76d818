#!/usr/bin/env bash
# Cold-process build benchmark: generated sites of 1,000 and 10,000 pages (two code
# blocks each), several runs, median wall time, pages per second and peak RSS.
# If `hugo` is on PATH (or HUGO=/path/to/hugo), builds the same pages with Hugo too.
# Usage: benches/build.sh [RUNS] [SIZES...]     e.g. benches/build.sh 5 1000 10000
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
if [ "$#" -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000); fi
cargo build --release --quiet
site="$PWD/target/release/site"
hugo=${HUGO:-$(command -v hugo || true)}
work=$(mktemp -d /dev/shm/site-bench.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

measure() { # label, command...
    local label=$1; shift
    local times=() rss=()
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
        read -r t m < "$work/time"
        times+=("$t"); rss+=("$m")
    done
    local t m
    t=$(printf '%s\n' "${times[@]}" | median)
    m=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
    printf '%-22s median %6.2f s  %8.0f pages/s  peak RSS %5d MiB\n' "$label" "$t" "$(echo "$pages / $t" | bc -l)" "$((m / 1024))"
    echo "$t" > "$work/last"
}

for n in "${sizes[@]}"; do
    dir="$work/n$n"
    python3 benches/gen.py "$n" "$dir" ${hugo:+--hugo}
    cp -r themes "$dir/"
    mkdir -p "$dir/content/i18n" && cp content/i18n/*.yaml "$dir/content/i18n/"
    pages=$n
    echo "== $n pages ($(nproc) cores, output in $work)"
    measure "site build" "$site" build --root "$dir" --out "$dir/public" --quiet
    ours=$(cat "$work/last")
    if [ -n "$hugo" ]; then
        measure "hugo $("$hugo" version | grep -o "v[0-9.]*" | head -1)" "$hugo" --quiet -s "$dir/hugo" -d "$dir/hugo-public"
        echo "ratio: site is $(echo "$(cat "$work/last") / $ours" | bc -l | xargs printf '%.1f')x faster than hugo"
    fi
done
