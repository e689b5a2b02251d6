#!/usr/bin/env bash
# The one release build command: the Dockerfile and .ci/run both call this script,
# so CI exercises exactly the container's recipe.
set -euo pipefail
cd "$(dirname "$0")/.."
exec swift build -c release --static-swift-stdlib --product tapelab "$@"
