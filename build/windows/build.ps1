# Build the Windows installer: the onedir app (installer.spec), its self-test, then
# StoreSync-<version>-setup.exe with Inno Setup. Run from any folder:
#     powershell -ExecutionPolicy Bypass -File build\windows\build.ps1
# Signing happens only when these are set (see build/README.md), else it is skipped:
#     WINDOWS_CERT_PFX           path to the code-signing certificate (.pfx)
#     WINDOWS_CERT_PASSWORD      its password
#     WINDOWS_TIMESTAMP_URL      RFC 3161 time-stamp server (default below)
# Needs: uv, Inno Setup 6 (iscc on PATH or in its default folder), and for signing
# signtool from the Windows SDK on PATH.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

uv run pyinstaller --clean --noconfirm --workpath build\pyinstaller installer.spec
if ($LASTEXITCODE -ne 0) { throw "pyinstaller failed" }
$exe = "dist\StoreSync\StoreSync.exe"

# the windowed app has no console: read the self-test's exit code
$env:QT_QPA_PLATFORM = "offscreen"
$p = Start-Process $exe -ArgumentList "--self-test" -Wait -PassThru -NoNewWindow
Remove-Item Env:QT_QPA_PLATFORM
if ($p.ExitCode -ne 0) { throw "the frozen app's self-test failed (exit $($p.ExitCode))" }

$env:STORESYNC_VERSION = (uv run python -c "from importlib.metadata import version; print(version('storesync'))").Trim()

$iscc = (Get-Command iscc -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }

$isccArgs = @()
if ($env:WINDOWS_CERT_PFX) {
    $ts = if ($env:WINDOWS_TIMESTAMP_URL) { $env:WINDOWS_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
    $sign = @("sign", "/fd", "sha256", "/f", $env:WINDOWS_CERT_PFX, "/p", $env:WINDOWS_CERT_PASSWORD,
              "/tr", $ts, "/td", "sha256")
    & signtool @sign $exe
    if ($LASTEXITCODE -ne 0) { throw "signtool failed on $exe" }
    # Inno Setup signs the setup and the uninstaller with this command ($f: the file)
    $isccArgs += "/Sstoresync=signtool sign /fd sha256 /f `$q$($env:WINDOWS_CERT_PFX)`$q /p `$q$($env:WINDOWS_CERT_PASSWORD)`$q /tr $ts /td sha256 `$f"
} else {
    Write-Host "signing skipped: WINDOWS_CERT_PFX is not set"
}

& $iscc @isccArgs "build\windows\storesync.iss"
if ($LASTEXITCODE -ne 0) { throw "iscc failed" }
Write-Host "dist\StoreSync-$($env:STORESYNC_VERSION)-setup.exe"
