; Inno Setup script (6.3 or later; saved as UTF-8 with a BOM so the Swedish letters survive): the Windows installer for the frozen bobudget in
; dist\bobudget\ (packaging/bobudget.spec). Build steps, silent install and signing:
; packaging/README.md.
;
;   iscc packaging\windows\bobudget.iss
;   iscc /DSIGN "/Sbobudgetsign=signtool.exe sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 /sha1 <thumbprint> $f" packaging\windows\bobudget.iss
;
; Per-machine (Program Files, administrator rights), a Start-menu entry, an uninstaller, and
; for IT: setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /DBURL=postgresql+psycopg://...
; which writes %PROGRAMDATA%\bobudget\settings.json, the machine-wide settings every user of
; the PC opens when they have chosen no database themselves (bobudget.kernel.config).

; The version, read from bobudget/__init__.py (the line __version__ = "X.Y.Z") unless given
; with iscc /DAppVersion=X.Y.Z.
#ifndef AppVersion
  #define VersionFile AddBackslash(SourcePath) + "..\..\bobudget\__init__.py"
  #define VersionPrefix '__version__ = "'
  #define AppVersion ""
  #define Line ""
  #define Handle 0
  #sub ReadVersionLine
    #expr Line = Trim(FileRead(Handle))
    #if Pos(VersionPrefix, Line) == 1
      #expr AppVersion = Copy(Line, Len(VersionPrefix) + 1, Len(Line) - Len(VersionPrefix) - 1)
    #endif
  #endsub
  #expr Handle = FileOpen(VersionFile)
  #if !Handle
    #error Cannot open bobudget\__init__.py to read the version; give /DAppVersion=X.Y.Z
  #endif
  #for {0; !FileEof(Handle); 0} ReadVersionLine
  #expr FileClose(Handle)
  #if AppVersion == ""
    #error No __version__ line in bobudget\__init__.py; give /DAppVersion=X.Y.Z
  #endif
#endif

#define AppName "bobudget"
#define Frozen AddBackslash(SourcePath) + "..\..\dist\bobudget"

#if !FileExists(Frozen + "\bobudget-gui.exe")
  #error dist\bobudget\bobudget-gui.exe is missing: run pyinstaller packaging\bobudget.spec first
#endif

[Setup]
; The AppId ties upgrades and the uninstaller to this program: never change it.
AppId={{0195CA8D-3359-487C-9B10-D67B69A45EC0}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Bo- och budgetenheten
VersionInfoVersion={#AppVersion}
VersionInfoDescription=bobudget – bo- och budgetenhetens verksamhetssystem
; Per machine: Program Files, administrator rights, for every user of the PC.
PrivilegesRequired=admin
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
DefaultGroupName={#AppName}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
UninstallDisplayIcon={app}\bobudget-gui.exe
UninstallDisplayName={#AppName} {#AppVersion}
; A running bobudget is closed (and the user told) before its files are replaced.
CloseApplications=yes
RestartApplications=no
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir={#AddBackslash(SourcePath)}..\..\dist\installer
OutputBaseFilename=bobudget-{#AppVersion}-setup
#ifdef SIGN
; The installer and its uninstaller are signed with the sign tool given on iscc's command line
; as /Sbobudgetsign=... (packaging/README.md: the municipality's certificate, a timestamp).
SignTool=bobudgetsign
SignedUninstaller=yes
#endif

[Languages]
; Swedish when the Swedish translation (Swedish.isl, from Inno Setup's site) has been put in
; the compiler's Languages folder; English otherwise. The program itself is always Swedish.
#if FileExists(AddBackslash(CompilerPath) + "Languages\Swedish.isl")
Name: "swedish"; MessagesFile: "compiler:Languages\Swedish.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
; The whole frozen folder: both programs and the one set of libraries they share.
Source: "{#Frozen}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade starts from a clean folder: no library of an older version is left to be loaded.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\bobudget"; Filename: "{app}\bobudget-gui.exe"; WorkingDir: "{app}"; Comment: "Bo- och budgetenhetens verksamhetssystem"
Name: "{autoprograms}\bobudget (demo med påhittade hushåll)"; Filename: "{app}\bobudget-gui.exe"; Parameters: "--demo"; WorkingDir: "{app}"

[Run]
Filename: "{app}\bobudget-gui.exe"; Description: "Starta bobudget"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; The users' own settings, logs and databases under their profiles are theirs and stay, and so
; does IT's machine-wide settings file: a reinstall finds the same database.
Type: filesandordirs; Name: "{app}\_internal"

[Code]
{ The database URL IT gives on the command line (/DBURL=...) becomes the machine-wide
  settings file. Without /DBURL an existing file is left as it is. }

function JsonString(const Value: String): String;
begin
  Result := Value;
  StringChangeEx(Result, '\', '\\', True);
  StringChangeEx(Result, '"', '\"', True);
  Result := '"' + Result + '"';
end;

procedure WriteMachineSettings(const Url: String);
var
  Folder, Path: String;
  Lines: TArrayOfString;
begin
  Folder := ExpandConstant('{commonappdata}\bobudget');
  Path := Folder + '\settings.json';
  if not ForceDirectories(Folder) then
  begin
    SuppressibleMsgBox('Mappen ' + Folder + ' kunde inte skapas. Databasens adress sparades inte; ' +
      'lägg settings.json där för hand.', mbError, MB_OK, IDOK);
    Exit;
  end;
  SetArrayLength(Lines, 1);
  Lines[0] := '{"database_url": ' + JsonString(Url) + '}';
  if SaveStringsToUTF8File(Path, Lines, False) then
    Log('Machine-wide settings written: ' + Path)
  else
    SuppressibleMsgBox('Filen ' + Path + ' kunde inte skrivas. Databasens adress sparades inte; ' +
      'lägg filen där för hand.', mbError, MB_OK, IDOK);
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  Url: String;
begin
  if CurStep = ssPostInstall then
  begin
    Url := Trim(ExpandConstant('{param:DBURL|}'));
    if Url <> '' then
      WriteMachineSettings(Url);
  end;
end;
