"""Files that follow the transaction of the rows naming them: a file written in a transaction
is removed unless that transaction commits, and a file removed in one goes only once it has
committed. So a failed request leaves neither a file without its row nor a row without its
file, however the session is used (a request, a job, the command line)."""

import asyncio
import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

log = logging.getLogger("grassroots.files")

_KEY = "files_of_transaction"


@dataclass
class _Pending:
    """What the session's current transaction did to files."""

    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def _pending(session: AsyncSession) -> _Pending:
    pending = session.info.get(_KEY)
    if pending is None:
        pending = session.info[_KEY] = _Pending()
        event.listen(session.sync_session, "after_commit", _committed)
        event.listen(session.sync_session, "after_transaction_end", _ended)
    assert isinstance(pending, _Pending)
    return pending


def _committed(session: Session) -> None:
    pending: _Pending = session.info[_KEY]
    pending.written.clear()
    _unlink(pending.removed)


def _ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None:
        return  # a savepoint: its files follow the outer transaction
    pending: _Pending = session.info[_KEY]
    # Still listed here only when the transaction ended without committing.
    _unlink(pending.written)
    pending.removed.clear()


def _unlink(paths: list[Path]) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            log.warning("could not remove %s", path.name, exc_info=True)
    paths.clear()


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


async def write_file(session: AsyncSession, path: Path, content: bytes) -> None:
    """Write a new file now (off the event loop), removed again unless the session's
    transaction commits."""
    pending = _pending(session)
    pending.written.append(path)
    await asyncio.to_thread(_write, path, content)


def remove_file(session: AsyncSession, path: Path) -> None:
    """Remove a file once the session's transaction commits (and keep it if it does not)."""
    _pending(session).removed.append(path)
