; Inno Setup script for the Windows installer. Build the onedir app first
; (uv run pyinstaller --clean --noconfirm installer.spec), then: iscc build\windows\storesync.iss
#define AppName "StoreSync"
#define AppVersion GetEnv("STORESYNC_VERSION")

[Setup]
AppId={{6E0C2F4B-6A7E-4C1B-9F4E-2B7B5C1D8A31}
AppName={#AppName}
AppVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
OutputBaseFilename=StoreSync-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
PrivilegesRequired=lowest
ArchitecturesInstallIn64BitMode=x64compatible

[Files]
Source: "..\..\dist\StoreSync\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\StoreSync.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\StoreSync.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop icon"; Flags: unchecked

[Run]
Filename: "{app}\StoreSync.exe"; Description: "Start StoreSync"; Flags: nowait postinstall skipifsilent
