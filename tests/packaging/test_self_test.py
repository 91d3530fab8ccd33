"""`bobudget self-test` and `bobudget-gui --self-test`, run from the checkout (the frozen build
runs the same code: tests/packaging/test_build_linux.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from bobudget.cli import main
from bobudget.cli import self_test as core
from bobudget.letters.kinds import KINDS
from ui import self_test as window
from ui.app import main as gui_main
from ui.main_window import MainWindow


def test_the_command_line_self_test_prints_every_step_and_a_letter_of_each_kind(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    assert main(["self-test"]) == 0
    out = capsys.readouterr().out
    for step in ("migreras: ok", "hushåll: ok", "varje slag", "funds check): ok"):
        assert step in out, step
    for kind in KINDS:
        assert f"    {kind}: " in out, kind
    assert f"Självtestet lyckades: 4 steg, {len(KINDS)} brev" in out
    # Nothing of the user's was written: the test ran in a folder of its own.
    assert os.environ["BOBUDGET_HOME"] == str(isolated_home)
    assert not isolated_home.exists() or not any(isolated_home.rglob("*.db"))


def test_a_failing_step_is_named_and_the_exit_code_is_not_zero(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("mallen saknas")

    monkeypatch.setattr("bobudget.funds.check.check_funds", broken)
    lines: list[str] = []
    assert core.self_test_exit_code(lines.append) == 1
    text = "\n".join(lines)
    assert "funds check): MISSLYCKADES (RuntimeError: mallen saknas)" in text
    assert "Självtestet misslyckades i steget ”Egna medel kontrolleras (funds check)”" in text
    assert "installera om programmet" in text
    assert "Självtestet lyckades" not in text


def test_the_window_self_test_opens_every_page_offscreen_and_exits_zero(
    qapp: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    assert gui_main(["--self-test"]) == 0
    out = capsys.readouterr().out
    assert "Huvudfönstret: ok" in out and "plattform offscreen" in out
    assert "Självtestet lyckades: 5 steg" in out
    # The window is gone again: nothing left listening for changes in later tests.
    assert not [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)]


def test_without_a_console_the_lines_go_to_a_file_in_the_log_folder(
    monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    monkeypatch.setattr("sys.stdout", None)
    say = window.console_or_file()
    say("[1] något: ok")
    report = isolated_home / "logs" / "selftest.txt"
    assert report.read_text(encoding="utf-8") == "[1] något: ok\n"
