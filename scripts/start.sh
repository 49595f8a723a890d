#!/usr/bin/env bash
# `npm start`: the desktop app when Electron's binary is installed; otherwise, say why in one
# sentence and open the same app in the browser host instead (it prints the address to open).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if node -e "require('electron')" >/dev/null 2>&1 && [[ -x "$(node -p "require('electron')")" ]]; then
  exec node_modules/.bin/electron-vite preview "$@"
fi
echo "Electron's program is not installed on this computer (its download was blocked or skipped), so the app starts in your browser instead." >&2
exec bash scripts/preview-browser.sh "$@"
