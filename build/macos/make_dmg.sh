#!/usr/bin/env bash
# Build StoreSync.app with PyInstaller, self-test it, wrap it in a .dmg, and sign and
# notarize when the credentials are in the environment (see build/README.md):
#   CODESIGN_IDENTITY    "Developer ID Application: Name (TEAMID)" — signs the app and dmg
#   ENTITLEMENTS_FILE    optional entitlements plist for the app's signature
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD — notarize and staple the signed dmg
#   TARGET_ARCH          optional: arm64, x86_64 or universal2
# Without them it builds an unsigned dmg and says which steps it skipped.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ "$(uname -s)" == Darwin ]] || { echo "make_dmg.sh runs on macOS only" >&2; exit 2; }

uv run pyinstaller --clean --noconfirm --workpath build/pyinstaller installer.spec
app="dist/StoreSync.app"
QT_QPA_PLATFORM=offscreen "$app/Contents/MacOS/StoreSync" --self-test

version="$(uv run python -c 'from importlib.metadata import version; print(version("storesync"))')"
dmg="dist/StoreSync-${version}.dmg"
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"  # drag-to-install
hdiutil create -volname "StoreSync ${version}" -srcfolder "$staging" -ov -format UDZO "$dmg"

if [[ -n "${CODESIGN_IDENTITY:-}" ]]; then
  # PyInstaller signed the app (hardened runtime) with the same identity; check it
  codesign --verify --deep --strict --verbose=2 "$app"
  codesign --sign "$CODESIGN_IDENTITY" --timestamp "$dmg"
  echo "signed: $dmg"
else
  echo "signing skipped: CODESIGN_IDENTITY is not set"
fi

if [[ -n "${CODESIGN_IDENTITY:-}" && -n "${APPLE_ID:-}" && -n "${APPLE_TEAM_ID:-}" \
      && -n "${APPLE_APP_PASSWORD:-}" ]]; then
  xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --wait
  xcrun stapler staple "$dmg"
  xcrun stapler validate "$dmg"
  echo "notarized: $dmg"
else
  echo "notarization skipped: needs CODESIGN_IDENTITY, APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD"
fi
echo "$dmg"
