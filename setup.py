"""The installed package names; everything else is in pyproject.toml.

The repository keeps its folders `ui/` and `resources/`, but an installed program must not take
the top-level names `ui` and `resources`, which any other package may also use: they are
installed as `bobudget_ui` and `bobudget_resources`. setuptools can rename a folder only through
`package_dir`, and its package finder cannot list the renamed subpackages, so they are listed
here (pyproject.toml cannot compute them).
"""

from pathlib import Path

from setuptools import find_packages, setup

RENAMED = {"bobudget_ui": "ui", "bobudget_resources": "resources"}

# Folders that hold only data (migration scripts, templates, pictures) are listed as packages
# too: setuptools warns about, and will one day drop, data in a folder it was not told about.
DATA_FOLDERS = [
    "bobudget.migrations",
    "bobudget.migrations.versions",
    *(
        "bobudget_resources." + ".".join(folder.relative_to("resources").parts)
        for folder in sorted(Path("resources").rglob("*"))
        if folder.is_dir() and folder.name != "__pycache__"
    ),
]

packages = [
    *find_packages(include=["bobudget", "bobudget.*"]),
    "bobudget_ui",
    *(f"bobudget_ui.{name}" for name in find_packages(where="ui")),
    "bobudget_resources",
    *DATA_FOLDERS,
]

setup(packages=packages, package_dir=RENAMED)
