"""Counting the SQL statements an engine runs (the SQL budget test and `make bench` use it)."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine


class StatementCount:
    """The statements seen while counting, in order."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __len__(self) -> int:
        return len(self.statements)


@contextmanager
def counting_statements(engine: AsyncEngine) -> Iterator[StatementCount]:
    """Count every statement sent to the database (a batch sent as one counts once)."""
    count = StatementCount()

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        count.statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", before)
    try:
        yield count
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", before)
