"""`python -m bobudget` runs the command line."""

import sys

from bobudget.cli import main

sys.exit(main())
