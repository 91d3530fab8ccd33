"""The unit's own letter templates in the database: list, read, save a new version, restore.

The text itself is stored, one row per version, so every PC prints the same letter; the active
version prints and the letter log records its number (Template.version). A text is saved only
when it passes the checks it must pass to print (bobudget.letters.templates).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from bobudget.db.changes import ChangeSet
from bobudget.db.engine import Database
from bobudget.db.settings_in_use import CarriedOver, carry_over_local_settings
from bobudget.db.unit_settings import require_administrator
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.config import Settings, load_settings
from bobudget.kernel.errors import ConflictError, DomainError, NotFoundError, ValidationError
from bobudget.kernel.text_check import check_text
from bobudget.letters.kinds import KINDS
from bobudget.letters.parts import APPEAL_PART, APPEAL_PART_NAME, PARTS_FOLDER, fill_part
from bobudget.letters.payers import PAYERS_FILE, PAYERS_NAME, parse_payers
from bobudget.letters.templates import (
    check_template_text,
    default_template_folder,
    unit_template_label,
)
from bobudget.model import LetterTemplate
from bobudget.model.vocab import SettingSource

__all__ = [
    "MAX_TEMPLATE_LENGTH",
    "TemplateName",
    "TemplateVersion",
    "carry_over",
    "check_unit_template",
    "restore_template",
    "save_template",
    "template_names",
    "template_text",
    "template_versions",
    "use_standard_template",
]

MAX_TEMPLATE_LENGTH = 50_000


@dataclass(frozen=True)
class TemplateName:
    name: str  # the letter kind's id, or the part's name
    label: str
    file_name: str


@dataclass(frozen=True)
class TemplateVersion:
    name: str
    version: int
    text: str
    active: bool
    created_by: str
    created_at: dt.datetime
    source: SettingSource


def template_names() -> list[TemplateName]:
    """Every template the unit may write its own text for, letters first, then the parts."""
    names = [TemplateName(kind.id, kind.name, kind.template_file) for kind in KINDS.values()]
    part_file = f"{PARTS_FOLDER}/{APPEAL_PART}"
    names.append(TemplateName(APPEAL_PART_NAME, "Överklagandehänvisning (del)", part_file))
    names.append(TemplateName(PAYERS_NAME, "Utbetalare (lista för egna medel)", PAYERS_FILE))
    return names


def _named(name: str) -> TemplateName:
    for candidate in template_names():
        if candidate.name == name:
            return candidate
    raise NotFoundError(
        f"Brevmallen '{name}' finns inte. Mallar som finns: "
        + ", ".join(n.name for n in template_names())
        + "."
    )


def check_unit_template(name: str, text: str) -> str:
    """The text as it will be stored, or ValidationError saying which line is wrong and why."""
    named = _named(name)
    check_text(text, "Mallens text", multiline=True)
    if not text.strip():
        raise ValidationError(
            "Mallens text är tom. Skriv mallens text, eller välj 'Använd standardmallen'."
        )
    if len(text) > MAX_TEMPLATE_LENGTH:
        raise ValidationError(
            f"Mallens text får vara högst {MAX_TEMPLATE_LENGTH} tecken (nu {len(text)})."
        )
    label = unit_template_label(named.file_name)
    if name == APPEAL_PART_NAME:
        fill_part(text, label, {}, temporary_housing=False)
    elif name == PAYERS_NAME:
        parse_payers(text, label)
    else:
        check_template_text(KINDS[name], text, label)
    return text


def standard_text(name: str) -> str:
    named = _named(name)
    return (default_template_folder() / named.file_name).read_text(encoding="utf-8-sig")


def template_versions(db: Database, name: str) -> list[TemplateVersion]:
    """Every version of the unit's text for `name`, newest first."""
    _named(name)
    with db.sessions() as session:
        rows = session.scalars(
            select(LetterTemplate)
            .where(LetterTemplate.name == name)
            .order_by(LetterTemplate.version.desc())
        )
        return [
            TemplateVersion(
                r.name, r.version, r.text, r.active, r.created_by, r.created_at, r.source
            )
            for r in rows
        ]


def template_text(db: Database, name: str) -> tuple[str, int | None]:
    """The text that prints now and its version (None: the standard file's text)."""
    active = next((v for v in template_versions(db, name) if v.active), None)
    if active is not None:
        return active.text, active.version
    return standard_text(name), None


def add_version(uow: UnitOfWork, name: str, text: str, source: SettingSource) -> int:
    """A new active version (the others kept, inactive); returns its number."""
    session = uow.session
    latest = session.scalar(
        select(func.max(LetterTemplate.version)).where(LetterTemplate.name == name)
    )
    _deactivate(uow, name)
    version = (latest or 0) + 1
    session.add(
        LetterTemplate(
            name=name,
            version=version,
            text=text,
            active=True,
            created_by=uow.user,
            source=source,
        )
    )
    uow.audit("change", "letter_templates", None, f"{name} v{version}")
    return version


