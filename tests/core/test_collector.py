"""The garbage collector's passes spared start-up's objects, before and after a batch."""

import gc
import weakref

from grassroots.core import collector


class Node:
    """An object in a reference cycle: only a collector pass frees it."""

    def __init__(self) -> None:
        self.itself = self


def test_what_was_set_aside_before_a_batch_stays_set_aside_after_it():
    """An import's end once handed start-up's ~280,000 objects back to every full pass."""
    collector.settle()
    before = gc.get_freeze_count()
    with collector.batch():
        rows = [{"row": index} for index in range(1_000)]
        collector.spare()
        del rows
    assert gc.get_freeze_count() >= before * 0.99


def test_the_garbage_a_batch_set_aside_is_collected_when_it_ends():
    with collector.batch():
        node = Node()
        gone = weakref.ref(node)
        collector.spare()
        del node
        assert gone() is not None  # set aside: no pass frees it while the batch lasts
    assert gone() is None
