#!/usr/bin/env bash
# Start the frozen build headless and check imports, keyring, platformdirs and database
# creation: `storesync --version` and `storesync doctor` against a fresh data folder.
set -euo pipefail
exe="${1:-dist/StoreSync/StoreSync}"
data="$(mktemp -d)"
export QT_QPA_PLATFORM=offscreen
"$exe" --version
"$exe" doctor --data-dir "$data"
test -f "$data/storesync.db"
echo "frozen build OK"
