"""Checks shared by request bodies of several domains."""

from collections.abc import Mapping
from typing import Any

from grassroots.core.errors import InvalidRequest


class ValueProblem(ValueError):
    """A value refused with a stable `code` and the `params` that explain it (the allowed
    values, the expected format, the bounds), so that a client can say it in any language."""

    def __init__(self, code: str, message: str, **params: Any):
        super().__init__(message)
        self.code = code
        self.params = params


class FieldCannotBeCleared(InvalidRequest):
    """A partial update set a field that must keep a value to null; `fields` names them."""

    code = "field_cannot_be_cleared"


def refuse_cleared(data: Any, required: tuple[str, ...]) -> Any:
    """Refuse a partial update that sets a required field to null; pass anything else on.
    Used as a `mode="before"` model validator and by services on their dumped changes."""
    if isinstance(data, Mapping):
        nulled = [name for name in required if name in data and data[name] is None]
        if nulled:
            raise FieldCannotBeCleared(
                f"These fields cannot be cleared: {', '.join(nulled)}.", fields=nulled
            )
    return data
