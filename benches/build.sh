#!/usr/bin/env bash
# Cold-process build benchmark: generated sites of 1,000 and 10,000 pages (two code
# blocks each), several runs, median wall time, pages per second, median CPU time
# (user + system: steadier than wall time when others share the machine) and peak RSS.
# Cold means a new process and no Markdown cache (`--no-cache`); warm reuses a cache
# filled by one build before. If `hugo` is on PATH (or HUGO=/path/to/hugo), builds the
# same pages with Hugo too and prints its ratio to the cold build.
# PROFILE=code generates gen.py's code-heavy pages (about 40 code lines and 10 links a
# page, 50 pages per leaf section) instead of the light default.
# Usage: [PROFILE=light|code] benches/build.sh [RUNS] [SIZES...]   e.g. PROFILE=code benches/build.sh 3 1000 10000
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
    local times=() rss=() cpus=()
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
        read -r t m u s < "$work/time"
        times+=("$t"); rss+=("$m"); cpus+=("$(echo "$u + $s" | bc -l)")
    done
    local t m c
    t=$(printf '%s\n' "${times[@]}" | median)
    m=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
    c=$(printf '%s\n' "${cpus[@]}" | median)
    printf '%-22s median %6.2f s  %8.0f pages/s  CPU %6.2f s  peak RSS %5d MiB\n' \
        "$label" "$t" "$(echo "$pages / $t" | bc -l)" "$c" "$((m / 1024))"
    echo "$t" > "$work/last"
}

for n in "${sizes[@]}"; do
    dir="$work/n$n"
    python3 benches/gen.py "$n" "$dir" ${hugo:+--hugo} --profile "${PROFILE:-light}"
    cp -r themes "$dir/"
    mkdir -p "$dir/content/i18n" && cp content/i18n/*.yaml "$dir/content/i18n/"
    pages=$n
    echo "== $n pages, ${PROFILE:-light} profile ($(nproc) cores, output in $work)"
    measure "site build (cold)" "$site" build --root "$dir" --out "$dir/public" --quiet --no-cache
    ours=$(cat "$work/last")
    # Warm: the Markdown cache filled by one build first, as CI keeping `.site-cache/` would.
    "$site" build --root "$dir" --out "$dir/public" --quiet --cache "$work/cache$n"
    measure "site build (warm)" "$site" build --root "$dir" --out "$dir/public" --quiet --cache "$work/cache$n"
    if [ -n "$hugo" ]; then
        measure "hugo $("$hugo" version | grep -o "v[0-9.]*" | head -1)" "$hugo" --quiet -s "$dir/hugo" -d "$dir/hugo-public"
        echo "ratio: site (cold) is $(echo "$(cat "$work/last") / $ours" | bc -l | xargs printf '%.1f')x faster than hugo"
    fi
done
