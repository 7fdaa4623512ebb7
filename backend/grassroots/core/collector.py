"""Sparing the garbage collector the bulk of a large batch (an import of 100,000 rows).

Each row a batch keeps alive is one more object for every full pass of Python's cyclic
garbage collector to walk, and a full pass holds the interpreter, stalling every request the
server is answering. While a batch is built, the objects alive at each `spare()` are moved
out of the collector's sight (`gc.freeze()`); they are handed back (`gc.unfreeze()`) when the
last batch ends, by which time the batch's own objects are gone."""

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_batches = 0


@contextmanager
def batch() -> Iterator[None]:
    """While this lasts, what is alive at its start and at each `spare()` is hidden from
    the collector."""
    global _batches
    with _lock:
        _batches += 1
        gc.freeze()
    try:
        yield
    finally:
        with _lock:
            _batches -= 1
            if _batches == 0:
                gc.unfreeze()


def spare() -> None:
    """Hide the objects alive now from the collector's passes, when a batch is running."""
    with _lock:
        if _batches:
            gc.freeze()
