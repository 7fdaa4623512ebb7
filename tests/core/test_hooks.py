"""Hooks: how a lower domain reaches a higher one. Every provider a domain declares is
answered once the app (or the command line) is loaded, so no request finds one missing."""

import subprocess
import sys

import pytest

from grassroots.core.hooks import Event, Provider

FIND_UNANSWERED = """
import importlib, sys
importlib.import_module(sys.argv[1])
from grassroots.core.hooks import Provider
providers = {
    f"{name}.{attribute}": value
    for name, module in list(sys.modules.items()) if name.startswith("grassroots")
    for attribute, value in vars(module).items() if isinstance(value, Provider)
}
print(len(providers), *sorted(name for name, p in providers.items() if not p.registered))
"""


@pytest.mark.parametrize("entry", ["grassroots.main", "grassroots.cli"])
def test_every_provider_is_answered_once_an_entry_point_is_loaded(entry: str):
    # A fresh interpreter: what this test run has imported already must not help.
    result = subprocess.run(
        [sys.executable, "-c", FIND_UNANSWERED, entry], capture_output=True, text=True, check=True
    )
    found, *unanswered = result.stdout.split()
    assert int(found) >= 6  # the walk found the providers at all
    assert unanswered == []


async def test_an_event_calls_each_handler_once_in_order():
    heard: list[str] = []

    async def first(word: str) -> None:
        heard.append(f"first {word}")

    async def second(word: str) -> None:
        heard.append(f"second {word}")

    moved: Event[[str]] = Event("moved")
    await moved("unheard")
    for handler in (first, second, first):
        moved.register(handler)
    await moved("hello")
    assert heard == ["first hello", "second hello"]


def test_a_provider_asked_before_it_is_registered_says_so():
    double: Provider[[int], int] = Provider("double")
    with pytest.raises(RuntimeError, match="double"):
        double(2)
    double.register(lambda n: n * 2)
    assert double.registered and double(2) == 4
