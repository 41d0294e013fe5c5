#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through playwright-core (STACK.md): make sure it is
# installed at /usr/bin/chromium, installing it with apt when it is missing, and fail loudly when
# that is not possible (no root, no network) rather than letting the tests skip.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi

echo "chromium: $CHROMIUM is missing; installing the Debian package (about 40 s)…" >&2
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=sudo
  else
    echo "error: $CHROMIUM is missing and this user cannot install packages (not root, no sudo)." >&2
    echo "       Install it with: apt-get update && apt-get install -y --no-install-recommends chromium" >&2
    exit 1
  fi
else
  SUDO=
fi

export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update || ! $SUDO apt-get install -y --no-install-recommends chromium; then
  echo "error: installing chromium with apt-get failed; the browser tests cannot run." >&2
  exit 1
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "error: the chromium package installed but $CHROMIUM is still missing." >&2
  exit 1
fi
echo "chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
