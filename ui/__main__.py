"""`python -m ui`: the same as bobudget-gui."""

import sys

from .app import main

sys.exit(main())
