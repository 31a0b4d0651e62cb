#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian/Ubuntu packages PlateDesk needs, only those missing. Quiet when all are there.
# Sourced by run.sh and test.sh; safe to run on its own.
set -euo pipefail

PLATEDESK_PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache git
  libsqlite3-dev libsodium-dev libssl-dev libicu-dev libzip-dev libcairo2-dev nlohmann-json3-dev
  libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev
  libwxgtk3.2-dev libqrencode-dev libboost-test-dev cmark-gfm
  libpoco-dev libcurl4-openssl-dev openssl
  xvfb xauth
  7zip
  clang libclang-rt-14-dev clang-format
)

missing=()
for p in "${PLATEDESK_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "PlateDesk: installing ${#missing[@]} missing package(s): ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "error: not root and no sudo; install these packages and retry: ${missing[*]}" >&2; exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
