; Inno Setup script for the Windows installer. build\windows\build.ps1 builds the onedir
; app, sets STORESYNC_VERSION from the package metadata and runs this script with iscc;
; with WINDOWS_CERT_PFX set it also passes the "storesync" sign tool (/S) so the setup
; and its uninstaller are signed. See build/README.md.
#define AppName "StoreSync"
#define AppVersion GetEnv("STORESYNC_VERSION")
#if AppVersion == ""
  #error STORESYNC_VERSION is not set: run build\windows\build.ps1
#endif

[Setup]
AppId={{6E0C2F4B-6A7E-4C1B-9F4E-2B7B5C1D8A31}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=StoreSync-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\storesync.ico
UninstallDisplayIcon={app}\StoreSync.exe
Compression=lzma2
SolidCompression=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
#if GetEnv("WINDOWS_CERT_PFX") != ""
SignTool=storesync
SignedUninstaller=yes
#endif

[Files]
Source: "..\..\dist\StoreSync\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\StoreSync.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\StoreSync.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop icon"; Flags: unchecked

[Run]
Filename: "{app}\StoreSync.exe"; Description: "Start StoreSync"; Flags: nowait postinstall skipifsilent
