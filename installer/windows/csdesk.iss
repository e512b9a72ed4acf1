; Inno Setup script for csdesk: a per-user install that needs no administrator rights.
;
; Packs the PyInstaller folder dist\csdesk\ (built by installer\build.py) into one setup .exe.
; Installs to %LOCALAPPDATA%\Programs\csdesk, adds a Start menu shortcut, opens .csdesk files with
; csdesk for this user only (HKEY_CURRENT_USER), and registers an uninstaller under
; Settings > Apps for this user. Nothing is written to Program Files or HKEY_LOCAL_MACHINE.
;
; Needs Inno Setup 6.3 or later. Compile from the repository root:
;   iscc /DAppVersion=0.1.0 installer\windows\csdesk.iss
; Output: dist\csdesk-0.1.0-setup.exe

#ifndef DistDir
  #define DistDir AddBackslash(SourcePath) + "..\..\dist\csdesk"
#endif
#ifndef AppVersion
  ; Falls back to the ProductVersion that csdesk.spec writes into csdesk.exe.
  #define AppVersion GetFileProductVersionString(DistDir + "\csdesk.exe")
#endif
#define AppName "csdesk"
#define AppExe "csdesk.exe"
#define ProgId "csdesk.project"
; Made from resources\icons\csdesk.svg by installer\make_icons.py (committed).
#define IconFile AddBackslash(SourcePath) + "..\..\resources\icons\csdesk.ico"

[Setup]
; AppId identifies csdesk to Windows for upgrades and uninstall: never change it.
AppId={{4EBCD4DF-98E7-49EA-A822-4B28CE4A4A08}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
; Per-user: never asks for elevation, always installs in non administrative install mode.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
ChangesAssociations=yes
; PySide6 (Qt 6) runs on 64-bit Windows 10 and later.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile={#IconFile}

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundled Python and Qt whole, so no stale DLL from an older csdesk stays.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; csdesk.exe (the windowed GUI), csdesk-cli.exe (console: --version, demo, export, check), _internal\
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; Open .csdesk project files with csdesk.exe, for this user only (HKCU\Software\Classes).
Root: HKCU; Subkey: "Software\Classes\.csdesk"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\.csdesk\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "csdesk project"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".csdesk"; ValueData: ""

[UninstallDelete]
; Anything left in the program folder (csdesk writes nothing there; this is the installer's own
; folder, never where projects are kept).
Type: filesandordirs; Name: "{app}\_internal"
Type: dirifempty; Name: "{app}"

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes the program folder, the shortcuts and the registry entries above.
; It leaves the user's projects and csdesk's settings (%LOCALAPPDATA%\csdesk) alone.
