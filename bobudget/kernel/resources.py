"""Where the program's resources (letter templates, checklists, the handbook) are, however it
was installed.

They are the package `bobudget_resources` (the repository's resources/ folder, renamed in
setup.py), so importlib.resources finds them in an installed wheel, an editable install and a
PyInstaller bundle alike (packaging/bobudget.spec collects them as that package's data). A bare
source checkout that was never installed has no such package: there the folder beside
bobudget/ is used.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = "bobudget_resources"


def resources_root() -> Path:
    """The folder holding letters/, checklists/ and handbook/."""
    try:
        root = resources.files(PACKAGE)
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "resources"
    # Installed as files on disk in every supported case (wheel, editable, frozen): callers
    # list folders and hand paths to ReportLab and Qt, which a zipped package could not serve.
    return Path(str(root))


def resource_folder(name: str) -> Path:
    """The folder `resources/<name>`, e.g. "letters", "checklists" or "handbook"."""
    return resources_root() / name
