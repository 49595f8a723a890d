#!/usr/bin/env bash
# Electron end-to-end tests (Playwright's _electron, test/electron/*.spec.ts): start-up, sign-in
# with a demo account and one access request, in the real desktop app. They need Electron's own
# binary, which cannot be downloaded on our build machines; without it (or without a display) this
# says clearly that they were skipped and why, and exits 0 so `npm test` can run everywhere.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

skip() {
  echo "Electron end-to-end tests skipped: $1"
  exit 0
}

# Since Electron 42, require('electron') downloads the binary when it is missing, which on a machine
# without network access hangs or fails; so the binary is looked for where that download puts it.
# ELECTRON_OVERRIDE_DIST_PATH is honoured as the package itself does.
electron_dir=node_modules/electron
executable=$(cat "$electron_dir/path.txt" 2>/dev/null || true)
electron_path=""
if [ -n "${ELECTRON_OVERRIDE_DIST_PATH:-}" ]; then
  electron_path="$ELECTRON_OVERRIDE_DIST_PATH/${executable:-electron}"
elif [ -n "$executable" ]; then
  electron_path="$PWD/$electron_dir/dist/$executable"
fi
if [ -z "$electron_path" ] || [ ! -x "$electron_path" ]; then
  skip "no Electron binary on this machine (node_modules/electron/dist is missing: since Electron 42 it is downloaded on first use, not at install, and this machine cannot download it). Where the network allows: npx install-electron --no"
fi
# Run as Node to ask its version: needs no display, and proves the binary starts on this machine.
if ! version=$(ELECTRON_RUN_AS_NODE=1 "$electron_path" -p process.versions.electron 2>/dev/null); then
  skip "the Electron binary at $electron_path does not run on this machine."
fi
echo "Electron $version at $electron_path"

runner=()
if [ "$(uname -s)" = "Linux" ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  if command -v xvfb-run >/dev/null 2>&1; then
    runner=(xvfb-run --auto-servernum --server-args="-screen 0 1400x1000x24")
  else
    skip "no display to open windows on (no DISPLAY, and xvfb-run is not installed: apt-get install -y xvfb)."
  fi
fi

electron-vite build
# The app keeps its store key in the keychain: run inside a private, unlocked one.
exec "${runner[@]}" bash scripts/with-keyring.sh playwright test --config playwright.electron.config.ts "$@"
