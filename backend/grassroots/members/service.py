"""The rules of members: scope (own organization or registered community), masking and
audited reveal, identity numbers, positions, transfers, and leadership counts."""

import math
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, aliased

from grassroots.core import audit
from grassroots.core.audit import AuditEvent
from grassroots.core.crypto import cipher
from grassroots.core.db import keep_on_failure, utcnow
from grassroots.core.errors import (
    ConflictError,
    Forbidden,
    InvalidRequest,
    NotFoundError,
    TooManyRequests,
)
from grassroots.core.hooks import Provider
from grassroots.core.localtime import local_today
from grassroots.core.security import Permission, Principal
from grassroots.core.versioning import check_if_match
from grassroots.members.enums import MemberStatus, Position
from grassroots.members.identity import birth_date_of, mask_id_number, mask_phone
from grassroots.members.models import Member, MemberPosition, MemberTransfer
from grassroots.members.schemas import (
    MemberCreate,
    MemberRead,
    MemberTransferCreate,
    MemberUpdate,
    PositionIn,
    PositionRead,
)
from grassroots.organizations import service as org_service
from grassroots.organizations.enums import Kind
from grassroots.organizations.models import Organization, within_any_subtree

# The volunteering domain, which keeps the hours, says whether a member served verified hours
# in the months of a period; it registers this when imported.
served_verified_hours: Provider[
    [InstrumentedAttribute[uuid.UUID], date, date], ColumnElement[bool]
] = Provider("served verified hours")
READ = Permission.MEMBERS_READ
WRITE = Permission.MEMBERS_WRITE
REVEAL = Permission.MEMBERS_REVEAL
REVEALABLE = ("phone", "id_number", "birth_date")
# Revealing a field reveals whatever can be read off it: an identity number holds the birth date.
IMPLIED = {"id_number": ("birth_date",)}
ORDER = (Member.name, Member.id)
Residence = aliased(Organization, name="residence")
# An identity number that matches a member the caller cannot see tells them something about a
# stranger: each such match is audited, and a caller is allowed ID_PROBE_LIMIT of them within
# ID_PROBE_WINDOW (counted from the audit trail itself, so every server process agrees).
ID_PROBE_ACTION = "match_id_number"
ID_PROBE_LIMIT = 10
ID_PROBE_WINDOW = timedelta(hours=1)


class MemberNotFound(NotFoundError):
    """No member with this id is visible to the caller."""

    code = "member_not_found"


class MemberNotYours(Forbidden):
    """The caller sees the member only because the member registered at a community of theirs:
    changes stay with the member's own organization."""

    code = "member_not_yours"


class IdNumberTaken(ConflictError):
    """Another member already has this identity number."""

    code = "member_id_number_taken"


class IdNumberChecksThrottled(TooManyRequests):
    """Too many identity numbers given by this caller matched members outside their scope."""

    code = "member_id_number_checks_throttled"


class IdNumberBirthDateMismatch(InvalidRequest):
    """The birth date differs from the one inside the identity number."""

    code = "member_birth_date_mismatch"


class MemberOrganizationNotFound(InvalidRequest):
    """An organization named in the body does not exist or is outside the caller's scope."""

    code = "organization_not_found"


class AlreadyInOrganization(InvalidRequest):
    """A transfer to the organization the member already belongs to."""

    code = "member_already_in_organization"


class FieldNotRevealable(InvalidRequest):
    """`reveal` names a field that is never shown unmasked."""

    code = "member_field_not_revealable"


class NoHoursPeriodIncomplete(InvalidRequest):
    """Only one end of the no-verified-hours period was given."""

    code = "member_no_hours_period_incomplete"


class MemberNotEmpty(ConflictError):
    """A member with service records or an account cannot be deleted."""

    code = "member_not_empty"


@dataclass(frozen=True)
class MemberFilter:
    """Filters of the member list."""

    within_path: str | None = None
    status: MemberStatus | None = None
    position: Position | None = None
    is_migrant: bool | None = None
    is_in_service: bool | None = None
    q: str | None = None
    no_hours_from: date | None = None
    no_hours_to: date | None = None


def active_position() -> ColumnElement[bool]:
    """Positions not ended yet."""
    return or_(MemberPosition.ended_on.is_(None), MemberPosition.ended_on >= local_today())


