"""Administration: the users' accounts (database logins and roles)."""
