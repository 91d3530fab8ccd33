"""Backup, restore and the restore drill: SQLite by its online backup API, PostgreSQL by pg_dump."""
