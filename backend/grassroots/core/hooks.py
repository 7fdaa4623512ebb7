"""How a lower domain reaches a higher one without importing it: it declares a hook, and the
higher domain registers its handler when it is imported.

An `Event` tells whoever cares that something happened (an organization moved); nobody
listening is fine. A `Provider` asks for one piece the lower domain cannot do without (where
a grid lies); asking before anyone has registered is a bug, and says so."""

from collections.abc import Awaitable, Callable
from typing import Generic, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class Event(Generic[P]):
    """Something that happened, announced to every registered handler in turn."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._handlers: list[Callable[P, Awaitable[None]]] = []

    def register(self, handler: Callable[P, Awaitable[None]]) -> None:
        """Call `handler` whenever the event happens (once, however often registered)."""
        if handler not in self._handlers:
            self._handlers.append(handler)

    async def __call__(self, *args: P.args, **kwargs: P.kwargs) -> None:
        for handler in self._handlers:
            await handler(*args, **kwargs)


class Provider(Generic[P, R]):
    """One piece of work a higher domain does for a lower one; the last registration wins."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._implementation: Callable[P, R] | None = None

    def register(self, implementation: Callable[P, R]) -> None:
        """Let `implementation` answer from now on."""
        self._implementation = implementation

    @property
    def registered(self) -> bool:
        """Whether an implementation has been registered."""
        return self._implementation is not None

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        if self._implementation is None:
            raise RuntimeError(f"nothing has registered the {self.name} hook")
        return self._implementation(*args, **kwargs)
