"""Settings: the user's settings file, the PC's machine-wide file that IT deploys, and which
database to open (command line, env, the user's file, the machine's file, the local file)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.periods import DEFAULT_PERIOD_MONTHS, DEFAULT_REMINDER_DAYS

APP_NAME = "bobudget"
ENV_DATABASE_URL = "BOBUDGET_DATABASE_URL"
# Lets tests and portable installs keep settings and data somewhere else than the user profile.
ENV_HOME = "BOBUDGET_HOME"


def config_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home) / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home) / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home) / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return config_dir() / "settings.json"


def machine_settings_path() -> Path:
    """The settings IT sets for every user of the PC: %PROGRAMDATA%\\bobudget\\settings.json on
    Windows (written by the installer's /DBURL= or deployed by IT), /etc/xdg/bobudget/settings.json
    on Linux (platformdirs' site config folder). Under BOBUDGET_HOME when that is set, so that
    tests and portable installs never read the real machine's file."""
    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home) / "machine" / "settings.json"
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / "settings.json"


def default_sqlite_path() -> Path:
    return data_dir() / "bobudget.db"


@dataclass
class DatabaseSettings:
    # "sqlite" (a local file) or "postgresql" (a shared server). No password: it lives in
    # the OS keyring, never in this file.
    kind: str = "sqlite"
    path: str = ""
    host: str = "localhost"
    port: int = 5432
    name: str = "bobudget"
    user: str = ""

    def url(self) -> str:
        if self.kind == "postgresql":
            user = self.user or ""
            return f"postgresql+psycopg://{user}@{self.host}:{self.port}/{self.name}"
        path = Path(self.path) if self.path else default_sqlite_path()
        return f"sqlite:///{path}"


@dataclass
class Letterhead:
    municipality: str = ""
    administration: str = ""
    unit: str = "Bo- och budgetenheten"
    postal_address: str = ""
    phone: str = ""
    email: str = ""
    logo_path: str = ""
    # Skatteverket's forwarding address for persons with protected personal data.
    forwarding_address: str = ""
    # Socialjouren (evenings and weekends): printed where a letter ends a stay somewhere.
    emergency_phone: str = ""

    @property
    def address_line(self) -> str:
        """The postal address on one line, as a sentence or the footer prints it: typed on
        several lines (Administration allows it), "Box 100, 123 45 Demostad"."""
        lines = (line.strip().rstrip(",").strip() for line in self.postal_address.splitlines())
        return ", ".join(line for line in lines if line)


@dataclass(frozen=True)
class TemplateText:
    """The unit's own text for a letter template, and its version number in the database."""

    version: int
    text: str


@dataclass
class Settings:
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    letterhead: Letterhead = field(default_factory=Letterhead)
    temporary_period_months: int = DEFAULT_PERIOD_MONTHS
    renewal_reminder_days: int = DEFAULT_REMINDER_DAYS
    template_folder: str = ""
    # Bostad först dwellings a year the committee aims at (the statistics compare against it).
    bostad_forst_target: int = 10
    # The unit's own template texts by letter kind (or part name), read from the database by
    # bobudget.db.unit_settings; never written to the file.
    template_overrides: dict[str, TemplateText] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        def pick(kind: type[Any], values: Any) -> Any:
            if not isinstance(values, dict):
                return kind()
            known = {k: v for k, v in values.items() if k in kind.__dataclass_fields__}
            return kind(**known)

        settings = cls(
            database=pick(DatabaseSettings, data.get("database")),
            letterhead=pick(Letterhead, data.get("letterhead")),
        )
        for key in ("temporary_period_months", "renewal_reminder_days"):
            if isinstance(data.get(key), int):
                setattr(settings, key, data[key])
        if isinstance(data.get("template_folder"), str):
            settings.template_folder = data["template_folder"]
        return settings

    def to_dict(self) -> dict[str, Any]:
        """What the user's file holds: the connection only. The unit's settings and texts live
        in the database (bobudget.db.unit_settings), so one PC's file never decides a letter."""
        return {"database": asdict(self.database)}

    def has_unit_part(self) -> bool:
        """Whether an older file holds unit settings to carry over into the database once."""
        return (
            self.letterhead != Letterhead()
            or self.temporary_period_months != DEFAULT_PERIOD_MONTHS
            or self.renewal_reminder_days != DEFAULT_REMINDER_DAYS
            or bool(self.template_folder)
        )


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    if not path.exists():
        return Settings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValidationError(
            f"Inställningsfilen {path} kan inte läsas ({error}). "
            "Rätta eller ta bort filen och starta om programmet."
        ) from None
    return Settings.from_dict(data if isinstance(data, dict) else {})


# What an older file held for the unit: read by the one-time carry-over into the database, never
# written again. Kept as found when the file is saved, because the carry-over may not have run
# yet (the connection is fixed in the settings dialog before the database is first opened).
LEGACY_UNIT_KEYS = (
    "letterhead",
    "temporary_period_months",
    "renewal_reminder_days",
    "template_folder",
)


def _legacy_part(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: data[key] for key in LEGACY_UNIT_KEYS if key in data}


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = settings.to_dict() | _legacy_part(path)
    # Write then rename, so a crash never leaves half a settings file behind.
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)


def machine_database_url(path: Path | None = None) -> str | None:
    """The database the PC's machine-wide file names, or None when there is no such file.

    The file holds {"database_url": "postgresql+psycopg://user@server:5432/bobudget"} (what the
    installer writes), or a "database" part like the user's file. Never a password: that stays
    in each user's keyring, or is asked for.
    """
    path = path or machine_settings_path()
    if not path.exists():
        return None
    problem = (
        f"Datorns gemensamma inställningsfil {path} kan inte läsas ({{}}). Be IT rätta eller ta "
        "bort filen, eller välj en databas själv under Arkiv → Inställningar."
    )
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))  # Notepad may add a BOM
    except (OSError, ValueError) as error:
        raise ValidationError(problem.format(error)) from None
    if not isinstance(data, dict):
        raise ValidationError(problem.format("den innehåller inget JSON-objekt"))
    url = data.get("database_url")
    if isinstance(url, str) and url.strip():
        return url.strip()
    database = Settings.from_dict(data).database
    if "database" in data and (database.kind == "postgresql" or database.path):
        return database.url()
    raise ValidationError(problem.format("den anger ingen databas: database_url saknas"))


@dataclass(frozen=True)
class ResolvedUrl:
    url: str
    # "kommandorad", "miljövariabel", "inställningar", "datorns inställningar", "standard"
    source: str


MACHINE_SOURCE = "datorns inställningar"


def resolve_database_url(cli_url: str | None, settings: Settings | None = None) -> ResolvedUrl:
    """The database, in DESIGN.md's order: --db, BOBUDGET_DATABASE_URL, the user's settings,
    then the PC's machine-wide settings (IT's default for every user), then the local file."""
    if cli_url:
        return ResolvedUrl(cli_url, "kommandorad")
    env = os.environ.get(ENV_DATABASE_URL)
    if env:
        return ResolvedUrl(env, "miljövariabel")
    if settings is None:
        settings = load_settings()
    chosen = settings.database.kind == "postgresql" or bool(settings.database.path)
    if settings_path().exists() and chosen:
        return ResolvedUrl(settings.database.url(), "inställningar")
    machine = machine_database_url()
    if machine:
        return ResolvedUrl(machine, MACHINE_SOURCE)
    return ResolvedUrl(f"sqlite:///{default_sqlite_path()}", "standard")
