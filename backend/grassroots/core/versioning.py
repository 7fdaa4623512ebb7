"""ETags from resource versions, and the `If-Match` check that guards every write."""

from typing import Annotated

from fastapi import Header
from fastapi.responses import Response
from pydantic import BaseModel

from grassroots.core.errors import EditConflict, PreconditionFailed

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=200,
        description="The `ETag` last read; a stale one is refused with 412.",
    ),
]

# What a write guarded by `If-Match` can answer: a stale ETag, or a change at the same instant.
VERSIONED_WRITE = (PreconditionFailed, EditConflict)


def etag(version: int) -> str:
    """Return the ETag of a resource at a version."""
    return f'"{version}"'


def check_if_match(if_match: str | None, *, version: int) -> None:
    """Raise PreconditionFailed when `If-Match` names neither `*` nor the current version."""
    if if_match is None:
        return
    candidates = [tag.strip().removeprefix("W/") for tag in if_match.split(",")]
    if "*" in candidates or etag(version) in candidates:
        return
    raise PreconditionFailed(
        "This resource was changed by someone else since you loaded it; "
        "reload it, then apply your change again.",
        current_version=version,
    )


def respond_with_etag(
    body: BaseModel, *, version: int, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """A JSON response carrying the resource's ETag."""
    # Pydantic writes the JSON itself, in one pass, instead of a dict for the json module.
    return Response(
        body.model_dump_json(),
        status_code=status_code,
        media_type="application/json",
        headers={"ETag": etag(version), **(headers or {})},
    )
