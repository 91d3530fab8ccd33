"""The wheel `pip wheel .` builds: the installed package names are bobudget's own, and the letter
templates, checklists and handbook travel inside it as package data (issue 15)."""

from __future__ import annotations

import configparser
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out)],
        check=True,
        cwd=out,
    )
    (built,) = out.glob("bobudget-*.whl")
    return zipfile.ZipFile(built)


def names(wheel: zipfile.ZipFile) -> set[str]:
    return set(wheel.namelist())


def test_the_window_is_installed_as_bobudget_ui_and_nothing_takes_a_common_name(
    wheel: zipfile.ZipFile,
) -> None:
    tops = {name.split("/", 1)[0] for name in names(wheel)}
    assert {"bobudget", "bobudget_ui", "bobudget_resources"} <= tops
    assert not tops & {"ui", "resources", "tests", "benchmarks", "scripts"}
    # Nothing outside the packages: no share/bobudget data files any more.
    assert not any(".data/" in name for name in names(wheel))
    assert "bobudget_ui/app.py" in names(wheel)
    assert "bobudget_ui/main_window.py" in names(wheel)


def test_every_window_module_of_the_checkout_is_in_the_wheel(wheel: zipfile.ZipFile) -> None:
    expected = {
        "bobudget_ui/" + path.relative_to(ROOT / "ui").as_posix()
        for path in (ROOT / "ui").rglob("*.py")
    }
    assert expected and not expected - names(wheel)


def test_templates_checklists_handbook_and_migrations_are_package_data(
    wheel: zipfile.ZipFile,
) -> None:
    resources = ROOT / "resources"
    expected = {
        "bobudget_resources/" + path.relative_to(resources).as_posix()
        for folder in ("letters", "checklists", "handbook")
        for path in (resources / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert "bobudget_resources/letters/temporary_end.txt" in expected
    assert "bobudget_resources/letters/delar/overklagande.txt" in expected
    assert "bobudget_resources/checklists/startup_default.txt" in expected
    assert not expected - names(wheel)
    assert "bobudget_resources/__init__.py" in names(wheel)
    versions = {
        "bobudget/migrations/versions/" + p.name
        for p in (ROOT / "bobudget" / "migrations" / "versions").glob("*.py")
    }
    assert versions and not versions - names(wheel)
    assert "bobudget/migrations/script.py.mako" in names(wheel)


def test_the_commands_start_bobudget_and_bobudget_ui(wheel: zipfile.ZipFile) -> None:
    (entry_points,) = [n for n in names(wheel) if n.endswith(".dist-info/entry_points.txt")]
    parser = configparser.ConfigParser()
    parser.read_string(wheel.read(entry_points).decode())
    assert dict(parser["console_scripts"]) == {"bobudget": "bobudget.cli:main"}
    assert dict(parser["gui_scripts"]) == {"bobudget-gui": "bobudget_ui.app:main"}


def test_the_installed_wheel_finds_its_templates_outside_the_checkout(
    wheel: zipfile.ZipFile, tmp_path: Path
) -> None:
    # The wheel's own files on sys.path, run from elsewhere: the templates come from the
    # package, not from a resources/ folder beside a checkout.
    target = tmp_path / "site"
    wheel.extractall(target)
    probe = (
        "from bobudget.kernel.resources import resource_folder as f; "
        "import bobudget_ui, bobudget; "
        "print(f('letters')); print((f('letters') / 'offer.txt').is_file()); "
        "print((f('checklists') / 'startup_default.txt').is_file()); print(bobudget_ui.__file__)"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r}); {probe}"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    folder, offer, checklist, window = done.stdout.split("\n")[:4]
    assert Path(folder) == target / "bobudget_resources" / "letters"
    assert offer == checklist == "True"
    assert Path(window).parent == target / "bobudget_ui"
