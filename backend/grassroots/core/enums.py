"""Enumerations whose members carry their Chinese and English labels, kept in one place."""

from enum import StrEnum
from typing import Self


class LabeledEnum(StrEnum):
    """A string enumeration; each member is declared as `NAME = "code", "中文", "English"`."""

    zh: str
    en: str

    def __new__(cls, value: str, zh: str = "", en: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.zh = zh
        member.en = en
        return member
