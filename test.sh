#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds, and runs the whole CTest suite (GUI tests under Xvfb).
# Usage: ./test.sh [ctest arguments...]     e.g. ./test.sh -L unit
set -euo pipefail
cd "$(dirname "$0")"
preset="${PLATEDESK_TEST_PRESET:-ci}"

scripts/deps.sh
scripts/build.sh "$preset"

# The GUI tests need an X server: use the session's display if there is one, else a private Xvfb.
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24" \
    ctest --test-dir "build/$preset" --output-on-failure -j "$(nproc)" "$@"
fi
exec ctest --test-dir "build/$preset" --output-on-failure -j "$(nproc)" "$@"
