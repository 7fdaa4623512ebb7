"""Sending one-time codes by SMS, through the provider a setting names.

Providers of SMS in China send verification codes through an approved template with the code
as its parameter, so the interface takes the code, not a free text."""

import logging
from collections import OrderedDict
from typing import Protocol

logger = logging.getLogger("grassroots.sms")


class SmsSender(Protocol):
    """Sends a one-time code to a mobile phone."""

    async def send_code(self, phone: str, code: str) -> None:
        """Send `code` to `phone` (digits only, no country prefix)."""


class LogSmsSender:
    """The development and test provider: writes the code to the log and keeps the last code
    of each phone in memory (for tests), instead of sending anything."""

    KEPT = 1000

    def __init__(self) -> None:
        self._last: OrderedDict[str, str] = OrderedDict()

    async def send_code(self, phone: str, code: str) -> None:
        logger.info("SMS code %s to %s (not sent: SMS_PROVIDER=log)", code, phone)
        self._last[phone] = code
        self._last.move_to_end(phone)
        while len(self._last) > self.KEPT:
            self._last.popitem(last=False)

    def last_code(self, phone: str) -> str | None:
        """The last code 'sent' to a phone."""
        return self._last.get(phone)


PROVIDERS: dict[str, type[LogSmsSender]] = {"log": LogSmsSender}


def make_sms_sender(provider: str) -> SmsSender:
    """The SMS provider named by the SMS_PROVIDER setting."""
    try:
        return PROVIDERS[provider]()
    except KeyError:
        raise ValueError(
            f"unknown SMS_PROVIDER {provider!r}; known: {', '.join(sorted(PROVIDERS))}"
        ) from None
