#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds, creates the demo storage on first run, and starts PlateDesk.
# Usage: ./run.sh [--storage DIR]      (default storage: ~/PlateDesk-demo)
set -euo pipefail
cd "$(dirname "$0")"
storage="${HOME}/PlateDesk-demo"
if [ "${1:-}" = "--storage" ] && [ -n "${2:-}" ]; then storage="$2"; fi

scripts/deps.sh
# The same optimised build as ./test.sh, so running both compiles once.
scripts/build.sh ci
bin="build/ci/bin"

if [ ! -f "$storage/platedesk.db" ]; then
  echo "PlateDesk: creating the demo storage in $storage (100,000 reads, 40 cameras, 30 days)..."
  "$bin/platedesk-cli" demo --storage "$storage"
fi

cat <<TXT

Demo accounts (demo storages only; MFA is optional on demo storages):
  detective      password: Blue-Heron-Pier-7
  supervisor     password: Cedar-Lantern-Ridge-3
  administrator  password: Orca-Tide-Station-9
  auditor        password: Maple-Ledger-Quill-5
TXT

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat <<TXT

No display found (DISPLAY is not set), so the window cannot open here. The same storage from the CLI:
  $bin/platedesk-cli status --storage "$storage"
  PLATEDESK_PASSWORD=Blue-Heron-Pier-7 $bin/platedesk-cli search --storage "$storage" --user detective \\
      --case 26-004512 --purpose INV-PROPERTY --justification "burglary 5th Ave" --plate '7*' --limit 10
TXT
  exit 0
fi
exec "$bin/platedesk" --storage "$storage"
