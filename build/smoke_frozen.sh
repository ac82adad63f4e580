#!/usr/bin/env bash
# Check a frozen build headless: `--version`, then `--self-test` (a temporary data folder:
# migrate, keychain, interface resources, sandbox, consent, one sync, one Excel export).
# Any module or data file the build left out makes it exit non-zero. .ci/run calls this.
#     build/smoke_frozen.sh [dist/StoreSync/StoreSync]
set -euo pipefail
exe="${1:-dist/StoreSync/StoreSync}"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
"$exe" --version
"$exe" --self-test
