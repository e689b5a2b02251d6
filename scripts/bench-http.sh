#!/usr/bin/env bash
# Measures a trivial execute over HTTP: starts the release server on loopback,
# creates sessions, and runs wrk with 32 connections for a bounded time.
# Prints requests/s for session execute, throwaway execute and /healthz. The cell is `1`
# (the trailing expression gives an execute_result), run by the real Python engine.
#
#   scripts/bench-http.sh                 # 10 s per run, 32 connections
#   DURATION=30s CONNECTIONS=64 scripts/bench-http.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-18090}
SESSIONS=${SESSIONS:-32}
BASE="http://127.0.0.1:${PORT}"

if ! command -v wrk >/dev/null; then
    echo "wrk is missing; installing it (Debian package wrk)" >&2
    apt-get install -y -q wrk >/dev/null
fi
[ -x .build/release/tapelab ] || scripts/build-release.sh

.build/release/tapelab serve --host 127.0.0.1 --port "$PORT" --log-level warning \
    --set max_sessions="$((SESSIONS + CONNECTIONS + 8))" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    .build/release/tapelab healthcheck --port "$PORT" >/dev/null 2>&1 && break
    sleep 0.1
done

workdir=$(mktemp -d)
ids=()
for _ in $(seq "$SESSIONS"); do
    ids+=("$(curl -sf -X POST "$BASE/api/sessions" | sed -E 's/.*"id":"([^"]+)".*/\1/')")
done

# One session per request in turn, so no session's queue fills.
{
    echo 'local ids = {'
    for id in "${ids[@]}"; do echo "  \"$id\","; done
    echo '}'
    cat <<'LUA'
local n = 0
wrk.method = "POST"
wrk.body = '{"code": "1"}'
wrk.headers["Content-Type"] = "application/json"
request = function()
  n = n + 1
  return wrk.format(nil, "/api/sessions/" .. ids[(n % #ids) + 1] .. "/execute")
end
LUA
} >"$workdir/sessions.lua"
cat >"$workdir/throwaway.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"code": "1"}'
wrk.headers["Content-Type"] = "application/json"
LUA

run() {
    local name=$1; shift
    local out
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
    local rps errors
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    printf '%-40s %12s req/s   non-2xx: %s\n' "$name" "$rps" "${errors:-0}"
    awk '/Latency Distribution/,/99%/' <<<"$out" | sed 's/^/    /'
}

echo "wrk: $THREADS threads, $CONNECTIONS connections, $DURATION per run, $(nproc) cores shared with the server"
run "POST /api/sessions/{id}/execute" -s "$workdir/sessions.lua" "$BASE"
run "POST /api/execute (throwaway session)" -s "$workdir/throwaway.lua" "$BASE/api/execute"
run "GET /healthz" "$BASE/healthz"
rm -rf "$workdir"
