"""The template language: its blocks, and the parser that checks a template line by line.

A template is plain UTF-8 text in a small line-based language (resources/letters/README.md
explains it for administrators):

    %% a comment                      # Heading            ## Subheading
    text lines; a blank line ends the paragraph; **bold**; {placeholder}; {{ and }} for braces;
    a line ending in \\ keeps its line break
    - a bullet                        | Label | {value} |  (consecutive rows form one table)
    @om NAME / @om inte NAME … @annars … @slut             (NAME has a value / is empty)
    @lista NAME                       @tabell NAME: Heading | Heading
    @underskrifter: Caption | Caption                      @sidbrytning

Everything is checked when the text is parsed — syntax, every placeholder against the kind's
registry, and that the font can print every character — so a broken template is refused with
its file, line and placeholder before any letter of a batch is rendered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from bobudget.kernel.errors import ValidationError
from bobudget.letters.fonts import is_printable
from bobudget.letters.kinds import LetterKind
from bobudget.letters.placeholders import Slot

# "45 §" and "12 kap." never break over two lines.
_KEEP_TOGETHER = re.compile(r"(\d) (§|kap\.)")
_NAME_RE = re.compile(r"[a-zåäö_][a-zåäö_0-9]*\Z")
_SLOT_WORDS = {
    Slot.TEXT: "en text",
    Slot.FLAG: "ett ja/nej-värde",
    Slot.LIST: "en lista",
    Slot.TABLE: "en tabell",
}
_SLOT_USE = {
    Slot.FLAG: "bara efter @om",
    Slot.LIST: "bara efter @lista eller @om",
    Slot.TABLE: "bara efter @tabell eller @om",
}


class TemplateError(ValidationError):
    """A template that cannot be used; the message names the file and the line."""


@dataclass(frozen=True)
class Ref:
    """A placeholder inside text."""

    name: str


# Inline text, compiled: literal Paragraph markup (already escaped) and placeholder references.
Inline = tuple[str | Ref, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    text: Inline


@dataclass(frozen=True)
class Para:
    text: Inline


@dataclass(frozen=True)
class Bullets:
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class Terms:
    rows: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class ListFrom:
    name: str


@dataclass(frozen=True)
class DataTable:
    name: str
    headers: tuple[Inline, ...]


@dataclass(frozen=True)
class Signatures:
    captions: tuple[Inline, ...]


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Conditional:
    name: str
    negate: bool
    then: tuple[Block, ...]
    otherwise: tuple[Block, ...]


Block = (
    Heading | Para | Bullets | Terms | ListFrom | DataTable | Signatures | PageBreak | Conditional
)


def parse_template(text: str, kind: LetterKind, path: Path) -> tuple[Block, ...]:
    return _Parser(kind, path).parse(text.splitlines())


@dataclass
class _Open:
    """An @om block being read: its blocks so far, and those after @annars once seen."""

    name: str
    negate: bool
    line: int
    then: list[Block] = field(default_factory=list)
    otherwise: list[Block] | None = None

    @property
    def current(self) -> list[Block]:
        return self.then if self.otherwise is None else self.otherwise


class _Parser:
    def __init__(self, kind: LetterKind, path: Path) -> None:
        self.kind = kind
        self.path = path
        self.line = 0

    def error(self, what: str, line: int | None = None) -> TemplateError:
        return TemplateError(f"Brevmallen {self.path}, rad {line or self.line}: {what}")

    def parse(self, lines: list[str]) -> tuple[Block, ...]:
        top: list[Block] = []
        stack: list[_Open] = []  # the @om blocks not yet closed, innermost last
        para: list[tuple[int, str]] = []
        bullets: list[list[tuple[int, str]]] = []
        rows: list[tuple[Inline, ...]] = []

        def target() -> list[Block]:
            return stack[-1].current if stack else top

        def flush() -> None:
            if para:
                target().append(Para(self.paragraph(para)))
                para.clear()
            if bullets:
                target().append(Bullets(tuple(self.paragraph(b) for b in bullets)))
                bullets.clear()
            if rows:
                target().append(Terms(tuple(rows)))
                rows.clear()

        for number, raw in enumerate(lines, start=1):
            self.line = number
            self.check_characters(raw)
            line = raw.strip()
            if line.startswith("%%"):
                continue
            is_bullet = line.startswith("- ")
            is_row = line.startswith("|")
            # Plain text continues the paragraph, or the bullet, above it.
            is_plain = bool(line) and not (is_bullet or is_row or line.startswith(("@", "#")))
            if (rows and not is_row) or (para and not is_plain):
                flush()
            if bullets and not (is_bullet or is_plain):
                flush()
            if not line:
                continue
            if line.startswith("@"):
                self.command(line, stack, target)
            elif line.startswith("#"):
                target().append(self.heading(line))
            elif is_bullet:
                bullets.append([(number, line[2:].strip())])
            elif is_row:
                cells = self.cells(line)
                if rows and len(rows[0]) != len(cells):
                    raise self.error(
                        f"tabellraden har {len(cells)} kolumner men raden före har "
                        f"{len(rows[0])}. Alla rader i en tabell ska ha lika många."
                    )
                rows.append(cells)
            elif bullets:
                bullets[-1].append((number, line))
            else:
                para.append((number, line))
        flush()
        if stack:
            raise self.error(f"@om {stack[-1].name} avslutas aldrig med @slut.", stack[-1].line)
        return tuple(top)

    def command(self, line: str, stack: list[_Open], target: Callable[[], list[Block]]) -> None:
        word, _, rest = line[1:].partition(" ")
        word = word.rstrip(":")
        if word == "om":
            negate = rest.startswith("inte ")
            name = self.name(rest[5:] if negate else rest, "@om")
            stack.append(_Open(name, negate, self.line))
        elif word == "annars":
            if not stack or stack[-1].otherwise is not None:
                raise self.error("@annars utan ett öppet @om före.")
            stack[-1].otherwise = []
        elif word == "slut":
            if not stack:
                raise self.error("@slut utan ett öppet @om före.")
            done = stack.pop()
            target().append(
                Conditional(done.name, done.negate, tuple(done.then), tuple(done.otherwise or ()))
            )
        else:
            target().append(self.directive(word, line))

    def heading(self, line: str) -> Heading:
        level = len(line) - len(line.lstrip("#"))
        if level > 2 or not line[level:].startswith(" "):
            raise self.error(
                "en rubrik skrivs '# Rubrik' eller '## Underrubrik' (mellanslag efter #)."
            )
        return Heading(level, self.inline(line[level:].strip(), self.line))

    def directive(self, word: str, line: str) -> Block:
        rest = line.partition(" ")[2].strip()
        if word == "lista":
            return ListFrom(self.name(rest, "@lista", Slot.LIST))
        if word == "tabell":
            name_part, colon, header_part = rest.partition(":")
            name = self.name(name_part, "@tabell", Slot.TABLE)
            headers = tuple(self.inline(h.strip(), self.line) for h in header_part.split("|"))
            columns = self.kind.placeholders[name].columns
            if not colon or len(headers) != columns:
                raise self.error(
                    f"@tabell {name} har {columns} kolumner: skriv '@tabell {name}: "
                    + " | ".join(f"Rubrik {i + 1}" for i in range(columns))
                    + "'."
                )
            return DataTable(name, headers)
        if word == "underskrifter":
            captions = tuple(self.inline(c.strip(), self.line) for c in rest.split("|"))
            if not rest:
                raise self.error(
                    "@underskrifter behöver minst en text, t.ex. '@underskrifter: "
                    "Hyresvärd | Hyresgäst'."
                )
            return Signatures(captions)
        if word == "sidbrytning":
            return PageBreak()
        raise self.error(
            f"okänt kommando @{word}. Kommandon som finns: @om, @annars, @slut, @lista, "
            "@tabell, @underskrifter, @sidbrytning."
        )

    def name(self, text: str, where: str, slot: Slot | None = None) -> str:
        name = text.strip().removeprefix("{").removesuffix("}")
        if not name:
            raise self.error(f"{where} saknar namnet på en platshållare.")
        placeholder = self.kind.placeholders.get(name)
        if placeholder is None:
            raise self.unknown(name)
        if slot is not None and placeholder.slot is not slot:
            raise self.error(
                f"platshållaren {{{name}}} är {_SLOT_WORDS[placeholder.slot]} och kan inte "
                f"stå efter {where}."
            )
        return name

    def unknown(self, name: str, line: int | None = None) -> TemplateError:
        known = ", ".join(f"{{{n}}}" for n in sorted(self.kind.placeholders))
        return self.error(
            f"okänd platshållare {{{name}}}. Platshållare som finns för "
            f"'{self.kind.name}': {known}.",
            line,
        )

    def cells(self, line: str) -> tuple[Inline, ...]:
        inner = line[1:-1] if line.endswith("|") and len(line) > 1 else line[1:]
        return tuple(self.inline(cell.strip(), self.line) for cell in inner.split("|"))

    def paragraph(self, lines: list[tuple[int, str]]) -> Inline:
        """A paragraph's lines compiled line by line, so an error names its own line."""
        parts: list[str | Ref] = []
        bold = False
        separator = ""
        for number, text in lines:
            parts.append(separator)
            # A line ending in a backslash keeps its line break (signatures, addresses).
            separator = "<br/>" if text.endswith("\\") else " "
            compiled, bold = self.compile(text.removesuffix("\\").rstrip(), number, bold)
            parts.extend(compiled)
        if bold:
            raise self.error("** (fetstil) öppnas men stängs aldrig i stycket.", lines[0][0])
        return tuple(p for p in parts if p)

    def inline(self, text: str, line: int) -> Inline:
        parts, bold = self.compile(text, line, False)
        if bold:
            raise self.error("** (fetstil) öppnas men stängs aldrig på raden.", line)
        return tuple(parts)

    def compile(self, text: str, line: int, bold: bool) -> tuple[list[str | Ref], bool]:
        """Text with {placeholders}, {{ }} and **bold** as markup parts; returns the bold state."""
        parts: list[str | Ref] = []
        literal: list[str] = []

        def cut() -> None:
            if literal:
                parts.append(_KEEP_TOGETHER.sub("\\1\u00a0\\2", escape("".join(literal))))
                literal.clear()

        i = 0
        while i < len(text):
            two = text[i : i + 2]
            if two in ("{{", "}}"):
                literal.append(two[0])
                i += 2
            elif two == "**":
                cut()
                parts.append("</b>" if bold else "<b>")
                bold = not bold
                i += 2
            elif text[i] == "{":
                end = text.find("}", i)
                if end < 0:
                    raise self.error(
                        "'{' utan '}' efter. Skriv en platshållare som {namn}, eller {{ för ett "
                        "klammertecken.",
                        line,
                    )
                name = text[i + 1 : end].strip()
                if not _NAME_RE.match(name):
                    raise self.error(
                        f"'{{{name}}}' är inget giltigt namn på en platshållare (små bokstäver, "
                        "siffror och _).",
                        line,
                    )
                placeholder = self.kind.placeholders.get(name)
                if placeholder is None:
                    raise self.unknown(name, line)
                if placeholder.slot is not Slot.TEXT:
                    raise self.error(
                        f"platshållaren {{{name}}} är {_SLOT_WORDS[placeholder.slot]} och kan "
                        f"stå {_SLOT_USE[placeholder.slot]}, inte inne i text.",
                        line,
                    )
                cut()
                parts.append(Ref(name))
                i = end + 1
            elif text[i] == "}":
                raise self.error("'}' utan '{' före. Skriv }} för ett klammertecken.", line)
            else:
                literal.append(text[i])
                i += 1
        cut()
        return parts, bold

    def check_characters(self, raw: str) -> None:
        for ch in raw:
            if not is_printable(ch):
                raise self.error(
                    f"tecknet '{ch}' (U+{ord(ch):04X}) finns inte i brevens typsnitt och kan "
                    "inte skrivas ut. Byt ut det."
                )
