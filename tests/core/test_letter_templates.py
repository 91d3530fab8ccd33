"""Letter templates and the PDF engine without a database: loading, refusing, drawing."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from bobudget.kernel.config import Letterhead, Settings, TemplateText
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.letters.facts import LetterData, LetterRequest, Value
from bobudget.letters.fonts import REGULAR, printable
from bobudget.letters.kinds import KINDS, LEASE_WORDS, TEMPORARY_KINDS, get_kind
from bobudget.letters.output import write_pdf
from bobudget.letters.placeholders import Slot
from bobudget.letters.render import (
    ADDRESS_FIELD,
    PAGE_HEIGHT,
    PreparedLetter,
    RenderCancelled,
    render_pdf,
)
from bobudget.letters.syntax import Heading
from bobudget.letters.templates import (
    TemplateError,
    default_template_folder,
    load_template,
    load_templates,
)

LETTERHEAD = Letterhead(
    municipality="Exempelby kommun",
    administration="Socialförvaltningen",
    unit="Bo- och budgetenheten",
    postal_address="Box 1, 111 11 Exempelby",
    phone="010-123 45 67",
    email="bbe@exempelby.example",
)


def pdf_text(pdf: bytes) -> list[str]:
    """Each page's text, whitespace (also no-break spaces) folded to single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def override(tmp_path: Path, kind: str, text: str) -> Settings:
    """The unit's own text for `kind`, as effective_settings reads it from the database."""
    return Settings(template_overrides={kind: TemplateText(1, text)})


def sample_values(kind_id: str, **given: Value) -> dict[str, Value]:
    """A value for every placeholder of the kind: its name as text, one row for tables."""
    values: dict[str, Value] = {}
    for name, placeholder in get_kind(kind_id).placeholders.items():
        if placeholder.slot is Slot.TEXT:
            values[name] = f"<{name}>"
        elif placeholder.slot is Slot.FLAG:
            values[name] = True
        elif placeholder.slot is Slot.LIST:
            values[name] = (f"{name} ett", f"{name} två")
        else:
            values[name] = (tuple(f"{name}{i}" for i in range(placeholder.columns)),)
    return values | given


def letter(kind_id: str, settings: Settings | None = None, **given: Value) -> PreparedLetter:
    data = LetterData(
        kind=get_kind(kind_id),
        request=LetterRequest(kind_id, 1),
        contract_id=None,
        recipient=("Åsa Öberg", "Ängsvägen 3", "734 31 Sjövik"),
        envelope_note="",
        protected=False,
        reference="SN 2026/0042",
        officer="Gösta Ärlig",
        date=dt.date(2026, 11, 27),
        values=sample_values(kind_id, **given),
    )
    return PreparedLetter(load_template(kind_id, settings or Settings()), data)


def test_every_kind_has_a_template_that_loads_with_known_placeholders() -> None:
    templates = load_templates(KINDS, Settings())
    assert set(templates) == set(KINDS)
    for kind_id, template in templates.items():
        assert template.path == default_template_folder() / f"{kind_id}.txt"
        assert not template.overridden
        assert isinstance(template.blocks[0], Heading), kind_id
        assert template.version.startswith(f"{kind_id}.txt (standard) ")


def test_template_text_never_uses_lease_words_for_temporary_housing() -> None:
    for kind_id in TEMPORARY_KINDS:
        text = (default_template_folder() / f"{kind_id}.txt").read_text(encoding="utf-8")
        for word in LEASE_WORDS:
            assert word not in text.lower(), (kind_id, word)


