"""The person card and its edit form: what is shown, what is hidden, and conflicts."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLabel

from bobudget.app.person_card import get_person_card
from bobudget.db.engine import Database
from bobudget.persons.registry import PersonInput, update_person
from ui.persons.card import PersonCardView
from ui.persons.form import IdentityField, PersonFormDialog


@pytest.fixture
def card_view(qtbot, sqlite_db: Database) -> PersonCardView:
    view = PersonCardView(sqlite_db)
    qtbot.addWidget(view)
    view.resize(700, 700)
    view.show()
    return view


def all_label_texts(view: PersonCardView) -> str:
    return "\n".join(label.text() for label in view.findChildren(QLabel) if label.isVisible())


def test_a_protected_persons_card_shows_no_address(card_view: PersonCardView, people) -> None:
    card_view.show_person(people.protected)
    shown = card_view.visible_text() + all_label_texts(card_view)
    assert "Hemliga vägen" not in shown
    assert "Hemby" not in shown
    assert "734 30" not in shown
    assert card_view.protected_badge.isVisible()
    assert card_view.protected_badge.text() == "Skyddade personuppgifter"


def test_a_protected_persons_contract_does_not_say_where_they_live(
    card_view: PersonCardView, sqlite_db: Database, people
) -> None:
    card = get_person_card(sqlite_db, people.oberg)
    update_person(
        sqlite_db,
        card.id,
        card.version,
        PersonInput(card.identity, card.first_name, card.last_name, protected=True),
    )
    card_view.show_person(people.oberg)
    shown = card_view.visible_text()
    assert "Kvarngatan" not in shown
    assert "Vandrarhemmet" not in shown
    kinds_and_places = [row[:2] for row in card_view.contracts_table.cell_texts()]
    assert ["Socialt kontrakt", "Skyddad"] in kinds_and_places


def test_an_ordinary_card_shows_address_and_no_badge(card_view: PersonCardView, people) -> None:
    card_view.show_person(people.plain)
    assert "Storgatan 4\n734 30 Sjövik" in card_view.contact_label.text()
    assert not card_view.protected_badge.isVisible()
    assert card_view.household_table.cell_texts()[0][1:3] == ["Anna Andersson", "Sökande"]


def test_the_card_lists_contracts_and_events_with_iso_dates(
    card_view: PersonCardView, people
) -> None:
    card_view.show_person(people.oberg)
    rows = card_view.contracts_table.cell_texts()
    assert [
        "Socialt kontrakt",
        "Kvarngatan 7",
        "2026-03-01",
        "",
        "7\u00a0123,50\u00a0kr",
        "",
        "–",
    ] in rows
    events = [row[1] for row in card_view.events_table.cell_texts()]
    assert "Förlängning 1 till 2026-05-15" in events
    assert card_view.events_table.cell_texts()[0][0] == "2026-03-01"  # newest first


def test_a_person_removed_meanwhile_leaves_a_plain_message(card_view: PersonCardView) -> None:
    card_view.show_person(999_999)
    assert card_view.card is None
    assert "finns inte" in card_view.empty_label.text()


def form_for(db: Database, person_id: int, qtbot) -> PersonFormDialog:
    dialog = PersonFormDialog.for_edit(db, get_person_card(db, person_id), None)
    qtbot.addWidget(dialog)
    return dialog


def test_the_edit_form_saves_a_change(qtbot, sqlite_db: Database, people) -> None:
    dialog = form_for(sqlite_db, people.plain, qtbot)
    dialog.phone.setText("070-111 22 33")
    dialog.save()
    assert dialog.saved
    assert get_person_card(sqlite_db, people.plain).phone == "070-111 22 33"


def test_a_missing_name_is_shown_in_the_form_which_keeps_what_was_typed(
    qtbot, sqlite_db: Database, people
) -> None:
    dialog = form_for(sqlite_db, people.plain, qtbot)
    dialog.first_name.setText("")
    dialog.phone.setText("070-999 88 77")
    dialog.save()
    assert not dialog.saved
    assert dialog.error_label.text() == "Fyll i förnamn."
    assert dialog.rows.lines[dialog.first_name].text().strip() == "Fyll i förnamn."
    assert dialog.phone.text() == "070-999 88 77"
    assert get_person_card(sqlite_db, people.plain).first_name == "Anna"


def test_a_conflict_is_shown_and_the_other_change_is_kept(
    qtbot, sqlite_db: Database, people, message_boxes
) -> None:
    dialog = form_for(sqlite_db, people.plain, qtbot)
    # Someone else saves the same person while the form is open.
    card = get_person_card(sqlite_db, people.plain)
    other = PersonInput(card.identity, "Anna", "Andersson", phone="08-123 45 67")
    update_person(sqlite_db, card.id, card.version, other, user="kollega")

    dialog.email.setText("anna@example.se")
    message_boxes.answer("Läs in det sparade")
    dialog.save()

    assert len(message_boxes.shown) == 1
    box = message_boxes.shown[0]
    assert "ändrades av kollega" in box.text
    assert "Ändrat av kollega" in box.informative
    assert {"Läs in det sparade", "Spara mina ändringar igen"} <= set(box.buttons)
    # Both versions, field by field: what was typed is not lost.
    assert "E-post:\n    du skrev: anna@example.se\n    sparat nu: (tomt)" in box.detail
    assert "Telefon:\n    du skrev: (tomt)\n    sparat nu: 08-123 45 67" in box.detail
    assert dialog.reload_requested and not dialog.saved
    assert dialog.phone.text() == "08-123 45 67"  # the fields took the saved values
    assert dialog.email.text() == ""
    kept = get_person_card(sqlite_db, people.plain)
    assert kept.phone == "08-123 45 67"
    assert kept.email == ""


def test_going_back_to_the_form_after_a_conflict_keeps_the_typed_values(
    qtbot, sqlite_db: Database, people, message_boxes
) -> None:
    dialog = form_for(sqlite_db, people.plain, qtbot)
    card = get_person_card(sqlite_db, people.plain)
    update_person(
        sqlite_db,
        card.id,
        card.version,
        PersonInput(card.identity, "Anna", "Berg"),
        user="kollega",
    )
    dialog.email.setText("anna@example.se")
    message_boxes.answer("Tillbaka till formuläret")
    dialog.save()
    assert dialog.email.text() == "anna@example.se"
    assert "ändrades av kollega" in dialog.error_label.text()
    assert get_person_card(sqlite_db, people.plain).last_name == "Berg"


def test_the_card_reloads_after_a_conflict(
    qtbot, card_view: PersonCardView, sqlite_db: Database, people, message_boxes, monkeypatch
) -> None:
    card_view.show_person(people.plain)

    def change_behind_the_back_then_save(dialog: PersonFormDialog) -> int:
        card = get_person_card(sqlite_db, people.plain)
        update_person(
            sqlite_db,
            card.id,
            card.version,
            PersonInput(card.identity, "Anna", "Andersson", phone="08-555 12 34"),
            user="kollega",
        )
        dialog.phone.setText("070-123 45 67")
        dialog.save()
        return 0

    monkeypatch.setattr(PersonFormDialog, "exec", change_behind_the_back_then_save)
    message_boxes.answer("Läs in det sparade")
    card_view.edit_button.click()
    assert "Telefon: 08-555 12 34" in card_view.contact_label.text()


def test_the_personnummer_field_says_as_you_type_whether_it_is_valid(qtbot) -> None:
    from bobudget.kernel.identity import demo_identity

    field = IdentityField(today=lambda: dt.date(2026, 11, 27))
    qtbot.addWidget(field)
    good = demo_identity(dt.date(1985, 3, 12), 1).display
    field.edit.setText(good[:-1] + str((int(good[-1]) + 1) % 10))
    assert not field.is_valid()
    assert "kontrollsiffran" in field.hint.text()
    field.edit.setText(good)
    assert field.is_valid()
    assert field.hint.text() == f"✓ Giltigt personnummer: {good}"
