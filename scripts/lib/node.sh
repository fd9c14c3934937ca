#!/usr/bin/env bash
# Makes sure `npm` is on the PATH: the web-map build installs the Leaflet plugins it serves from the
# npm registry (web-map/package-lock.json). Sourced by the other scripts (`. scripts/lib/node.sh`).
# As root on Debian it installs Node.js and npm with apt-get when they are missing; otherwise it
# says what to install and exits 1.
set -euo pipefail

if ! command -v npm >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "npm is missing: installing nodejs and npm with apt-get (one-time setup)…" >&2
    { DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm; } >&2 ||
      { echo "apt-get could not install nodejs npm." >&2; exit 1; }
  else
    echo "The build needs Node.js 18+ and npm (Debian: sudo apt-get install nodejs npm)." >&2
    exit 1
  fi
fi
echo "Using npm $(npm --version) (Node.js $(node --version 2>/dev/null || echo '?'))" >&2
