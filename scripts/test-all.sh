#!/usr/bin/env bash
# `npm test`: everything, in the order that fails fastest. Each step prints a heading.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

step() { printf '\n=== %s ===\n' "$1"; }

step "type check"
tsc -b

step "lint"
eslint .

step "Electron security scan (Electronegativity)"
tsx scripts/electronegativity-check.ts

step "unit and integration tests (vitest, private keychain, throwaway PostgreSQL)"
# Tests that hold on both engines need the PostgreSQL that with-postgres.sh starts: here its
# absence is a failure, never a skip.
RAB_REQUIRE_POSTGRES=1 bash scripts/with-postgres.sh bash scripts/with-keyring.sh vitest run

step "browser end-to-end tests (Playwright on Chromium through the browser host, axe-core)"
bash scripts/test-browser.sh

step "Electron end-to-end tests (Playwright _electron)"
bash scripts/test-electron.sh
