"""The person register in the window: search, the person card, the person form."""
