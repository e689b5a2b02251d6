#!/usr/bin/env bash
# Browser tests of the notebook page (Tests/Browser) in headless Chromium.
#
# Installs what is missing (Chromium and its driver from Debian, Selenium and
# nbformat from PyPI into .build/browser-venv), builds and starts `tapelab` on a
# free loopback port, runs the suite, stops the server, and ends with the line
# `N passed, N failed`. Extra arguments go to the suite (e.g. `-k Markdown`).
# Screenshots of failures land in Tests/Browser/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

say() { printf 'browser-tests: %s\n' "$*"; }

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    say "installing chromium and chromium-driver from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
fi

VENV="$ROOT/.build/browser-venv"
if ! "$VENV/bin/python" -c 'import selenium, nbformat' >/dev/null 2>&1; then
    say "installing selenium and nbformat into $VENV"
    if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq python3-venv >/dev/null
        python3 -m venv "$VENV"
    fi
    "$VENV/bin/pip" install -q --disable-pip-version-check selenium nbformat
fi

say "building tapelab"
swift build --product tapelab 2>&1 | tail -n 1
BIN="$(swift build --product tapelab --show-bin-path)/tapelab"

PORT=$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
LOG="$ROOT/.build/browser-tests-server.log"
"$BIN" serve --host 127.0.0.1 --port "$PORT" >"$LOG" 2>&1 &
SERVER_PID=$!
stop_server() {
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}
trap stop_server EXIT

URL="http://127.0.0.1:$PORT/"
for _ in $(seq 1 200); do
    if "$VENV/bin/python" -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1] + 'healthz', timeout=1)" "$URL" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        say "the server did not start:"
        cat "$LOG"
        echo "0 passed, 1 failed"
        exit 1
    fi
    sleep 0.1
done
say "server at $URL (pid $SERVER_PID, log $LOG)"

set +e
TAPELAB_URL="$URL" TAPELAB_BIN="$BIN" TAPELAB_TOKEN_SERVER_LOG="$ROOT/.build/browser-tests-token-server.log" \
    SE_OFFLINE=true "$VENV/bin/python" "$ROOT/Tests/Browser/run_suite.py" "$@"
STATUS=$?
set -e
exit "$STATUS"
