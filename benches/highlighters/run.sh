#!/usr/bin/env bash
# Runs every highlighter option on the fenced code of a generated `code` site and of
# content/, then callgrind on the generated site's blocks. See the README, "Highlighter
# options (issue 18)". Usage: benches/highlighters/run.sh [SITE_DIR] (from the repo root)
set -euo pipefail
site=${1:-/dev/shm/hl-c1k}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/hl-target}
[ -d "$site/content" ] || python3 "$root/benches/gen.py" 1000 "$site" --profile code
cd "$here"
cargo build --release --features ts && cp "$CARGO_TARGET_DIR/release/highlighters" /tmp/hl-onig
cargo build --release --no-default-features --features fancy && cp "$CARGO_TARGET_DIR/release/highlighters" /tmp/hl-fancy
for bin in onig fancy; do
  for dir in "$site/content" "$root/content"; do
    echo "== $bin syntect $dir"; /tmp/hl-$bin time syntect "$dir" --reps 5
  done
done
for dir in "$site/content" "$root/content"; do
  echo "== tree-sitter (syntect behind it) $dir"; /tmp/hl-onig time ts "$dir" --reps 5
  echo "== colours $dir"; /tmp/hl-onig compare ts "$dir"
done
for run in "onig syntect" "fancy syntect" "onig ts"; do
  set -- $run
  valgrind --tool=callgrind --callgrind-out-file="/tmp/hl-$1-$2.callgrind" --toggle-collect='*highlight_all*' \
    "/tmp/hl-$1" once "$2" "$site/content" 2>&1 | grep -E "Collected" | sed "s/^/$1 $2: /"
done
