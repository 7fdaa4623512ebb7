"""Chinese telephone numbers: validated and written one way on input, masked one way on output."""

import re
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

# A mobile number: 1, then 3-9, then nine digits (GB/T 33247 numbering), optionally after +86.
MOBILE = re.compile(r"(?:\+?86)?(1[3-9]\d{9})")
# A landline: a trunk 0 and area code (010 and 02x have three digits, the rest four), a local
# number of seven or eight digits, and an optional extension after "-", "转" or "ext".
LANDLINE = re.compile(
    r"(0(?:10|2\d|[3-9]\d{2}))-?([1-9]\d{6,7})(?:(?:-|转|ext\.?|x)(\d{1,6}))?", re.IGNORECASE
)
PHONE_FORMS = (
    "a mobile number such as 13812345678, or a landline with its area code such as "
    "0571-87654321 (an extension may follow: 0571-87654321-808)"
)


def normalize_phone(value: str) -> str:
    """A valid Chinese phone number written the house way (13812345678, 0571-87654321-808),
    or PydanticCustomError `phone_invalid`."""
    compact = re.sub(r"[\s()（）]", "", value)
    if match := MOBILE.fullmatch(compact):
        return match[1]
    if match := LANDLINE.fullmatch(compact):
        area, number, extension = match.groups()
        return f"{area}-{number}" + (f"-{extension}" if extension else "")
    raise PydanticCustomError("phone_invalid", "must be " + PHONE_FORMS)


Phone = Annotated[
    str,
    Field(max_length=32, description="A Chinese phone number: " + PHONE_FORMS + "."),
    AfterValidator(normalize_phone),
]


def mask_phone(phone: str | None) -> str | None:
    """Show the first three and the last four characters: 138****1234. Every response, export
    and audit record masks a phone with this one function, so no two views of the same number
    show different digits."""
    if phone is None:
        return None
    if len(phone) < 11:
        # Shorter numbers were stored before phones were validated: hide them whole.
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
