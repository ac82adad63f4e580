#!/usr/bin/env bash
# Build StoreSync.app with PyInstaller and wrap it in a .dmg (macOS only).
# Set CODESIGN_IDENTITY (and ENTITLEMENTS_FILE) to sign; notarize the dmg afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
uv run pyinstaller --clean --noconfirm installer.spec
version="$(uv run storesync --version | awk '{print $2}')"
hdiutil create -volname StoreSync -srcfolder dist/StoreSync.app -ov -format UDZO \
  "dist/StoreSync-${version}.dmg"
echo "dist/StoreSync-${version}.dmg"
