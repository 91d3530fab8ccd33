"""Households: members added, a new child, a membership ended, the applicant marked; the
decision's size and the contract letter's "De som bor i lägenheten" follow; the command line."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from bobudget.app.letters import render_letter
from bobudget.cli import main
from bobudget.db.changes import ChangeKind, collect_changes
from bobudget.db.engine import Database
from bobudget.kernel.config import Letterhead, Settings
from bobudget.kernel.errors import ConflictError, ValidationError
from bobudget.kernel.identity import demo_identity
from bobudget.letters.facts import LetterRequest
from bobudget.model import AuditEntry, Person, User
from bobudget.model.vocab import HouseholdRole, IdentityKind
from bobudget.persons.households import (
    NewChild,
    add_child,
    add_member,
    end_membership,
    get_household,
    make_applicant,
)
from bobudget.placement.decisions import get_decision, register_decision
from bobudget.placement.queue import QueueFilter, queue_rows
from tests.db import placement_data
from tests.db.follow_up_helpers import TODAY, USER, make_person, tenant

SETTINGS = Settings(
    letterhead=Letterhead(
        municipality="Exempelby kommun",
        unit="Bo- och budgetenheten",
        postal_address="Box 1, 111 11 Exempelby",
        phone="010-123 45 67",
    )
)


def pdf_text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def _household(db: Database, person_id: int, day: dt.date = TODAY):  # type: ignore[no-untyped-def]
    return get_household(db, person_id, day)


def test_a_family_is_registered_and_changes_over_time(db: Database) -> None:
    karin = make_person(db, "Karin", "Öberg", serial=1)
    omar = make_person(db, "Omar", "Öberg", serial=2)
    hh = _household(db, karin)
    assert [(m.name, m.role) for m in hh.members] == [("Karin Öberg", HouseholdRole.APPLICANT)]
    assert hh.size.text == "1 vuxen"

    add_member(db, hh.id, hh.version, omar, HouseholdRole.CO_APPLICANT, TODAY, USER, TODAY)
    hh = _household(db, karin)
    child_id = add_child(
        db, hh.id, hh.version, NewChild("Ali", "Öberg", dt.date(2015, 4, 2)), USER, TODAY
    )
    hh = _household(db, karin)
    ali = next(m for m in hh.members if m.person_id == child_id)
    assert ali.identity.startswith("R") and ali.birth_date == dt.date(2015, 4, 2)
    assert ali.role == HouseholdRole.CHILD and ali.from_date == TODAY
    with_number = demo_identity(dt.date(2019, 9, 9), 3).display
    add_child(db, hh.id, hh.version, NewChild("Sara", "Öberg", None, with_number), USER, TODAY)
    hh = _household(db, karin)
    assert hh.size.text == "2 vuxna, 2 barn"
    with db.sessions() as s:
        sara = s.scalar(select(Person).where(Person.first_name == "Sara"))
        assert sara is not None and sara.identity_kind == IdentityKind.PERSONNUMMER
        assert sara.birth_date is None  # the number carries it

    # Omar moves out at the end of the year; Karin's household is then one adult, two children.
    omar_row = next(m for m in hh.members if m.person_id == omar)
    end_membership(db, omar_row.id, omar_row.version, dt.date(2026, 12, 31), USER, TODAY)
    assert _household(db, karin).size.text == "2 vuxna, 2 barn"
    after = _household(db, karin, dt.date(2027, 1, 1))
    assert after.size.text == "1 vuxen, 2 barn"
    assert [m.name for m in after.members][-1] == "Omar Öberg"  # former members last
    with db.sessions() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "household"))
        assert sorted(actions) == ["add_member"] * 3 + ["end_member"]


def test_refusals_leave_the_household_as_it_was(db: Database) -> None:
    karin = make_person(db, "Karin", "Öberg", serial=1)
    hh = _household(db, karin)
    me = hh.members[0]
    with pytest.raises(ValidationError, match="Karin Öberg bor redan i hushållet"):
        add_member(db, hh.id, hh.version, karin, HouseholdRole.OTHER, TODAY, USER, TODAY)
    with pytest.raises(ValidationError, match="redan en sökande"):
        other = make_person(db, "Per", "Persson", serial=4)
        add_member(db, hh.id, hh.version, other, HouseholdRole.APPLICANT, TODAY, USER, TODAY)
    with pytest.raises(ValidationError, match="är hushållets sökande"):
        end_membership(db, me.id, me.version, TODAY, USER, TODAY)
    with pytest.raises(ValidationError, match="ligger i framtiden"):
        add_child(db, hh.id, hh.version, NewChild("A", "B", TODAY + dt.timedelta(1)), USER, TODAY)
    with pytest.raises(ValidationError, match="är 20 år, inte ett barn"):
        add_child(db, hh.id, hh.version, NewChild("A", "B", dt.date(2006, 1, 1)), USER, TODAY)
    with pytest.raises(ValidationError, match="födelsedatum"):
        add_child(db, hh.id, hh.version, NewChild("A", "B", None), USER, TODAY)
    wrong = NewChild("A", "B", dt.date(2019, 9, 10), demo_identity(dt.date(2019, 9, 9), 3).display)
    with pytest.raises(ValidationError, match="stämmer inte med personnumret"):
        add_child(db, hh.id, hh.version, wrong, USER, TODAY)
    assert _household(db, karin) == hh

    # A colleague added a child meanwhile: the household's version refuses the second save.
    add_child(db, hh.id, hh.version, NewChild("Ali", "Öberg", dt.date(2015, 4, 2)), USER, TODAY)
    with pytest.raises(ConflictError):
        add_child(db, hh.id, hh.version, NewChild("Ida", "Öberg", dt.date(2016, 4, 2)), USER, TODAY)
    hh = _household(db, karin)
    ali = hh.members[1]
    with pytest.raises(ValidationError, match="är ett barn och kan inte vara"):
        make_applicant(db, ali.id, ali.version, USER, TODAY)
    with pytest.raises(ValidationError, match="före inflyttningen"):
        end_membership(db, ali.id, ali.version, TODAY - dt.timedelta(1), USER, TODAY)


def test_the_applicant_changes_hands(db: Database) -> None:
    karin = make_person(db, "Karin", "Öberg", serial=1)
    omar = make_person(db, "Omar", "Öberg", serial=2)
    hh = _household(db, karin)
    add_member(db, hh.id, hh.version, omar, HouseholdRole.CO_APPLICANT, TODAY, USER, TODAY)
    omar_row = next(m for m in _household(db, karin).members if m.person_id == omar)
    with collect_changes() as changes:
        make_applicant(db, omar_row.id, omar_row.version, USER, TODAY)
    # The change reaches both members' cards on the one signal.
    assert changes.changes.touches(ChangeKind.PERSONS)
    assert changes.changes.affects_person(karin) and changes.changes.affects_person(omar)
    roles = {m.name: m.role for m in _household(db, karin).members}
    assert roles == {
        "Omar Öberg": HouseholdRole.APPLICANT,
        "Karin Öberg": HouseholdRole.CO_APPLICANT,
    }


def test_the_decisions_size_comes_from_the_members(db: Database) -> None:
    karin = placement_data.person(db, "Karin", "Öberg")
    decision_id = placement_data.decision(db, karin, need_rooms=3, need_adults=1, need_children=2)
    assert get_decision(db, decision_id).needs.startswith("1 vuxen, 2 barn, 3 rum")
    # A new child changes the waiting decision at once: the queue says so.
    hh = _household(db, karin)
    add_child(db, hh.id, hh.version, NewChild("Ny", "Öberg", dt.date(2026, 11, 1)), USER, TODAY)
    assert get_decision(db, decision_id).data.need_children == 3
    row = queue_rows(db, QueueFilter(), TODAY)[0]
    assert row.needs.startswith("1 vuxen, 3 barn, 3 rum")
    # What a form or a caller gives is not what counts: the members are.
    other = placement_data.person(db, "Per", "Persson")
    data = placement_data.DecisionInput(other, "housing", TODAY, "Eva", "SN 9", need_children=4)
    assert get_decision(db, register_decision(db, data, today=TODAY)).needs == "1 vuxen"


def test_the_contract_letter_lists_who_lives_there(db: Database) -> None:
    t = tenant(db, dt.date(2026, 12, 1), first="Karin", last="Öberg")
    omar = make_person(db, "Omar", "Öberg", serial=2)
    hh = _household(db, t.person_id)
    add_member(db, hh.id, hh.version, omar, HouseholdRole.CO_APPLICANT, TODAY, USER, TODAY)
    hh = _household(db, t.person_id)
    add_child(db, hh.id, hh.version, NewChild("Ali", "Öberg", dt.date(2015, 4, 2)), USER, TODAY)
    gone = make_person(db, "Gustav", "Gammal", serial=5)
    hh = _household(db, t.person_id)
    add_member(db, hh.id, hh.version, gone, HouseholdRole.OTHER, dt.date(2026, 1, 1), USER, TODAY)
    row = next(m for m in _household(db, t.person_id).members if m.person_id == gone)
    end_membership(db, row.id, row.version, dt.date(2026, 11, 30), USER, TODAY)

    with db.sessions() as s:  # the officer who signs: a user with a name and a phone
        s.add(User(username="anna", full_name="Anna Ärlig", phone="010-123 45 99"))
        s.commit()
    request = LetterRequest("social_contract", t.person_id)
    letter = render_letter(db, SETTINGS, request, user="anna", today=TODAY)
    text = pdf_text(letter.pdf)
    assert (
        "De som bor i lägenheten Karin Öberg, Omar Öberg (medsökande), "
        "Ali Öberg (barn, född 2 april 2015)"
    ) in text
    assert "Gustav" not in text  # moved out before the contract starts


def test_command_line(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    karin = make_person(db, "Karin", "Öberg", serial=1)
    make_person(db, "Omar", "Öberg", serial=2)
    url = db.url.render_as_string(hide_password=False)
    pnr = demo_identity(dt.date(1985, 3, 12), 1).display
    omar = demo_identity(dt.date(1985, 3, 12), 2).display
    base = ["household", "--db", url]
    assert main([*base[:1], "add", *base[1:], "--person", pnr, "--member", omar,
                 "--role", "co_applicant"]) == 0  # fmt: skip
    assert "Hushållet: 2 vuxna." in capsys.readouterr().out
    assert main(["household", "add-child", "--db", url, "--person", pnr, "--first-name", "Ali",
                 "--last-name", "Öberg", "--birth", "2015-04-02"]) == 0  # fmt: skip
    assert "Hushållet: 2 vuxna, 1 barn." in capsys.readouterr().out
    assert main(["household", "list", "--db", url, "--person", pnr, "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "roll;personnummer;namn;fodd;fran;till;bor_dar"
    assert out[1].startswith(f"Sökande;{pnr};Karin Öberg;1985-03-12")
    assert out[3].startswith("Barn;R") and "Ali Öberg;2015-04-02" in out[3]
    assert main(["household", "end", "--db", url, "--person", pnr, "--member", omar,
                 "--date", "2026-02-31"]) == 1  # fmt: skip
    assert "31 februari 2026 finns inte" in capsys.readouterr().err
    assert main(["household", "applicant", "--db", url, "--person", pnr, "--member", omar]) == 0
    assert main(["household", "end", "--db", url, "--person", pnr, "--member", pnr,
                 "--date", "2026-12-31"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["household", "list", "--db", url, "--person", omar, "--date", "2027-01-01"]) == 0
    listed = capsys.readouterr().out
    assert "Hushållet 2027-01-01: 1 vuxen, 1 barn." in listed
    assert karin
