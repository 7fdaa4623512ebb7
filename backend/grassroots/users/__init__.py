"""Accounts of the people who use the app, and the role grants that set their scope."""
