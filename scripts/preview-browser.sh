#!/usr/bin/env bash
# `npm run preview:browser`: the whole app in a browser on this computer, on a demonstration store.
# Development only: the browser host is never part of the packaged app. Options: --help.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec node_modules/.bin/tsx test/browser-host/main.ts "$@"
