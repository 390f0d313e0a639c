#!/usr/bin/env bash
# Rewrites the start-up class list that ClassPreload loads ahead of the main thread: one start of
# the built jar on a fresh data directory, the classes it loads from the jar and the JDK, in the
# order it loads them, until /health answers. Run after a dependency or start-up change, then rebuild.
# Usage: bash dist/startup-classes.sh [path/to/hookline.jar]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(realpath "${1:-dist/target/hookline.jar}")
list=core/src/main/resources/META-INF/hookline/startup-classes.txt
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"' EXIT

# without the preload, so the list follows the hub's own order
HOOKLINE_DATA_DIR="$work/data" HOOKLINE_PORT=0 HOOKLINE_API_KEY=startup-classes-key-0123 \
  java -Dhookline.classPreload=false -Xlog:class+load:file="$work/classes.log" -jar "$jar" > "$work/hub.log" 2>&1 &
pid=$!
port=
for _ in $(seq 600); do
  port=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$work/hub.log")
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/hub.log"; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "the hub did not start:"; cat "$work/hub.log"; exit 1; }
until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.05; done
kill -9 "$pid"; wait "$pid" 2>/dev/null || true; pid=

{
  echo "# Classes a start-up loads, in order (ClassPreload). Made by: bash dist/startup-classes.sh"
  awk -v jar="source: file:$jar" '
    $2 == "dev.hookline.Main" { on = 1 }
    on && (index($0, jar) || index($0, "source: jrt:/")) && $2 !~ /\$\$Lambda|LambdaForm\$|\/0x/ { print $2 }
  ' "$work/classes.log"
} > "$list"
echo "$(($(wc -l < "$list") - 1)) classes written to $list"
