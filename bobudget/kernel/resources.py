"""Where the program's resources (letter templates, checklists) are, however it was installed."""

from __future__ import annotations

import site
import sys
from pathlib import Path


def resource_folder(name: str) -> Path:
    """The folder `resources/<name>`: the first of these that exists.

    A source checkout or editable install: resources/ beside the package. A frozen program:
    resources/ in the bundle. An installed wheel: share/bobudget/<name> under the environment
    (pyproject's data-files), or under the user's base for `pip install --user`.
    """
    candidates = [Path(__file__).resolve().parents[2] / "resources" / name]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources" / name)
    for base in (sys.prefix, site.USER_BASE or ""):
        candidates.append(Path(base) / "share" / "bobudget" / name)
    for folder in candidates:
        if folder.is_dir():
            return folder
    return candidates[0]
