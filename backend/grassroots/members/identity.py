"""Resident identity numbers (GB 11643-1999): check digit, embedded birth date, masking."""

from datetime import date

from grassroots.core.phone import mask_phone
from grassroots.core.validation import ValueProblem

__all__ = [
    "birth_date_of",
    "check_digit",
    "mask_birth_date",
    "mask_id_number",
    "mask_phone",
    "normalize_id_number",
]

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CODES = "10X98765432"


def check_digit(first_seventeen: str) -> str:
    """The check character for the first 17 digits of an identity number."""
    total = sum(int(digit) * weight for digit, weight in zip(first_seventeen, WEIGHTS, strict=True))
    return CHECK_CODES[total % 11]


def normalize_id_number(value: str) -> str:
    """Return a valid 18-character identity number in canonical form, or raise ValueError."""
    number = value.strip().upper()
    if (
        len(number) != 18
        or not number[:17].isdigit()
        or not (number[17].isdigit() or number[17] == "X")
    ):
        raise ValueProblem(
            "invalid_id_number",
            "an identity number has 17 digits and a final digit or X",
            length=18,
        )
    if check_digit(number[:17]) != number[17]:
        raise ValueProblem(
            "id_number_check_digit_wrong", "the check digit of this identity number is wrong"
        )
    birth_date_of(number)
    return number


def birth_date_of(number: str) -> date:
    """The birth date embedded in an identity number."""
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise ValueProblem(
            "id_number_birth_date_invalid",
            "the birth date inside this identity number does not exist",
        ) from exc


def mask_birth_date(value: date | None) -> str | None:
    """A birth date as shown to whoever may not see it: that there is one, not which."""
    return None if value is None else "****-**-**"


def mask_id_number(number: str | None) -> str | None:
    """Show the region and the last four: 110105********1234. The eight hidden digits are the
    birth date, so no view that shows this mask may show the birth date, or anything that pins
    down one of its digits, such as the birth year or the age."""
    if number is None:
        return None
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