def _residence_in(paths: list[str]) -> ColumnElement[bool]:
    """Members registered at a community within any of these subtrees."""
    return within_any_subtree(Residence.path, paths)


def list_members(principal: Principal, *, filters: MemberFilter) -> Select[Member]:
    """Build the query of the members the caller may see, filtered."""
    statement = (
        select(Member)
        .join(Organization, Organization.id == Member.organization_id)
        .outerjoin(Residence, Residence.id == Member.residence_organization_id)
    )
    paths = principal.paths_for(READ)
    if paths is not None:
        own = [Member.id == principal.member_id] if principal.member_id else []
        statement = statement.where(
            or_(org_service.in_any_subtree(paths), _residence_in(paths), *own)
        )
    if filters.within_path is not None:
        statement = statement.where(
            or_(org_service.in_subtree(filters.within_path), _residence_in([filters.within_path]))
        )
    if filters.status is not None:
        statement = statement.where(Member.status == filters.status)
    if filters.is_migrant is not None:
        statement = statement.where(Member.is_migrant.is_(filters.is_migrant))
    if filters.is_in_service is not None:
        statement = statement.where(Member.is_in_service.is_(filters.is_in_service))
    if filters.position is not None:
        statement = statement.where(
            exists().where(
                MemberPosition.member_id == Member.id,
                MemberPosition.position == filters.position,
                active_position(),
            )
        )
    if filters.q:
        statement = statement.where(_matches(filters.q))
    if filters.no_hours_from is not None and filters.no_hours_to is not None:
        statement = statement.where(
            ~served_verified_hours(Member.id, filters.no_hours_from, filters.no_hours_to)
        )
    return statement


def _matches(q: str) -> ColumnElement[bool]:
    """A name containing the text, or exactly this identity number (by its keyed hash)."""
    by_name = Member.name.ilike(f"%{org_service.escape_like(q)}%", escape="\\")
    if len(q) == 18:
        return or_(by_name, Member.id_number_hash == cipher().lookup_hash(q.upper()))
    return by_name


async def get_member(
    session: AsyncSession,
    principal: Principal,
    member_id: uuid.UUID,
    *,
    permission: Permission = READ,
) -> Member:
    """Load a member the caller may see (and act on with `permission`). The community an
    in-service member registered at (双报到) may read them; anything more is for the member's
    own organization."""
    member = await session.get(Member, member_id)
    missing = MemberNotFound(f"Member {member_id} does not exist.")
    if member is None:
        raise missing
    home, residence = await _organizations_of(session, member)
    paths = [org.path for org in (home, residence) if org is not None]
    if permission is READ and principal.member_id == member.id:
        return member
    if not any(principal.can(READ, path) for path in paths):
        audit.record_refusal(
            session, principal, entity_type="member", entity_id=member_id, organization=home
        )
        raise missing
    if permission is READ or (home is not None and principal.can(permission, home.path)):
        return member
    audit.record_refusal(
        session, principal, entity_type="member", entity_id=member_id, organization=home
    )
    if residence is not None and principal.can(permission, residence.path):
        raise MemberNotYours(
            "This member belongs to another organization and is only registered at yours; "
            "that organization keeps their record."
        )
    raise Forbidden("Your role does not allow this on this member.")


async def _organizations_of(
    session: AsyncSession, member: Member
) -> tuple[Organization | None, Organization | None]:
    home = await session.get(Organization, member.organization_id)
    residence = None
    if member.residence_organization_id is not None:
        residence = await session.get(Organization, member.residence_organization_id)
    return home, residence


async def _organization_to_write(
    session: AsyncSession,
    principal: Principal,
    organization_id: uuid.UUID,
    *,
    permission: Permission = WRITE,
) -> Organization:
    organization = await session.get(Organization, organization_id)
    if organization is None or not principal.can(permission, organization.path):
        raise MemberOrganizationNotFound(
            f"Organization {organization_id} does not exist or is outside your scope."
        )
    return organization


async def _residence(
    session: AsyncSession, organization_id: uuid.UUID | None
) -> Organization | None:
    """The community named as residence: any existing organization, scope aside, since a
    member registers where they live, which is often outside their own organization's tree."""
    if organization_id is None:
        return None
    organization = await session.get(Organization, organization_id)
    if organization is None:
        raise MemberOrganizationNotFound(f"Organization {organization_id} does not exist.")
    return organization


