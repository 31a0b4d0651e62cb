#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds, creates the demo storage on first run, and starts PlateDesk.
# Usage: ./run.sh [--storage DIR] [--server]      (default storage: ~/PlateDesk-demo)
#   --server: instead of the GUI, start platedesk-server over the storage (self-signed certificate
#   made on first use) with simulated cameras posting to it; Ctrl-C stops both. docs/server.md.
set -euo pipefail
cd "$(dirname "$0")"
storage="${HOME}/PlateDesk-demo"
mode=gui
while [ $# -gt 0 ]; do
  case "$1" in
    --storage) storage="${2:?--storage needs a folder}"; shift 2 ;;
    --server) mode=server; shift ;;
    *) echo "usage: ./run.sh [--storage DIR] [--server]" >&2; exit 2 ;;
  esac
done

scripts/deps.sh
# The same optimised build as ./test.sh, so running both compiles once.
scripts/build.sh ci
bin="build/ci/bin"

if [ ! -f "$storage/platedesk.db" ]; then
  echo "PlateDesk: creating the demo storage in $storage (100,000 reads, 40 cameras, 30 days, and a month of the agency's use)..."
  "$bin/platedesk-cli" demo --storage "$storage" --activity
fi

if [ "$mode" = server ]; then
  exec scripts/demo-server.sh "$storage" "$bin"
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
