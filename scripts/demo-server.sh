#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# ./run.sh --server: platedesk-server over the demo storage with simulated cameras feeding it.
# Usage: scripts/demo-server.sh STORAGE BIN_DIR
set -euo pipefail
storage="$1"
bin="$2"
tls="${storage}.server"           # certificate, key and the simulator's token live beside the storage
port="${PLATEDESK_SERVER_PORT:-8443}"
admin_password="Orca-Tide-Station-9"  # the demo administrator (demo storages only)
mkdir -p "$tls"
chmod 700 "$tls"

# The administrator's commands (their system-use notice is shown only when one fails).
cli() {
  local err
  err="$(mktemp)"
  if ! PLATEDESK_ACCEPT_BANNER=yes PLATEDESK_PASSWORD="$admin_password" "$bin/platedesk-cli" "$@" 2>"$err"; then
    cat "$err" >&2
    rm -f "$err"
    return 1
  fi
  rm -f "$err"
}

if [ ! -f "$tls/cert.pem" ]; then
  echo "PlateDesk: making a self-signed certificate for localhost in $tls"
  "$bin/platedesk-server" make-cert --cert "$tls/cert.pem" --key "$tls/key.pem" >/dev/null
fi
echo "PlateDesk: server certificate SHA-256 fingerprint: $("$bin/platedesk-server" fingerprint --cert "$tls/cert.pem")"
pin="$("$bin/platedesk-server" fingerprint --cert "$tls/cert.pem" --pin)"

# A token file left from an earlier demo storage (deleted and made again) would only get 401s.
if [ -f "$tls/simulator.token" ] && ! cli server-token list --storage "$storage" --user administrator --format csv |
  grep -q '^demo-simulator,'; then
  rm -f "$tls/simulator.token"
fi
if [ ! -f "$tls/simulator.token" ]; then
  # The server is not running yet, so the administrator can still use the folder directly.
  cli server-token add demo-simulator --camera 'platedesk-sim/*' --storage "$storage" --user administrator \
    --token-file "$tls/simulator.token" >/dev/null
  # A minute of silence marks a simulated camera offline, so the demo shows outages quickly.
  cli config set camera_offline_after_s 60 --storage "$storage" --user administrator >/dev/null
fi

rm -f "$tls/port"
"$bin/platedesk-server" --storage "$storage" --listen "127.0.0.1:$port" --cert "$tls/cert.pem" --key "$tls/key.pem" \
  --port-file "$tls/port" --log-requests=false &
server_pid=$!
sim_pid=""
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

for _ in $(seq 1 100); do
  if [ -s "$tls/port" ]; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then echo "PlateDesk: the server did not start" >&2; exit 1; fi
  sleep 0.1
done

cat <<TXT

platedesk-server is serving $storage on https://127.0.0.1:$port
Six simulated cameras post a read every few seconds and a heartbeat every 20 s; every two minutes
one of them goes quiet for 90 s. In another terminal:
  $bin/platedesk-cli camera health --storage "$storage"
  $bin/platedesk-cli status --storage "$storage"
  curl --cacert "$tls/cert.pem" https://127.0.0.1:$port/v1/health   (if curl is installed)
Workstations connect to the server (the rules, the keys and the audit log stay on it):
  $bin/platedesk --connect https://127.0.0.1:$port --pin $pin
  (or start $bin/platedesk and give the address and pin in File > Connect to Server...)
  $bin/platedesk-cli login --server https://127.0.0.1:$port --pin $pin --user detective
  $bin/platedesk-cli search --server https://127.0.0.1:$port --plate 'ABC*' --case 26-004512 --purpose INV-PROPERTY --justification '...'
(demo accounts: detective Blue-Heron-Pier-7, supervisor Cedar-Lantern-Ridge-3)
Ctrl-C stops the cameras and the server (then the GUI can open the storage again: ./run.sh).

TXT
"$bin/platedesk-cli" simulate-cameras --server "https://127.0.0.1:$port" --token-file "$tls/simulator.token" \
  --cacert "$tls/cert.pem" --cameras 6 --rate 2 --connections 2 --heartbeat 20 --outage-every 120 --outage-for 90 &
sim_pid=$!
wait "$sim_pid" || true