def apply_identity(member: Member) -> None:
    """Derive the lookup hash and birth date from the identity number, refusing a mismatch."""
    if member.id_number is None:
        member.id_number_hash = None
        return
    member.id_number_hash = cipher().lookup_hash(member.id_number)
    embedded = birth_date_of(member.id_number)
    if member.birth_date is None:
        member.birth_date = embedded
    elif member.birth_date != embedded:
        raise IdNumberBirthDateMismatch(
            "The birth date differs from the one inside the identity number."
        )


@dataclass(frozen=True)
class IdentityHolder:
    """The member holding an identity number, and whether the caller may see them."""

    member_id: uuid.UUID
    organization: Organization
    visible: bool


async def identity_holders(
    session: AsyncSession, principal: Principal, hashes: Collection[str]
) -> dict[str, IdentityHolder]:
    """The members holding these identity-number hashes, by hash, in one statement."""
    if not hashes:
        return {}
    rows = await session.execute(
        select(Member.id_number_hash, Member.id, Organization, Residence.path)
        .join(Organization, Organization.id == Member.organization_id)
        .outerjoin(Residence, Residence.id == Member.residence_organization_id)
        .where(Member.id_number_hash.in_(list(hashes)))
    )
    holders: dict[str, IdentityHolder] = {}
    for hashed, member_id, organization, residence_path in rows:
        assert hashed is not None  # matched by it
        paths = [organization.path, *([residence_path] if residence_path else [])]
        visible = member_id == principal.member_id or any(
            principal.can(READ, path) for path in paths
        )
        holders[hashed] = IdentityHolder(member_id, organization, visible)
    return holders


async def id_probe_wait(session: AsyncSession, principal: Principal) -> tuple[int, int | None]:
    """How many of the caller's identity numbers matched members outside their scope within
    the window (up to the limit), and, at the limit, the seconds until one more may be checked."""
    since = utcnow() - ID_PROBE_WINDOW
    recent = list(
        await session.scalars(
            select(AuditEvent.occurred_at)
            .where(
                AuditEvent.actor_id == principal.id,
                AuditEvent.action == ID_PROBE_ACTION,
                AuditEvent.occurred_at >= since,
            )
            .order_by(AuditEvent.occurred_at.desc())
            .limit(ID_PROBE_LIMIT)
        )
    )
    if len(recent) < ID_PROBE_LIMIT:
        return len(recent), None
    # Once the oldest of the last ID_PROBE_LIMIT leaves the window, one more is allowed.
    remaining = (recent[-1] + ID_PROBE_WINDOW - utcnow()).total_seconds()
    return len(recent), max(1, math.ceil(remaining))


def id_probes_throttled(wait: int) -> IdNumberChecksThrottled:
    """The refusal of a caller who has used up their matches outside their scope."""
    minutes = math.ceil(wait / 60)
    return IdNumberChecksThrottled(
        "Too many identity numbers you gave belong to members outside your scope; "
        f"try again in {minutes} minute{'s' if minutes != 1 else ''}.",
        headers={"Retry-After": str(wait)},
    )


def id_probe_event(
    session: AsyncSession, principal: Principal, holder: IdentityHolder, *, via: str
) -> AuditEvent:
    """The audit record of an identity number matching a member outside the caller's scope,
    filed under that member's organization so that its keepers see who asked."""
    return audit.new_event(
        session,
        action=ID_PROBE_ACTION,
        outcome="denied",
        actor=principal,
        entity_type="member",
        entity_id=holder.member_id,
        organization=holder.organization,
        changes={"via": via},
    )


async def _ensure_id_number_free(
    session: AsyncSession, principal: Principal, member: Member, *, via: str
) -> None:
    """Refuse an identity number another member holds, in the same words wherever that member
    is; a match outside the caller's scope is audited and counted against the caller."""
    if member.id_number_hash is None:
        return
    # Checked before looking, so that a throttled caller learns nothing from any answer.
    _, wait = await id_probe_wait(session, principal)
    if wait is not None:
        raise id_probes_throttled(wait)
    holder = (await identity_holders(session, principal, [member.id_number_hash])).get(
        member.id_number_hash
    )
    if holder is None or holder.member_id == member.id:
        return
    if not holder.visible:
        probe = id_probe_event(session, principal, holder, via=via)

        async def keep(failed_session: AsyncSession) -> None:
            failed_session.add(probe)

        keep_on_failure(session, keep)
    raise IdNumberTaken("Another member already has this identity number.")


