"""Keyset pagination: `limit`, an opaque `cursor`, and `Page[T]` bodies.

A cursor is the sort key of the last row of a page, each value written as JSON in the form of
its column's type, behind a tag naming the list and its order. Decoding checks every value
against its column's type and range, so that whatever a client sends back is either a place
in this very list or a 400 `invalid_cursor`, never an error of the database."""

import base64
import binascii
import hashlib
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel
from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Enum,
    Integer,
    Select,
    SmallInteger,
    String,
    Uuid,
    func,
    literal,
    select,
    tuple_,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.types import TypeDecorator, TypeEngine

from grassroots.core.errors import AppError

T = TypeVar("T")
Row = TypeVar("Row")

MAX_LIMIT = 200
MAX_CURSOR_LENGTH = 512


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
    """What a client asks of one page; `list_name` names the endpoint the cursor belongs to."""

    limit: int
    cursor: str | None
    include_total: bool
    list_name: str = ""


async def _page_params(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50,
    cursor: Annotated[
        str | None,
        Query(
            description=f"`next_cursor` of the previous page of the same list, in the same "
            f"order (at most {MAX_CURSOR_LENGTH} characters); anything else is a 400 "
            "`invalid_cursor`."
        ),
    ] = None,
    include_total: Annotated[bool, Query(description="Also count every matching item.")] = False,
) -> PageParams:
    if cursor is not None and len(cursor) > MAX_CURSOR_LENGTH:
        raise InvalidCursor("The cursor is malformed or belongs to another list.")
    route = request.scope.get("route")
    endpoint = getattr(route, "endpoint", None)
    list_name = (
        f"{endpoint.__module__}.{endpoint.__qualname__}"
        if endpoint is not None
        else request.url.path
    )
    return PageParams(limit=limit, cursor=cursor, include_total=include_total, list_name=list_name)


PageDep = Annotated[PageParams, Depends(_page_params)]


# The widest value each integer column holds, so a cursor never asks the database to compare
# with a number it cannot bind.
_INTEGER_BITS = ((SmallInteger, 16), (BigInteger, 64), (Integer, 32))


@dataclass(frozen=True)
class _Codec:
    """How one sort column's values are written into a cursor and read back from it."""

    encode: Callable[[Any], Any]
    decode: Callable[[Any], Any]


def _column_type(column: InstrumentedAttribute[Any]) -> TypeEngine[Any]:
    kind: TypeEngine[Any] = column.type
    while isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    return kind


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _codec(column: InstrumentedAttribute[Any]) -> _Codec:
    """The codec of a sort column, by its type; a type without one is a programming error."""
    kind = _column_type(column)
    if isinstance(kind, Enum):
        allowed = frozenset(kind.enums)

        def decode_enum(value: Any) -> str:
            if _text(value) not in allowed:
                raise ValueError("not a value of this enumeration")
            return str(value)

        return _Codec(lambda value: getattr(value, "value", value), decode_enum)
    if isinstance(kind, String):
        length = kind.length

        def decode_string(value: Any) -> str:
            text = _text(value)
            text.encode("utf-8")  # lone surrogates cannot be bound
            if "\x00" in text or (length is not None and len(text) > length):
                raise ValueError("not a value this column holds")
            return text

        return _Codec(str, decode_string)
    if isinstance(kind, Uuid):
        return _Codec(str, lambda value: uuid.UUID(_text(value)))
    if isinstance(kind, DateTime):
        aware = bool(kind.timezone)
        return _Codec(lambda value: value.isoformat(), lambda value: _instant(value, aware=aware))
    if isinstance(kind, Date):
        return _Codec(
            lambda value: value.isoformat(), lambda value: date.fromisoformat(_text(value))
        )
    if isinstance(kind, Boolean):
        return _Codec(bool, _boolean)
    if isinstance(kind, Integer):
        bits = next(size for base, size in _INTEGER_BITS if isinstance(kind, base))
        return _Codec(int, lambda value: _integer(value, bits))
    raise TypeError(f"no cursor codec for {column} of type {column.type!r}")


def _instant(value: Any, *, aware: bool) -> datetime:
    instant = datetime.fromisoformat(_text(value))
    if (instant.tzinfo is not None) != aware:
        raise ValueError("an instant needs its offset" if aware else "a naive time was expected")
    return instant.astimezone(UTC) if aware else instant


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected a boolean")
    return value


def _integer(value: Any, bits: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("expected an integer")
    if not -(2 ** (bits - 1)) <= value < 2 ** (bits - 1):
        raise ValueError("out of the column's range")
    return value


def _tag(list_name: str, order_by: Sequence[InstrumentedAttribute[Any]], descending: bool) -> str:
    """A short name of one list in one order, so a cursor is not taken for another list's."""
    key = "|".join(
        [list_name, "desc" if descending else "asc", *(str(column) for column in order_by)]
    )
    return hashlib.sha256(key.encode()).hexdigest()[:12]


@lru_cache(maxsize=1024)
def _list_keys(
    list_name: str, order_by: tuple[InstrumentedAttribute[Any], ...], descending: bool
) -> tuple[str, list[_Codec]]:
    """The tag and the column codecs of one list in one order, worked out once."""
    return _tag(list_name, order_by, descending), [_codec(column) for column in order_by]


def cursor_after(
    list_name: str,
    order_by: Sequence[InstrumentedAttribute[Any]],
    values: Sequence[Any],
    *,
    descending: bool = False,
) -> str:
    """The cursor the list `list_name` hands out after a row with these sort values."""
    tag, codecs = _list_keys(list_name, tuple(order_by), descending)
    return encode_cursor(tag, codecs, values)


def encode_cursor(tag: str, codecs: Sequence[_Codec], values: Sequence[Any]) -> str:
    """Encode the sort key of the last row of a page."""
    body = [tag, *(codec.encode(value) for codec, value in zip(codecs, values, strict=True))]
    raw = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, tag: str, codecs: Sequence[_Codec]) -> list[Any]:
    """Decode a cursor of the list `tag` into its sort key, or raise InvalidCursor."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = base64.b64decode(padded.encode("ascii"), altchars=b"-_", validate=True)
        body = json.loads(raw.decode("utf-8"))
        if not isinstance(body, list) or len(body) != len(codecs) + 1 or body[0] != tag:
            raise ValueError("not a cursor of this list in this order")
        return [codec.decode(value) for codec, value in zip(codecs, body[1:], strict=True)]
    except (ValueError, TypeError, OverflowError, binascii.Error, RecursionError) as exc:
        # UnicodeError is a ValueError; OverflowError comes from instants near year 1 or 9999.
        raise InvalidCursor("The cursor is malformed or belongs to another list.") from exc


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
    tag, codecs = _list_keys(params.list_name, tuple(order_by), descending)
    paged = statement
    if params.cursor:
        after = decode_cursor(params.cursor, tag, codecs)
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
        next_cursor = encode_cursor(tag, codecs, [getattr(last, column.key) for column in order_by])
    return Page(items=[to_item(row) for row in rows], next_cursor=next_cursor, total=total)
