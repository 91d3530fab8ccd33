"""`python -m ui`: the same as bobudget-gui."""

import sys

from ui.app import main

sys.exit(main())