def _set_positions(member: Member, positions: list[PositionIn]) -> None:
    member.positions = [
        MemberPosition(organization_id=member.organization_id, **position.model_dump())
        for position in positions
    ]


async def create_member(
    session: AsyncSession, principal: Principal, *, data: MemberCreate
) -> Member:
    """Add a member to an organization within the caller's scope."""
    await _organization_to_write(session, principal, data.organization_id)
    await _residence(session, data.residence_organization_id)
    member = Member(id=uuid.uuid4(), **data.model_dump(exclude={"positions"}))
    apply_identity(member)
    await _ensure_id_number_free(session, principal, member, via="create")
    _set_positions(member, data.positions)
    session.add(member)
    await _flush(session)
    return member


async def update_member(
    session: AsyncSession,
    principal: Principal,
    member: Member,
    *,
    data: MemberUpdate,
    if_match: str | None,
) -> Member:
    """Change the fields sent; `positions`, when sent, replaces the list."""
    check_if_match(if_match, version=member.version)
    changes = data.model_dump(exclude_unset=True, exclude={"positions"})
    if "residence_organization_id" in changes:
        await _residence(session, changes["residence_organization_id"])
    for name, value in changes.items():
        setattr(member, name, value)
    if "id_number" in changes or "birth_date" in changes:
        apply_identity(member)
        await _ensure_id_number_free(session, principal, member, via="update")
    if data.positions is not None:
        _set_positions(member, data.positions)
    await _flush(session)
    return member


async def _flush(session: AsyncSession) -> None:
    try:
        await session.flush()
    except IntegrityError as exc:
        raise IdNumberTaken("Another member already has this identity number.") from exc


async def transfer_member(
    session: AsyncSession, principal: Principal, member: Member, *, data: MemberTransferCreate
) -> MemberTransfer:
    """Move a member to another organization in the caller's scope, ending the positions held
    in the one left and keeping the move in the member's history."""
    target = await _organization_to_write(session, principal, data.organization_id)
    if target.id == member.organization_id:
        raise AlreadyInOrganization("The member already belongs to this organization.")
    transferred_on = data.transferred_on or local_today()
    for position in member.positions:
        if position.ended_on is None or position.ended_on > transferred_on:
            position.ended_on = transferred_on
    transfer = MemberTransfer(
        member_id=member.id,
        from_organization_id=member.organization_id,
        to_organization_id=target.id,
        transferred_on=transferred_on,
        reason=data.reason,
    )
    member.organization_id = target.id
    session.add(transfer)
    await session.flush()
    return transfer


async def list_transfers(session: AsyncSession, member: Member) -> list[MemberTransfer]:
    """A member's transfers, oldest first."""
    rows = await session.scalars(
        select(MemberTransfer)
        .where(MemberTransfer.member_id == member.id)
        .order_by(MemberTransfer.transferred_on, MemberTransfer.created_at)
    )
    return list(rows)


async def delete_member(session: AsyncSession, member: Member, *, if_match: str | None) -> None:
    """Delete a member that nothing else refers to."""
    check_if_match(if_match, version=member.version)
    await session.delete(member)
    try:
        await session.flush()
    except IntegrityError as exc:
        raise MemberNotEmpty("Service records or an account still belong to this member.") from exc


async def reveal_fields(
    session: AsyncSession, principal: Principal, member: Member, requested: list[str]
) -> list[str]:
    """Fields to show unmasked: only to administrators of the member's scope who ask; each
    reveal is audited."""
    if not requested:
        return []
    unknown = set(requested) - set(REVEALABLE)
    if unknown:
        raise FieldNotRevealable(f"Only {', '.join(REVEALABLE)} can be revealed.")
    home = await session.get(Organization, member.organization_id)
    if home is None or not principal.can(REVEAL, home.path):
        audit.record_refusal(
            session, principal, entity_type="member", entity_id=member.id, organization=home
        )
        raise Forbidden(
            "Only an administrator of this member's organization can reveal personal data."
        )
    asked = set(requested).union(*(IMPLIED.get(field, ()) for field in requested))
    fields = [field for field in REVEALABLE if field in asked]
    audit.record(
        session,
        action="reveal",
        entity_type="member",
        entity_id=member.id,
        organization=home,
        changes={"fields": fields},
    )
    return fields


