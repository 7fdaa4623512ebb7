"""Checks shared by request bodies of several domains."""

from typing import Any


class ValueProblem(ValueError):
    """A value refused with a stable `code` and the `params` that explain it (the allowed
    values, the expected format, the bounds), so that a client can say it in any language."""

    def __init__(self, code: str, message: str, **params: Any):
        super().__init__(message)
        self.code = code
        self.params = params


def refuse_cleared(data: Any, required: tuple[str, ...]) -> Any:
    """Refuse a partial update that sets a required field to null; pass anything else on."""
    if isinstance(data, dict):
        nulled = [name for name in required if name in data and data[name] is None]
        if nulled:
            raise ValueError(f"these fields cannot be cleared: {', '.join(nulled)}")
    return data
