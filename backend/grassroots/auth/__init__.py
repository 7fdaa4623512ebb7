"""Logging in: tokens, refresh-token rotation, throttling, and who the caller is."""
