#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with its own unlocked gnome-keyring and HOME in a
# temporary folder, so tests exercise the real Secret Service without touching anyone's keychain.
# Usage: scripts/with-keyring.sh <command> [args...]
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-keyring.sh <command> [args...]" >&2
  exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring: '$tool' is missing. Install it: apt-get install -y libsecret-1-dev gnome-keyring dbus-x11" >&2
    exit 2
  fi
done
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
home=$(mktemp -d "${TMPDIR:-/tmp}/rab-keyring-home.XXXXXX")
trap 'rm -rf "$home"' EXIT
export RAB_REAL_HOME="${HOME:-}"
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export PATH="$root/node_modules/.bin:$PATH"
password=$(head -c 18 /dev/urandom | base64)
# The unlock step is what makes the keychain work headless: it creates and unlocks the login keyring.
exec dbus-run-session -- bash -c '
  echo -n "$1" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  shift
  "$@"
' with-keyring "$password" "$@"
