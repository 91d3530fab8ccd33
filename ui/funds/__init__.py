"""The Egna medel page's parts: input fields, table models, the account view and its dialogs."""