def test_an_override_wins_for_its_own_file_only(tmp_path: Path) -> None:
    settings = override(tmp_path, "temporary_end", "# Eget avslutsbrev\n\nHej {förnamn}!\n")
    own = load_template("temporary_end", settings)
    assert own.overridden
    assert own.version.startswith("temporary_end.txt (enhetens v1) ")
    assert not load_template("temporary_placement", settings).overridden


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("# Rubrik\n\nHej {förnamn}!\nDin skuld är {hyresskuld}.\n", 4, ["{hyresskuld}"]),
        ("# Rubrik\n\nHej {förnamn\n", 3, ["'{' utan '}'"]),
        ("# Rubrik\n@om regler\nText\n", 2, ["@om regler", "@slut"]),
        ("# Rubrik\n@slut\n", 2, ["@slut"]),
        ("# Rubrik\n@annars\n", 2, ["@annars"]),
        ("# Rubrik\n@skriv ut\n", 2, ["@skriv"]),
        ("# Rubrik\n\n**fet text\n", 3, ["**"]),
        ("# Rubrik\n@lista plats\n", 2, ["{plats}", "@lista"]),
        ("# Rubrik\n@om okänd_sak\n@slut\n", 2, ["{okänd_sak}"]),
        ("#Rubrik\n", 1, ["rubrik"]),
        ("# Rubrik\n| a | b |\n| c |\n", 3, ["kolumner"]),
        ("# Rubrik\nEn emoji ☺ här\n", 2, ["U+263A"]),
        ("# Rubrik\nEn ensam } här\n", 2, ["'}'"]),
    ],
)
def test_a_broken_override_is_refused_naming_file_line_and_placeholder(
    tmp_path: Path, text: str, line: int, words: list[str]
) -> None:
    settings = override(tmp_path, "temporary_placement", text)
    with pytest.raises(TemplateError) as refused:
        load_template("temporary_placement", settings)
    message = str(refused.value)
    assert message.startswith("Brevmallen temporary_placement.txt (enhetens mall)")
    assert f"rad {line}:" in message
    for word in words:
        assert word in message


def test_table_placeholders_need_their_columns(tmp_path: Path) -> None:
    settings = override(
        tmp_path, "managed_funds_statement", "# K\n@tabell transaktioner: Datum | Belopp\n"
    )
    with pytest.raises(TemplateError, match=r"rad 2: @tabell transaktioner har 3 kolumner"):
        load_template("managed_funds_statement", settings)


def test_a_template_folder_in_the_users_file_never_decides_a_letter(tmp_path: Path) -> None:
    # An older PC's folder is read once, by the carry-over into the database; a letter reads
    # the unit's text there, else the standard template, never the folder (issue 13).
    folder = tmp_path / "mallar"
    (folder / "delar").mkdir(parents=True)
    (folder / "temporary_end.txt").write_text("# Egen\n\nHej {förnamn}!\n", encoding="utf-8")
    settings = Settings(template_folder=str(folder))
    template = load_template("temporary_end", settings)
    assert not template.overridden
    assert template.path == default_template_folder() / "temporary_end.txt"
    assert template.version.startswith("temporary_end.txt (standard) ")
    assert load_template("temporary_end", Settings(template_folder=str(tmp_path / "borta")))


def test_an_unknown_kind_is_refused_with_the_list() -> None:
    with pytest.raises(NotFoundError, match=r"Okänd brevtyp 'nonsens'.*temporary_placement"):
        get_kind("nonsens")


def test_the_font_prints_swedish_and_replaces_what_it_lacks() -> None:
    assert printable("Åsa Öberg – “§ 5” é") == "Åsa Öberg – “§ 5” é"
    assert printable("Győző") == "Gyozo"


