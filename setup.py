"""The installed package names; everything else is in pyproject.toml.

The repository keeps its folders `ui/` and `resources/`, but an installed program must not take
the top-level names `ui` and `resources`, which any other package may also use: they are
installed as `bobudget_ui` and `bobudget_resources`. setuptools can rename a folder only through
`package_dir`, and its package finder cannot list the renamed subpackages, so they are listed
here (pyproject.toml cannot compute them).
"""

from setuptools import find_packages, setup

RENAMED = {"bobudget_ui": "ui", "bobudget_resources": "resources"}

packages = [
    *find_packages(include=["bobudget", "bobudget.*"]),
    "bobudget_ui",
    *(f"bobudget_ui.{name}" for name in find_packages(where="ui")),
    "bobudget_resources",
]

setup(packages=packages, package_dir=RENAMED)
