"""Sparing the garbage collector the bulk of a large batch (an import of 100,000 rows).

Each row a batch keeps alive is one more object for every full pass of Python's cyclic
garbage collector to walk, and a full pass holds the interpreter, stalling every request the
server is answering. While a batch is built, the objects alive at each `spare()` are moved
out of the collector's sight (`gc.freeze()`). When the last batch ends they are handed back
(`gc.unfreeze()`), the batch's garbage is collected, and what is still alive is set aside
again (`settle()`): the server's own start-up objects among it, which a plain `unfreeze()`
gave back to every later full collection (~150 ms each) for the rest of the process's life."""

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
                settle()


def settle() -> None:
    """Collect what is garbage now and set aside every object still alive from the collector's
    passes (start-up's modules, models and routes: ~280,000 objects whose full collection
    stalled every request for ~150 ms, the p99 of the benchmark's reads)."""
    gc.collect()
    gc.freeze()


def spare() -> None:
    """Hide the objects alive now from the collector's passes, when a batch is running."""
    with _lock:
        if _batches:
            gc.freeze()
