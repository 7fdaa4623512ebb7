"""String constraints for request bodies and queries: trimmed, bounded, free of NUL bytes."""

from pydantic import AfterValidator, StringConstraints

from grassroots.core.validation import ValueProblem


def _no_control_characters(value: str) -> str:
    if any(ord(char) < 32 and char not in "\t\n\r" for char in value):
        raise ValueProblem("control_characters", "must not contain control characters such as NUL")
    return value


NoControlChars = AfterValidator(_no_control_characters)


def bounded(max_length: int, *, min_length: int = 0) -> StringConstraints:
    """A trimmed string of at least `min_length` and at most `max_length` characters."""
    return StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length)