def present(member: Member, *, revealed: list[str] | None = None) -> MemberRead:
    """The member as the API shows it, personal data masked unless revealed: the birth date
    is left out, since it is exactly the eight digits the identity number's mask hides."""
    revealed = revealed or []
    return MemberRead(
        **{
            name: getattr(member, name)
            for name in MemberRead.model_fields
            if name not in {*REVEALABLE, "revealed", "positions"}
        },
        phone=member.phone if "phone" in revealed else mask_phone(member.phone),
        id_number=member.id_number if "id_number" in revealed else mask_id_number(member.id_number),
        birth_date=member.birth_date if "birth_date" in revealed else None,
        revealed=revealed,
        positions=[PositionRead.model_validate(position) for position in member.positions],
    )


def secretary_in_office() -> ColumnElement[bool]:
    """Whether the organization of the enclosing query has a secretary in office."""
    return exists().where(
        MemberPosition.organization_id == Organization.id,
        MemberPosition.position == Position.SECRETARY,
        active_position(),
    )


def _leading() -> ColumnElement[bool]:
    """Whether the organization of the enclosing query is of a kind led by a secretary."""
    return Organization.kind.in_(list(Kind))


def secretary_vacant() -> ColumnElement[bool]:
    """Whether the organization of the enclosing query lacks a secretary in office: the
    vacancy that `leadership` counts and the organization list filters by."""
    return and_(_leading(), ~secretary_in_office())


def leadership(path: str) -> org_service.Leadership:
    """The secretaries and first secretaries in office per organization of the subtree at
    `path` (one grouped pass over their positions), and the counts over the organizations:
    with a secretary in office, without one (`secretary_vacant`), first secretaries serving."""
    held = (
        select(
            MemberPosition.organization_id,
            func.count().filter(MemberPosition.position == Position.SECRETARY).label("secretaries"),
            func.count()
            .filter(MemberPosition.position == Position.FIRST_SECRETARY)
            .label("first_secretaries"),
        )
        .join(Organization, Organization.id == MemberPosition.organization_id)
        .where(
            org_service.in_subtree(path),
            MemberPosition.position.in_([Position.SECRETARY, Position.FIRST_SECRETARY]),
            active_position(),
        )
        .group_by(MemberPosition.organization_id)
        .subquery("held")
    )
    in_office = func.coalesce(held.c.secretaries, 0) > 0
    return org_service.Leadership(
        held=held,
        counts={
            "secretaries_in_place": func.count().filter(and_(_leading(), in_office)),
            "secretary_vacancies": func.count().filter(and_(_leading(), ~in_office)),
            "first_secretaries": func.coalesce(func.sum(held.c.first_secretaries), 0),
        },
    )


org_service.secretary_vacant.register(secretary_vacant)
org_service.leadership.register(leadership)


def export_rows(principal: Principal, *, filters: MemberFilter) -> Select[Any]:
    """The filtered members with their organizations' codes and names, for a table."""
    return (
        list_members(principal, filters=filters)
        .add_columns(Organization.code, Organization.name, Residence.code)
        .order_by(*ORDER)
    )


def export_row(row: Any) -> dict[str, Any]:
    """One member as a table row (personal data masked by the columns)."""
    member, code, name, residence_code = row
    return {
        **{column: getattr(member, column) for column in MEMBER_COLUMN_KEYS},
        "organization_code": code,
        "organization_name": name,
        "residence_code": residence_code,
        "positions": [p.position for p in member.positions if p.ended_on is None],
    }


MEMBER_COLUMN_KEYS = (
    "name",
    "gender",
    "birth_date",
    "ethnicity",
    "phone",
    "id_number",
    "status",
    "joined_on",
    "is_migrant",
    "current_location",
    "is_in_service",
    "work_unit",
    "registered_on",
    "is_elderly",
    "is_in_hardship",
)