def test_a_letter_renders_with_embedded_font_metadata_and_page_numbers() -> None:
    long_plan = "Vi träffas varje vecka och går igenom ekonomin. " * 60
    pdf, pages = render_pdf(
        [letter("social_contract", boplan_mål=long_plan)],
        LETTERHEAD,
        title="Hyreskontrakt – socialt kontrakt",
        subject="Hyreskontrakt – socialt kontrakt",
    )
    reader = PdfReader(io.BytesIO(pdf))
    assert pages == [len(reader.pages)] and pages[0] >= 2
    assert reader.metadata is not None
    assert reader.metadata.title == "Hyreskontrakt – socialt kontrakt"
    assert reader.metadata.author == "Bo- och budgetenheten"
    assert reader.metadata.subject == "Hyreskontrakt – socialt kontrakt"
    fonts = {
        str(font.get_object()["/BaseFont"]): font.get_object()
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    # Only the embedded TrueType font: no standard font a reader would have to substitute.
    assert fonts and all("BitstreamVeraSans" in name for name in fonts)
    assert all("/FontFile2" in f["/FontDescriptor"] for f in fonts.values())
    texts = pdf_text(pdf)
    assert f"Sida 1 av {pages[0]}" in texts[0] and f"Sida {pages[0]} av {pages[0]}" in texts[-1]
    assert "Åsa Öberg" in texts[0] and "Ängsvägen 3" in texts[0]
    assert "12 kap. 39 § jordabalken" in " ".join(texts)
    assert "Exempelby kommun" in texts[0] and "2026-11-27" in texts[0]


def test_each_letter_of_a_batch_counts_its_own_pages_and_reports_progress() -> None:
    seen: list[tuple[int, int]] = []
    letters = [letter("temporary_end"), letter("social_contract"), letter("temporary_end")]
    pdf, pages = render_pdf(
        letters, LETTERHEAD, title="t", subject="s", progress=lambda d, t: seen.append((d, t))
    )
    assert pages[0] == pages[2] == 1 and pages[1] >= 2
    texts = pdf_text(pdf)
    assert len(texts) == sum(pages)
    assert "Sida 1 av 1" in texts[0] and "Sida 1 av 1" in texts[-1]
    assert f"Sida 1 av {pages[1]}" in texts[1]
    assert seen[-1] == (3, 3) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_cancelled_batch_stops() -> None:
    with pytest.raises(RenderCancelled, match="avbröts"):
        render_pdf(
            [letter("temporary_end")] * 3,
            LETTERHEAD,
            title="t",
            subject="s",
            cancelled=lambda: True,
        )


def test_a_logo_that_is_not_an_image_is_refused_naming_the_file(tmp_path: Path) -> None:
    fake = tmp_path / "logga.png"
    fake.write_text("det här är ingen bild", encoding="utf-8")
    head = Letterhead(municipality="Exempelby kommun", logo_path=str(fake))
    with pytest.raises(ValidationError, match=f"Logotypen {fake} är ingen bildfil"):
        render_pdf([letter("temporary_end")], head, title="t", subject="s")
    missing = Letterhead(logo_path=str(tmp_path / "borta.png"))
    with pytest.raises(ValidationError, match=r"borta\.png i inställningarna finns inte"):
        render_pdf([letter("temporary_end")], missing, title="t", subject="s")


def test_a_real_logo_is_drawn(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logga.png"
    Image.new("RGB", (300, 100), (0, 90, 160)).save(logo)
    head = Letterhead(municipality="Exempelby kommun", logo_path=str(logo))
    pdf, _ = render_pdf([letter("temporary_end")], head, title="t", subject="s")
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert any(
        x.get_object()["/Subtype"] == "/Image" for x in page["/Resources"]["/XObject"].values()
    )


def test_conditional_blocks_follow_the_data() -> None:
    with_fee = pdf_text(
        render_pdf([letter("temporary_placement")], LETTERHEAD, title="t", subject="s")[0]
    )
    without = pdf_text(
        render_pdf(
            [letter("temporary_placement", egenavgift="")], LETTERHEAD, title="t", subject="s"
        )[0]
    )
    assert "egenavgift på <egenavgift>" in " ".join(with_fee)
    assert "avgift" not in " ".join(without).lower()


def test_a_pdf_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "brev.pdf"
    write_pdf(target, b"%PDF-1.4 hela brevet")
    assert target.read_bytes() == b"%PDF-1.4 hela brevet"
    assert list(tmp_path.iterdir()) == [target]
    with pytest.raises(ValidationError, match="finns inte"):
        write_pdf(tmp_path / "borta" / "brev.pdf", b"%PDF")
    assert list(tmp_path.iterdir()) == [target]


# --- the window envelope ---------------------------------------------------------------------

FORWARDING = ("Skatteverket", "Förmedlingsuppdrag", "Box 2820", "403 20 Göteborg")


def _placed_text(pdf: bytes) -> list[tuple[float, float, str]]:
    """Every piece of text on the first page with where it starts: (x, y) in points from the
    sheet's left and top edges."""
    pieces: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            # Where the text matrix puts the text, in page space (tm × cm, its translation).
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            pieces.append((x, PAGE_HEIGHT - y, " ".join(text.split())))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return pieces


def _in_window(x: float, y_from_top: float) -> bool:
    field = ADDRESS_FIELD
    # A line's baseline lies inside the field when the line shows in the window.
    return (
        field.left - 1 <= x <= field.left + field.width
        and field.top <= y_from_top <= field.top + field.height
    )


def _letter_to(recipient: tuple[str, ...], note: str) -> bytes:
    data = LetterData(
        kind=get_kind("temporary_end"),
        request=LetterRequest("temporary_end", 1),
        contract_id=None,
        recipient=recipient,
        envelope_note=note,
        protected=bool(note),
        reference="SN 2026/0042",
        officer="Gösta Ärlig",
        date=dt.date(2026, 11, 27),
        values=sample_values("temporary_end"),
    )
    template = load_template("temporary_end", Settings())
    return render_pdf([PreparedLetter(template, data)], LETTERHEAD, title="t", subject="s")[0]


def test_the_window_shows_only_the_forwarding_address_for_a_protected_person() -> None:
    note = "Innerkuvert: Märta Lindström, 19840502-0002 (skyddade personuppgifter)"
    pieces = _placed_text(_letter_to(FORWARDING, note))
    inside = [text for x, y, text in pieces if _in_window(x, y)]
    assert inside == list(FORWARDING)
    # The inner-envelope instruction is on the page, left of the window and well clear of it:
    # the window is a little larger than the field, and the sheet moves in the envelope. Once
    # it stood 2 mm under the field, where the window's lower edge could show it.
    note_lines = [(x, y, text) for x, y, text in pieces if not _in_window(x, y)]
    note_lines = [line for line in note_lines if ADDRESS_FIELD.top <= line[1]]
    note_lines = [line for line in note_lines if line[1] <= ADDRESS_FIELD.top + 20 * mm]
    assert " ".join(text for _, _, text in note_lines).startswith("Innerkuvert: Märta")
    for x, _, text in note_lines:
        right = x + stringWidth(text, REGULAR, 7.5)
        assert right <= ADDRESS_FIELD.left - 15 * mm, text


def test_the_window_shows_the_name_and_address_of_an_ordinary_recipient() -> None:
    recipient = ("Åsa Öberg", "Ängsvägen 3", "734 31 Sjövik")
    pieces = _placed_text(_letter_to(recipient, ""))
    assert [text for x, y, text in pieces if _in_window(x, y)] == list(recipient)


def test_the_address_field_fits_a_right_hand_c5_and_c65_window() -> None:
    # 20 mm from the sheet's right edge, 48 mm from its top, 85 × 36 mm (README: Fönsterkuvert).
    assert round((A4[0] - ADDRESS_FIELD.left - ADDRESS_FIELD.width) / mm) == 20
    assert round(ADDRESS_FIELD.top / mm) == 48
    assert (round(ADDRESS_FIELD.width / mm), round(ADDRESS_FIELD.height / mm)) == (85, 36)


# --- lease words in temporary-housing templates (JO 416-2016) --------------------------------


@pytest.mark.parametrize(
    ("line", "word"),
    [
        ("Du är hyresgäst hos oss.", "hyresgäst"),
        ("Hyresavtalet gäller tre månader.", "hyresavtalet"),
        ("Vid uppsägning gäller en månad.", "uppsägning"),
        ("Hyran betalas i förskott.", "hyran"),
        ("Kontraktet skrivs under av båda.", "kontraktet"),
        ("Du har inget besittningsskydd.", "besittningsskydd"),
        ("Ingen deposition behövs.", "deposition"),
        ("Din hyresvärd är kommunen.", "hyresvärd"),
    ],
)
def test_a_temporary_housing_override_with_a_lease_word_is_refused(
    tmp_path: Path, line: str, word: str
) -> None:
    for kind in TEMPORARY_KINDS:
        settings = override(tmp_path, kind, f"# Rubrik\n\nHej {{förnamn}}!\n{line}\n")
        with pytest.raises(TemplateError) as refused:
            load_template(kind, settings)
        message = str(refused.value)
        assert f"{kind}.txt (enhetens mall), rad 4" in message and f"'{word}'" in message, message


def test_lease_words_are_allowed_in_comments_and_in_the_leases_themselves(tmp_path: Path) -> None:
    text = "%% Inget hyresavtal: JO 416-2016.\n# Rubrik\n\nHej {förnamn}!\n"
    assert load_template("temporary_end", override(tmp_path, "temporary_end", text))
    assert load_template("social_contract", Settings())


def test_every_built_in_temporary_template_passes_the_lease_word_check() -> None:
    for kind in TEMPORARY_KINDS:
        assert load_template(kind, Settings()).blocks
