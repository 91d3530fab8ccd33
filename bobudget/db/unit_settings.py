"""The unit's settings in the database: read them (with defaults), change them, see their history.

Every PC that opens the database reads the same letterhead, forwarding address, temporary period
and reminder days, Bostad först target and socialjour number from here; the per-user file keeps
only the connection. The reading API:

- `unit_settings(db)` → `UnitSettings` (typed: `.letterhead`, `.temporary_period_months`,
  `.renewal_reminder_days`, `.bostad_forst_target`, `.template_overrides`);
- `bobudget.db.settings_in_use.effective_settings(db, local=None)` → the `Settings` the letter
  engine and the lists take, with the unit's values in place of the file's;
- `setting_value(db, key)` → one key's text; `SETTING_KEYS` lists every key with its label.

Changing: `set_setting(db, key, value, user=…)` (validated, administrators only, every change
kept with who, when, old and new) and `setting_rows` / `setting_history` to show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.db.changes import ChangeSet
from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork, conflict_error
from bobudget.kernel.config import Letterhead, TemplateText
from bobudget.kernel.contact import email_address, phone_number
from bobudget.kernel.errors import DomainError, FieldError, NotFoundError, ValidationError
from bobudget.kernel.periods import DEFAULT_PERIOD_MONTHS, DEFAULT_REMINDER_DAYS
from bobudget.kernel.text_check import check_text
from bobudget.model import LetterTemplate, UnitSetting, UnitSettingChange, User
from bobudget.model.base import utc_now
from bobudget.model.vocab import SettingSource, UserRole

__all__ = [
    "DEFAULT_BOSTAD_FORST_TARGET",
    "SETTING_KEYS",
    "NotAdministratorError",
    "SettingChange",
    "SettingKey",
    "SettingRow",
    "UnitSettings",
    "may_administer",
    "require_administrator",
    "set_setting",
    "set_settings",
    "setting_history",
    "setting_rows",
    "setting_value",
    "unit_settings",
    "user_may_administer",
]

# How many households the unit aims to house through Bostad först (the unit's own goal).
DEFAULT_BOSTAD_FORST_TARGET = 10
MAX_REMINDER_DAYS = 90


def _one_line(limit: int) -> Callable[[str, str], str]:
    def check(value: str, label: str) -> str:
        text = check_text(value.strip(), label)
        if len(text) > limit:
            raise ValidationError(
                f"{label} får vara högst {limit} tecken (nu {len(text)}). Korta texten."
            )
        return text

    return check


def _address(value: str, label: str) -> str:
    # An address is typed on one line with commas, or on several lines; both print as lines.
    text = check_text(value.strip(), label, multiline=True).replace("\t", " ")
    if len(text) > 300:
        raise ValidationError(f"{label} får vara högst 300 tecken (nu {len(text)}). Korta texten.")
    return text


def _phone(value: str, label: str) -> str:
    try:
        return phone_number(check_text(value, label))
    except ValidationError as error:
        raise ValidationError(f"{label}: {error}") from None


def _email(value: str, label: str) -> str:
    try:
        return email_address(check_text(value, label))
    except ValidationError as error:
        raise ValidationError(f"{label}: {error}") from None


def _logo(value: str, label: str) -> str:
    # The letters take PNG or JPEG only: ReportLab cannot place an SVG. The file must be where
    # every PC reaches it (a shared folder); the letter checks it is there when it prints.
    text = _one_line(300)(value, label)
    if text and not text.lower().endswith((".png", ".jpg", ".jpeg")):
        raise ValidationError(
            f"{label}: logotypen ska vara en PNG- eller JPEG-bild (filnamnet slutar på .png, "
            ".jpg eller .jpeg) i en mapp som alla datorer når."
        )
    return text


def _whole(low: int, high: int, unit: str) -> Callable[[str, str], str]:
    def check(value: str, label: str) -> str:
        typed = value.strip()
        if not typed.isdigit() or not low <= int(typed) <= high:
            raise ValidationError(
                f"{label} ska vara ett heltal från {low} till {high} {unit} (du skrev '{typed}')."
            )
        return str(int(typed))

    return check


@dataclass(frozen=True)
class SettingKey:
    key: str
    label: str
    default: str
    check: Callable[[str, str], str]

    def validate(self, value: str) -> str:
        return self.check(value, self.label)


SETTING_KEYS: dict[str, SettingKey] = {
    k.key: k
    for k in (
        SettingKey("letterhead.municipality", "Kommun", "", _one_line(100)),
        SettingKey("letterhead.administration", "Förvaltning", "", _one_line(100)),
        SettingKey("letterhead.unit", "Enhet", "Bo- och budgetenheten", _one_line(100)),
        SettingKey("letterhead.address", "Postadress", "", _address),
        SettingKey("letterhead.phone", "Telefon", "", _phone),
        SettingKey("letterhead.email", "E-post", "", _email),
        SettingKey("letterhead.logo_path", "Logotyp (sökväg)", "", _logo),
        SettingKey(
            "forwarding_address.address", "Skatteverkets vidarebefordringsadress", "", _address
        ),
        SettingKey("socialjouren.phone", "Socialjourens telefon", "", _phone),
        SettingKey(
            "temporary.period_months",
            "Periodlängd för tillfälligt boende",
            str(DEFAULT_PERIOD_MONTHS),
            _whole(1, 12, "månader"),
        ),
        SettingKey(
            "temporary.reminder_days",
            "Påminnelse före periodens slut",
            str(DEFAULT_REMINDER_DAYS),
            _whole(1, MAX_REMINDER_DAYS, "dagar"),
        ),
        SettingKey(
            "bostad_forst.target",
            "Mål för Bostad först (hushåll)",
            str(DEFAULT_BOSTAD_FORST_TARGET),
            _whole(0, 10000, "hushåll"),
        ),
    )
}

# Where each key lives on the Letterhead the letter engine takes.
LETTERHEAD_FIELDS = {
    "letterhead.municipality": "municipality",
    "letterhead.administration": "administration",
    "letterhead.unit": "unit",
    "letterhead.address": "postal_address",
    "letterhead.phone": "phone",
    "letterhead.email": "email",
    "letterhead.logo_path": "logo_path",
    "forwarding_address.address": "forwarding_address",
    "socialjouren.phone": "emergency_phone",
}


@dataclass(frozen=True)
class UnitSettings:
    letterhead: Letterhead
    temporary_period_months: int
    renewal_reminder_days: int
    bostad_forst_target: int
    template_overrides: Mapping[str, TemplateText] = field(default_factory=dict)
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SettingRow:
    key: str
    label: str
    value: str
    changed_by: str  # "" while the default is in force
    changed_at: dt.datetime | None


@dataclass(frozen=True)
class SettingChange:
    key: str
    label: str
    old_value: str
    new_value: str
    changed_by: str
    changed_at: dt.datetime
    source: SettingSource


def _stored(session: Session) -> dict[str, UnitSetting]:
    return {row.key: row for row in session.scalars(select(UnitSetting))}


def read_unit_settings(session: Session) -> UnitSettings:
    stored = _stored(session)
    values = {
        key: (stored[key].value if key in stored else spec.default)
        for key, spec in SETTING_KEYS.items()
    }
    letterhead = Letterhead(**{attr: values[key] for key, attr in LETTERHEAD_FIELDS.items()})
    overrides = {
        row.name: TemplateText(row.version, row.text)
        for row in session.scalars(select(LetterTemplate).where(LetterTemplate.active))
    }
    return UnitSettings(
        letterhead=letterhead,
        temporary_period_months=int(values["temporary.period_months"]),
        renewal_reminder_days=int(values["temporary.reminder_days"]),
        bostad_forst_target=int(values["bostad_forst.target"]),
        template_overrides=overrides,
        values=values,
    )


def unit_settings(db: Database) -> UnitSettings:
    with db.sessions() as session:
        return read_unit_settings(session)


def setting_value(db: Database, key: str) -> str:
    _spec(key)
    return unit_settings(db).values[key]


def setting_rows(db: Database) -> list[SettingRow]:
    """Every key with its value and who last changed it (blank: the default)."""
    with db.sessions() as session:
        stored = _stored(session)
    return [
        SettingRow(
            key,
            spec.label,
            stored[key].value if key in stored else spec.default,
            stored[key].changed_by if key in stored else "",
            stored[key].changed_at if key in stored else None,
        )
        for key, spec in SETTING_KEYS.items()
    ]


def setting_history(db: Database, key: str | None = None) -> list[SettingChange]:
    """Every change, newest first (of one key when given)."""
    query = select(UnitSettingChange).order_by(
        UnitSettingChange.changed_at.desc(), UnitSettingChange.id.desc()
    )
    if key is not None:
        query = query.where(UnitSettingChange.key == key)
    with db.sessions() as session:
        return [
            SettingChange(
                row.key,
                SETTING_KEYS[row.key].label if row.key in SETTING_KEYS else row.key,
                row.old_value,
                row.new_value,
                row.changed_by,
                row.changed_at,
                row.source,
            )
            for row in session.scalars(query)
        ]


def _spec(key: str) -> SettingKey:
    spec = SETTING_KEYS.get(key)
    if spec is None:
        known = ", ".join(SETTING_KEYS)
        raise NotFoundError(f"Inställningen '{key}' finns inte. Inställningar som finns: {known}.")
    return spec


class NotAdministratorError(DomainError):
    """The user may not change the unit's settings; nothing was saved."""


