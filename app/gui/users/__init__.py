"""Accounts in the desktop app: the sign-in dialog, user management (Settings → Team) and
controls hidden or disabled by role (docs/ARCHITECTURE.md, "Accounts and permissions")."""
