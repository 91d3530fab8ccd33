"""The frozen `bobudget` (command line): PyInstaller needs a script; the program is
bobudget.cli.main."""

import sys

from bobudget.cli import main

if __name__ == "__main__":
    sys.exit(main())
