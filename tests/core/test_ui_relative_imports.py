"""The window's package imports itself relatively, so it can be installed as `bobudget_ui`.

`ui` is a top-level name any other package may also use; the installed program maps the
repository's `ui/` folder to `bobudget_ui` (pyproject), which only works when no module inside
it names `ui` absolutely.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"


def test_no_module_in_ui_imports_ui_by_its_absolute_name() -> None:
    offenders: list[str] = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.startswith("ui.")
                and node.value.count(" ") == 0
                and path.name != "__main__.py"
            ):
                names = [node.value]
            else:
                continue
            for name in names:
                if name == "ui" or name.startswith("ui."):
                    offenders.append(f"{path.relative_to(UI.parent)}:{node.lineno}: {name}")
    assert offenders == []
