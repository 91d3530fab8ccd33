"""`bobudget admin settings show|set` and `bobudget admin template show|set|history`.

The unit's settings and letter templates as the window's Administration shows them, for
scripted set-up; the same validation, the same administrator check, the same history.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bobudget.cli.common import add_db_option, open_for_command, write_table
from bobudget.db.unit_settings import SETTING_KEYS, set_setting, setting_rows
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.formatting import format_timestamp
from bobudget.letters.unit_templates import (
    save_template,
    template_names,
    template_text,
    template_versions,
)


def add_settings_commands(sub: Any) -> None:
    settings = sub.add_parser(
        "settings",
        help="enhetens inställningar (brevhuvud, vidarebefordringsadress, perioder, mål)",
        description="Inställningar som finns: " + ", ".join(SETTING_KEYS) + ".",
    )
    actions = settings.add_subparsers(
        dest="settings_command", metavar="ÅTGÄRD", parser_class=type(settings)
    )
    actions.required = True
    show = actions.add_parser("show", help="visa varje inställning, vem som ändrade den och när")
    add_db_option(show)
    show.set_defaults(handler=run_settings_show)
    change = actions.add_parser("set", help="ändra en inställning")
    change.add_argument("key", metavar="NYCKEL", help="t.ex. letterhead.municipality")
    change.add_argument("value", metavar="VÄRDE")
    add_db_option(change)
    change.set_defaults(handler=run_settings_set)

    template = sub.add_parser("template", help="enhetens egna brevmallar (text, versioner)")
    kinds = template.add_subparsers(
        dest="template_command", metavar="ÅTGÄRD", parser_class=type(template)
    )
    kinds.required = True
    show_t = kinds.add_parser("show", help="skriv ut den mall som används nu")
    show_t.add_argument("kind", metavar="MALL", help="brevtypen, t.ex. temporary_placement")
    add_db_option(show_t)
    show_t.set_defaults(handler=run_template_show)
    set_t = kinds.add_parser("set", help="spara en ny version av mallen från en fil")
    set_t.add_argument("kind", metavar="MALL")
    set_t.add_argument("--file", required=True, type=Path, metavar="FIL", help="UTF-8-textfil")
    add_db_option(set_t)
    set_t.set_defaults(handler=run_template_set)
    history = kinds.add_parser("history", help="mallens versioner")
    history.add_argument("kind", metavar="MALL")
    add_db_option(history)
    history.set_defaults(handler=run_template_history)


def run_settings_show(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        rows = setting_rows(db)
    finally:
        db.dispose()
    write_table(
        ("Nyckel", "Värde", "Ändrad av", "Ändrad"),
        [
            (
                r.key,
                r.value.replace("\n", ", "),
                r.changed_by or "(standardvärde)",
                format_timestamp(r.changed_at) if r.changed_at else "",
            )
            for r in rows
        ],
    )
    return 0


def run_settings_set(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        changes = set_setting(db, args.key, args.value)
        value = next(r.value for r in setting_rows(db) if r.key == args.key)
    finally:
        db.dispose()
    if not changes:
        print(f"{args.key} var redan {value!r}; ingenting ändrades.")
    else:
        print(f"Sparade {args.key} = {value!r}.")
    return 0


def run_template_show(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        text, version = template_text(db, args.kind)
    finally:
        db.dispose()
    origin = f"enhetens version {version}" if version is not None else "standardmallen"
    print(f"% {args.kind}: {origin}", file=sys.stderr)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def run_template_set(args: argparse.Namespace) -> int:
    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ValidationError(
            f"Filen {args.file} kan inte läsas som UTF-8-text ({error}). Spara den som UTF-8."
        ) from None
    db = open_for_command(args)
    try:
        version = save_template(db, args.kind, text)
    finally:
        db.dispose()
    print(f"Sparade brevmallen {args.kind} som version {version}; nästa brev använder den.")
    return 0


def run_template_history(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        versions = template_versions(db, args.kind)
    finally:
        db.dispose()
    if not versions:
        known = {n.name for n in template_names()}
        if args.kind in known:
            print(f"{args.kind}: enheten har ingen egen text; standardmallen används.")
        return 0
    write_table(
        ("Version", "Används", "Sparad av", "Sparad", "Hur"),
        [
            (
                v.version,
                "ja" if v.active else "",
                v.created_by,
                format_timestamp(v.created_at),
                v.source.label,
            )
            for v in versions
        ],
    )
    return 0
