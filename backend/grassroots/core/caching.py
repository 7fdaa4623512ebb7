"""Keeping responses that carry secrets or revealed personal data out of every cache."""

from fastapi import Response

NO_STORE = {"Cache-Control": "no-store"}


async def no_store(response: Response) -> None:
    """A route dependency: no browser or cache on the way may keep this response."""
    response.headers.update(NO_STORE)
