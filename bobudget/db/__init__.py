"""Database adapters: engine and session setup, migrations, passwords from the keyring."""