def may_administer(session: Session, username: str, *, is_sqlite: bool) -> bool:
    """An administrator may change the unit's settings. On a local SQLite file (one person's
    own) roles are advisory: a user the file does not list may too."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        return is_sqlite
    # A user may hold several roles (user_roles); users.role is the first of them.
    held = {user.role, *(grant.role for grant in user.roles)}
    return user.active and UserRole.ADMINISTRATOR in held


def require_administrator(uow: UnitOfWork) -> None:
    if not may_administer(uow.session, uow.user, is_sqlite=uow.db.is_sqlite):
        raise NotAdministratorError(
            "Bara en administratör kan ändra enhetens inställningar och brevmallar. Be en "
            "administratör göra ändringen (eller ge dig rollen Systemadministratör)."
        )


def write_setting(uow: UnitOfWork, key: str, value: str, source: SettingSource) -> bool:
    """Store an already validated value and its change row; False when nothing changed."""
    spec = SETTING_KEYS[key]
    row = uow.session.get(UnitSetting, key)
    old = row.value if row is not None else spec.default
    if row is not None and old == value:
        return False
    if row is None and old == value and source != SettingSource.CARRIED_OVER:
        return False
    now = utc_now()
    if row is None:
        row = UnitSetting(key=key)
        uow.session.add(row)
    row.value, row.changed_at, row.changed_by = value, now, uow.user
    uow.session.add(
        UnitSettingChange(
            key=key,
            old_value=old,
            new_value=value,
            changed_at=now,
            changed_by=uow.user,
            source=source,
        )
    )
    return True


def set_settings(
    db: Database,
    values: Mapping[str, str],
    *,
    expected: Mapping[str, str] | None = None,
    user: str | None = None,
) -> ChangeSet:
    """Change several settings at once (a form's save): every value is checked first, and
    every problem is named by its field; nothing is saved unless all of them pass.

    `expected`: each key's value as the form read it. When another administrator has changed
    one of the keys saved since, ConflictError (who, when) and nothing is saved, as for every
    other form; keys this save leaves alone may have changed.
    """
    checked: dict[str, str] = {}
    problems: list[FieldError] = []
    for key, value in values.items():
        spec = _spec(key)
        try:
            checked[key] = spec.validate(value)
        except ValidationError as error:
            problems.append(FieldError(spec.label, str(error)))
    if problems:
        raise ValidationError(field_errors=problems)
    with UnitOfWork(db, user) as uow:
        require_administrator(uow)
        if expected is not None:
            _refuse_changed_since(uow, {k: expected[k] for k in checked if k in expected})
        changed = [k for k, v in checked.items() if write_setting(uow, k, v, SettingSource.EDITED)]
        if changed:
            uow.audit("change", "unit_settings", None, ",".join(changed))
            uow.commit()
        return uow.changes


def _refuse_changed_since(uow: UnitOfWork, expected: Mapping[str, str]) -> None:
    # The rows are locked (PostgreSQL) until the commit, so two saves cannot both pass.
    for key, value in expected.items():
        row = uow.session.get(UnitSetting, key, with_for_update=True)
        current = row.value if row is not None else SETTING_KEYS[key].default
        if current.strip() != value.strip():
            if row is None:
                raise conflict_error(None, None)
            raise conflict_error(row.changed_by, row.changed_at)


def user_may_administer(db: Database, user: str) -> bool:
    """Whether `user` may change the unit's settings (what the window shows before a save)."""
    with db.sessions() as session:
        return may_administer(session, user, is_sqlite=db.is_sqlite)


def set_setting(db: Database, key: str, value: str, *, user: str | None = None) -> ChangeSet:
    """Change one of the unit's settings: validated, an administrator's, kept in the history."""
    spec = _spec(key)
    checked = spec.validate(value)
    with UnitOfWork(db, user) as uow:
        require_administrator(uow)
        if write_setting(uow, key, checked, SettingSource.EDITED):
            uow.audit("change", "unit_settings", None, key)
            uow.commit()
        return uow.changes
