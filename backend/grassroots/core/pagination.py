"""Keyset pagination: `limit`, an opaque `cursor`, and `Page[T]` bodies."""

import base64
import binascii
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel
from sqlalchemy import Select, func, literal, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from grassroots.core.errors import AppError

T = TypeVar("T")
Row = TypeVar("Row")

MAX_LIMIT = 200


class InvalidCursor(AppError):
    """The cursor was not produced by this API for this list."""

    status = 400
    code = "invalid_cursor"
    title = "Invalid cursor"


class Page(BaseModel, Generic[T]):
    """One page of a collection; pass `next_cursor` back as `cursor` for the next one."""

    items: list[T]
    next_cursor: str | None
    total: int | None = None


@dataclass(frozen=True)
class PageParams:
    """What a client asks of one page."""

    limit: int
    cursor: str | None
    include_total: bool


def _page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50,
    cursor: Annotated[
        str | None, Query(max_length=512, description="`next_cursor` of the previous page.")
    ] = None,
    include_total: Annotated[bool, Query(description="Also count every matching item.")] = False,
) -> PageParams:
    return PageParams(limit=limit, cursor=cursor, include_total=include_total)


PageDep = Annotated[PageParams, Depends(_page_params)]


def encode_cursor(values: Sequence[Any]) -> str:
    """Encode the sort key of the last row of a page."""
    raw = json.dumps([str(value) for value in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, types: Sequence[type]) -> list[Any]:
    """Decode a cursor into values of the given types, or raise InvalidCursor."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        if not isinstance(values, list) or len(values) != len(types):
            raise ValueError("wrong shape")
        return [_parse(value, kind) for value, kind in zip(values, types, strict=True)]
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidCursor("The cursor is malformed or belongs to another list.") from exc


def _parse(value: Any, kind: type) -> Any:
    if not isinstance(value, str):
        raise TypeError("cursor values are strings")
    if kind is uuid.UUID:
        return uuid.UUID(value)
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is int:
        return int(value)
    return value


async def paginate(
    session: AsyncSession,
    statement: Select[Row],
    *,
    order_by: Sequence[InstrumentedAttribute[Any]],
    params: PageParams,
    to_item: Callable[[Row], T],
    descending: bool = False,
) -> Page[T]:
    """Return one page of `statement`, ordered by `order_by` (unique as a whole), ascending
    unless `descending`."""
    total = None
    if params.include_total:
        count = select(func.count()).select_from(statement.order_by(None).subquery())
        total = (await session.execute(count)).scalar_one()
    paged = statement
    if params.cursor:
        types = [column.type.python_type for column in order_by]
        after = decode_cursor(params.cursor, types)
        bound = [literal(value, column.type) for value, column in zip(after, order_by, strict=True)]
        key, last_seen = tuple_(*order_by), tuple_(*bound)
        paged = paged.where(key < last_seen if descending else key > last_seen)
    ordering = [column.desc() for column in order_by] if descending else list(order_by)
    paged = paged.order_by(*ordering).limit(params.limit + 1)
    rows = list((await session.execute(paged)).scalars().all())
    next_cursor = None
    if len(rows) > params.limit:
        rows = rows[: params.limit]
        last = rows[-1]
        next_cursor = encode_cursor([getattr(last, column.key) for column in order_by])
    return Page(items=[to_item(row) for row in rows], next_cursor=next_cursor, total=total)
