"""The frozen `bobudget-gui`: PyInstaller needs a script, the program is bobudget_ui.app.main."""

import sys

from bobudget_ui.app import main

if __name__ == "__main__":
    sys.exit(main())
