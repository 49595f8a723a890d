#!/usr/bin/env bash
# The browser suite: builds the renderer and the bridge once, then runs the Playwright specs on the
# system Chromium. Each test starts its own browser host on a fresh demonstration store with a
# frozen clock, and stops it afterwards. Screenshots of each role's main screen are saved under
# test-results/screenshots/. Extra arguments go to `playwright test` (e.g. a spec file).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if [[ ! -x /usr/bin/chromium ]]; then
  echo "The browser suite needs Chromium at /usr/bin/chromium (Debian: apt-get install chromium)." >&2
  exit 1
fi

# The many-desktops specs run their broker servers on PostgreSQL: start a throwaway one unless the
# caller (npm test) already has.
if [[ -z "${RAB_TEST_DATABASE_URL:-}" ]]; then
  exec bash scripts/with-postgres.sh bash "$0" "$@"
fi

rm -rf test-results/screenshots
tsx test/browser-host/build.ts
# A private keychain (as for the unit tests): the many-desktops specs create a store whose key the
# `rab serve` processes they start read from the keychain.
bash scripts/with-keyring.sh playwright test "$@"
