"""Checks shared by request bodies of several domains."""

from typing import Any


def refuse_cleared(data: Any, required: tuple[str, ...]) -> Any:
    """Refuse a partial update that sets a required field to null; pass anything else on."""
    if isinstance(data, dict):
        nulled = [name for name in required if name in data and data[name] is None]
        if nulled:
            raise ValueError(f"these fields cannot be cleared: {', '.join(nulled)}")
    return data
