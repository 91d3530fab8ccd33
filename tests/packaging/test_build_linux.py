"""packaging/build-linux for real: freeze, measure, then the frozen program's self-test and
version (issue 15). Takes minutes, so it is marked slow; CI runs it with every other test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bobudget import __version__

ROOT = Path(__file__).resolve().parents[2]


def git_status() -> str:
    return subprocess.run(
        ["git", "status", "--porcelain", "--ignored=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.slow
def test_the_linux_build_freezes_both_programs_and_the_frozen_self_test_passes(
    tmp_path: Path,
) -> None:
    before = git_status()
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    done = subprocess.run(
        [
            str(ROOT / "packaging" / "build-linux"),
            # The environment running the tests has PyInstaller (the test extras) and every
            # dependency: the build uses it instead of making one of its own.
            "--venv",
            sys.prefix,
            "--dist",
            str(tmp_path / "dist"),
            "--work",
            str(tmp_path / "work"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )
    out = done.stdout
    assert done.returncode == 0, out[-4000:] + done.stderr[-4000:]
    frozen = tmp_path / "dist" / "bobudget"
    assert (frozen / "bobudget").is_file() and (frozen / "bobudget-gui").is_file()
    assert "== Fryst storlek: " in out
    assert f"\nbobudget {__version__}\n" in out
    assert "Huvudfönstret: ok" in out and "plattform offscreen" in out
    assert "Självtestet lyckades: 5 steg" in out
    # Package data in the bundle, and the parts of Qt the program does not use left out.
    internal = frozen / "_internal"
    assert (internal / "bobudget_resources" / "letters" / "offer.txt").is_file()
    assert (internal / "bobudget" / "migrations" / "versions").is_dir()
    qt = {path.name for path in internal.rglob("*Qt6*")}
    assert not {name for name in qt if "Qml" in name or "Quick" in name or "WebEngine" in name}
    # Built outside the repository: git sees nothing new.
    assert git_status() == before
