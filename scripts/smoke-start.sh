#!/usr/bin/env bash
# The README's start command on a fresh store: `npm start` must serve health and the demo
# layers, and a second process on the same store must be refused without touching it.
set -euo pipefail
cd "$(dirname "$0")/.."
store=$(mktemp -d /tmp/rcgis-smoke.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log="$store/server.log"
# Its own process group: npm does not pass signals on to the node process it starts.
DATA_DIR="$store/data" PORT=$port setsid npm start >"$log" 2>&1 &
pid=$!
cleanup() {
  kill -- -"$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$store"
}
trap cleanup EXIT

for _ in $(seq 1 300); do
  if grep -q "listening on" "$log"; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "smoke: npm start exited early" >&2; exit 1; fi
  sleep 1
done
grep -q "listening on" "$log" || { cat "$log"; echo "smoke: no 'listening on' within 300 s" >&2; exit 1; }
cat "$log"

health=$(curl -fsS "http://127.0.0.1:$port/api/health")
echo "health: $health"
echo "$health" | grep -q '"status":"ok"'
layers=$(curl -fsS "http://127.0.0.1:$port/api/layers")
empty=$(echo "$layers" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const {layers}=JSON.parse(s);console.log(layers.filter(l=>!(l.count>0)).map(l=>l.id).join(" "));console.error(layers.map(l=>`${l.id}=${l.count}`).join(" "))})')
[ -z "$empty" ] || { echo "smoke: layers without features: $empty" >&2; exit 1; }

# A second owner must be refused with a message naming the first, and leave the store alone.
if second=$(DATA_DIR="$store/data" PORT=0 npx tsx server/main.ts 2>&1); then
  echo "smoke: a second server opened a store that was in use" >&2; exit 1
fi
echo "second process: $second"
echo "$second" | grep -q "in use by process $pid\|in use by process"
curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null
echo "smoke: ok"
