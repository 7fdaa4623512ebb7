"""The organization table: a tree kept as a materialized path for range scans."""

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache

from sqlalchemy import (
    ColumnElement,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    and_,
    false,
    or_,
)
from sqlalchemy.orm import InstrumentedAttribute, Mapped, Session, mapped_column, query_expression

from grassroots.core import audit
from grassroots.core.db import Entity, Money, binary_string, enum_column
from grassroots.core.tree import MAX_DEPTH, SEGMENT_LENGTH
from grassroots.organizations.enums import Domain, Flag, Formation, Kind, Tier


class Organization(Entity):
    """A Party organization (党组织) and its profile."""

    __tablename__ = "organization"
    __audit_organization__ = "id"

    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str | None] = mapped_column(String(100))
    code: Mapped[str] = mapped_column(binary_string(64), unique=True)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organization.id"), index=True)
    path: Mapped[str] = mapped_column(binary_string(SEGMENT_LENGTH * MAX_DEPTH), unique=True)
    depth: Mapped[int] = mapped_column(Integer)
    # Loaded with the row where it is shown (service.WITH_CHILD_COUNT), else None.
    child_count: Mapped[int | None] = query_expression()
    kind: Mapped[Kind] = mapped_column(enum_column(Kind))
    tier: Mapped[Tier] = mapped_column(enum_column(Tier))
    domain: Mapped[Domain] = mapped_column(enum_column(Domain))
    formation: Mapped[Formation] = mapped_column(enum_column(Formation))
    flag_weak_and_lax: Mapped[bool] = mapped_column(default=False)
    flag_poverty_village: Mapped[bool] = mapped_column(default=False)
    flag_old_revolutionary_base: Mapped[bool] = mapped_column(default=False)
    flag_ethnic_minority_area: Mapped[bool] = mapped_column(default=False)
    flag_border_area: Mapped[bool] = mapped_column(default=False)
    flag_poor_area: Mapped[bool] = mapped_column(default=False)
    venue_address: Mapped[str | None] = mapped_column(String(300))
    venue_area_m2: Mapped[float | None] = mapped_column(Float)
    annual_funds: Mapped[Decimal | None] = mapped_column(Money)
    founded_on: Mapped[date | None] = mapped_column(Date)
    contact_phone: Mapped[str | None] = mapped_column(String(32))
    households: Mapped[int | None] = mapped_column(Integer)
    population: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str | None] = mapped_column(Text)

    @property
    def flags(self) -> list[Flag]:
        """The flags set on this organization, in declaration order."""
        return [flag for flag, column in _FLAG_COLUMNS if getattr(self, column)]

    @flags.setter
    def flags(self, flags: set[Flag] | list[Flag]) -> None:
        for flag, column in _FLAG_COLUMNS:
            setattr(self, column, flag in flags)

    @property
    def ancestor_ids(self) -> list[uuid.UUID]:
        """Ids of the ancestors, root first, read off the path."""
        segments = self.path.strip("/").split("/")
        return [uuid.UUID(segment) for segment in segments[:-1]]


def audit_place(session: Session, instance: object) -> Organization | None:
    """The organization an audited row belongs to: itself, or the one its column names."""
    if isinstance(instance, Organization):
        return instance
    organization_id = getattr(instance, type(instance).__audit_organization__, None)  # type: ignore[attr-defined]
    if organization_id is None:
        return None
    return session.get(Organization, organization_id)


# Every audited row refers to an organization, so this module is loaded before any is written.
audit.place_of.register(audit_place)


def flag_column(flag: Flag) -> str:
    """The name of the boolean column that holds a flag."""
    return f"flag_{flag.value}"


_FLAG_COLUMNS = tuple((flag, flag_column(flag)) for flag in Flag)


def subtree_bounds(path: str) -> tuple[str, str]:
    """The half-open range [low, high) of paths in the subtree rooted at `path`."""
    # '/' sorts right before '0', so replacing the trailing slash gives the first path after.
    return path, path[:-1] + "0"


PathColumn = ColumnElement[str] | InstrumentedAttribute[str] | InstrumentedAttribute[str | None]


def within_subtree(column: PathColumn, path: str) -> ColumnElement[bool]:
    """The condition that a path column lies in the subtree at `path`, as a range scan."""
    low, high = subtree_bounds(path)
    return and_(column >= low, column < high)


def child_path(parent_path: str, organization_id: uuid.UUID) -> str:
    """The path of a node under a parent path ('' for a root)."""
    return f"{parent_path}{organization_id.hex}/"


def within_any_subtree(column: PathColumn, paths: Sequence[str]) -> ColumnElement[bool]:
    """The condition that a path column lies in any of these subtrees (none: nothing)."""
    return _within_any_subtree(column, tuple(paths))


# A caller's scope is the same few subtrees request after request, and building the condition
# cost ~10% of a list's CPU; a condition is immutable, so one serves every statement using it.
@lru_cache(maxsize=4096)
def _within_any_subtree(column: PathColumn, paths: tuple[str, ...]) -> ColumnElement[bool]:
    return or_(false(), *(within_subtree(column, path) for path in paths))