def _deactivate(uow: UnitOfWork, name: str) -> None:
    # Through the ORM, not an UPDATE statement: the rows flushed are what the ChangeSet reports.
    for row in uow.session.scalars(
        select(LetterTemplate).where(LetterTemplate.name == name, LetterTemplate.active)
    ):
        row.active = False
    uow.session.flush()


_ANY_VERSION = -1


def save_template(
    db: Database,
    name: str,
    text: str,
    *,
    user: str | None = None,
    based_on: int | None = _ANY_VERSION,
) -> int:
    """Save the unit's own text for `name` as a new version that prints from now on.

    `based_on` is the version the editor showed when the administrator began (None: the
    standard text). If another administrator saved in between, nothing is saved: the last
    save must not silently throw away the other one's text. The command line, which reads
    a whole file, saves regardless.
    """
    checked = check_unit_template(name, text)
    with UnitOfWork(db, user) as uow:
        require_administrator(uow)
        if based_on != _ANY_VERSION:
            _refuse_if_saved_since(uow, name, based_on)
        version = add_version(uow, name, checked, SettingSource.EDITED)
        uow.commit()
        return version


def _refuse_if_saved_since(uow: UnitOfWork, name: str, based_on: int | None) -> None:
    active = uow.session.scalar(
        select(LetterTemplate).where(LetterTemplate.name == name, LetterTemplate.active)
    )
    now = active.version if active is not None else None
    if now == based_on:
        return
    if active is not None:
        who = active.created_by or "någon annan"
        saved = f"{who} har sparat version {active.version} av brevmallen"
        changed_by, changed_at = active.created_by, active.created_at
    else:
        saved = "Någon annan har gått tillbaka till standardmallen"
        changed_by, changed_at = None, None
    raise ConflictError(
        f"{saved} medan du skrev. Din text sparades inte men står kvar i rutan: kopiera det "
        "du vill behålla, välj mallen igen för att läsa in det som gäller nu och spara på nytt.",
        changed_by=changed_by,
        changed_at=changed_at,
    )


def restore_template(db: Database, name: str, version: int, *, user: str | None = None) -> int:
    """An older version's text becomes the newest version (so the log tells them apart)."""
    old = next((v for v in template_versions(db, name) if v.version == version), None)
    if old is None:
        raise NotFoundError(f"Version {version} av brevmallen '{name}' finns inte.")
    # A text saved before a check was added must pass it now too.
    checked = check_unit_template(name, old.text)
    with UnitOfWork(db, user) as uow:
        require_administrator(uow)
        new_version = add_version(uow, name, checked, SettingSource.RESTORED)
        uow.commit()
        return new_version


def use_standard_template(db: Database, name: str, *, user: str | None = None) -> ChangeSet:
    """The standard file's text prints again; the unit's versions are kept for the history."""
    _named(name)
    with UnitOfWork(db, user) as uow:
        require_administrator(uow)
        _deactivate(uow, name)
        uow.audit("change", "letter_templates", None, f"{name} standard")
        uow.commit()
        return uow.changes


def carry_over(db: Database, local: Settings | None = None) -> CarriedOver | None:
    """The one-time carry-over of a PC's own settings and template folder into the database.

    Templates are copied when the database has none of the unit's texts yet, each one only if
    it passes the checks it must pass to print; the settings as bobudget.db.unit_settings
    does. Returns what was copied (to tell the user once), None when nothing was.
    """
    local = local if local is not None else load_settings()
    copied: list[str] = []
    refused: list[str] = []
    folder = Path(local.template_folder) if local.template_folder else None
    if folder is not None and folder.is_dir():
        with UnitOfWork(db) as uow:
            if uow.session.scalar(select(LetterTemplate.id).limit(1)) is None:
                for named in template_names():
                    path = folder / named.file_name
                    if not path.is_file():
                        continue
                    try:
                        text = check_unit_template(named.name, path.read_text(encoding="utf-8-sig"))
                    except (OSError, UnicodeDecodeError, DomainError) as error:
                        refused.append(f"{named.file_name}: {error}")
                        continue
                    add_version(uow, named.name, text, SettingSource.CARRIED_OVER)
                    copied.append(named.name)
                uow.commit()
    settings = carry_over_local_settings(db, local)
    if settings is None and not copied and not refused:
        return None
    keys = settings.keys if settings is not None else ()
    refused += settings.refused if settings is not None else ()
    return CarriedOver(keys, tuple(copied), tuple(refused))
