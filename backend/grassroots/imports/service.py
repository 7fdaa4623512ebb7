"""Imports check every row first (a dry run stops there and reports each problem by row and
column), then write all rows in one transaction, or nothing."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from grassroots.audit import service as audit
from grassroots.core.crypto import cipher
from grassroots.core.db import utcnow
from grassroots.core.errors import InvalidRequest
from grassroots.core.security import Permission, Principal
from grassroots.core.tabular import Column, TableError, chunked, map_headers, read_table
from grassroots.jobs.schemas import RowProblem
from grassroots.jobs.service import MAX_REPORTED_ERRORS, Outcome, Progress
from grassroots.members import service as members_service
from grassroots.members.identity import normalize_id_number
from grassroots.members.models import Member
from grassroots.members.schemas import MemberCreate
from grassroots.members.tabular import MEMBER_COLUMNS, MEMBER_REQUIRED
from grassroots.organizations.models import Organization
from grassroots.volunteering.enums import RecordStatus
from grassroots.volunteering.models import VolunteerRecord
from grassroots.volunteering.schemas import RecordCreate
from grassroots.volunteering.service import MINUTES_PER_DAY, local_today
from grassroots.volunteering.tabular import RECORD_COLUMNS, RECORD_REQUIRED
from grassroots.volunteering.tallies import count_records

REPORT_EVERY = 1000
CHUNK = 1000
Residence = aliased(Organization, name="residence")


class TableUnreadable(InvalidRequest):
    """The upload is not a CSV or XLSX table this app can read."""

    code = "import_table_unreadable"


class ColumnsMissing(InvalidRequest):
    """Columns the import needs are not in the table."""

    code = "import_columns_missing"


class RowsRefused(InvalidRequest):
    """Some rows have problems, so nothing was imported."""

    code = "import_rows_refused"


@dataclass
class Problems:
    """The problems found, by row; all are counted, the first thousand kept."""

    count: int = 0
    rows: set[int] = field(default_factory=set)
    kept: list[dict[str, Any]] = field(default_factory=list)

    def add(self, row: int, column: Column | None, code: str, reason: str) -> None:
        """Note one problem."""
        self.count += 1
        self.rows.add(row)
        if len(self.kept) < MAX_REPORTED_ERRORS:
            self.kept.append(
                RowProblem(
                    row=row, column=column.zh if column else None, code=code, reason=reason
                ).model_dump()
            )


@dataclass
class Row:
    """One data row: its number as Excel shows it, and its cells by column key."""

    number: int
    cells: dict[str, str]


def parse_table(content: bytes, columns: list[Column], required: tuple[str, ...]) -> list[Row]:
    """The non-blank rows of a table, refusing one without the columns the import needs."""
    try:
        headers, rows = read_table(content)
    except TableError as error:
        raise TableUnreadable(f"The file cannot be read: {error}.") from error
    mapping = map_headers(headers, columns)
    present = {column.key for column in mapping.values()}
    missing = [
        column.zh for column in columns if column.key in required and column.key not in present
    ]
    if missing:
        raise ColumnsMissing(
            f"The table lacks these columns: {'、'.join(missing)}.", columns=missing
        )
    parsed = []
    for number, cells in enumerate(rows, start=2):
        by_key = {mapping[i].key: text for i, text in enumerate(cells) if i in mapping}
        if any(by_key.values()):
            parsed.append(Row(number, by_key))
    return parsed


def _cells(row: Row, columns: dict[str, Column], problems: Problems) -> dict[str, Any]:
    """The cells of a row parsed, leaving out (and reporting) the ones that cannot be."""
    values: dict[str, Any] = {}
    for key, text in row.cells.items():
        try:
            values[key] = columns[key].from_cell(text)
        except ValueError as error:
            problems.add(row.number, columns[key], "invalid_value", str(error))
    return values


def _validation_problems(
    row: Row, error: ValidationError, columns: dict[str, Column], problems: Problems
) -> None:
    for detail in error.errors():
        key = str(detail["loc"][0]) if detail["loc"] else ""
        if key.endswith("organization_id"):
            continue  # an unknown organization code was already reported on its column
        problems.add(row.number, columns.get(key), str(detail["type"]), detail["msg"])


async def _organizations_by_code(session: AsyncSession, codes: set[str]) -> dict[str, Organization]:
    found: dict[str, Organization] = {}
    for chunk in chunked(sorted(code for code in codes if code), CHUNK):
        for organization in await session.scalars(
            select(Organization).where(Organization.code.in_(chunk))
        ):
            found[organization.code] = organization
    return found


async def _report(progress: Progress, processed: int, problems: Problems) -> None:
    await progress.update(
        processed_rows=processed, error_count=problems.count, errors=problems.kept
    )


def _finish_check(total: int, problems: Problems, dry_run: bool) -> Outcome | None:
    """The job's outcome when it stops after checking, or None when it goes on to write."""
    if problems.count:
        message = (
            f"{problems.count} problems in {len(problems.rows)} of {total} rows; "
            "nothing was imported."
        )
        if dry_run:
            return Outcome(message)
        raise RowsRefused(message)
    if dry_run:
        return Outcome(f"All {total} rows can be imported.")
    return None


async def import_members(
    session: AsyncSession,
    progress: Progress,
    principal: Principal,
    *,
    content: bytes,
    dry_run: bool,
) -> Outcome:
    """Check, then (unless a dry run) add every member of the table, or none."""
    rows = parse_table(content, MEMBER_COLUMNS, MEMBER_REQUIRED)
    await progress.update(total_rows=len(rows))
    columns = {column.key: column for column in MEMBER_COLUMNS}
    organizations = await _organizations_by_code(
        session,
        {
            code
            for row in rows
            for code in (row.cells.get("organization_code"), row.cells.get("residence_code"))
            if code
        },
    )
    problems, members = Problems(), []
    seen: dict[str, int] = {}
    for index, row in enumerate(rows, start=1):
        member = _member_of(row, columns, organizations, principal, problems)
        if member is not None and member.id_number_hash in seen:
            problems.add(
                row.number,
                columns["id_number"],
                "duplicate_id_number",
                f"the same identity number as row {seen[member.id_number_hash]}",
            )
        elif member is not None:
            if member.id_number_hash:
                seen[member.id_number_hash] = row.number
            members.append((row, member))
        if index % REPORT_EVERY == 0:
            await _report(progress, index, problems)
    await _refuse_known_identities(session, progress, principal, members, columns, problems)
    await _report(progress, len(rows), problems)
    if (checked := _finish_check(len(rows), problems, dry_run)) is not None:
        return checked
    now = utcnow()
    table_columns = [column.key for column in Member.__table__.columns]
    for chunk in chunked(members, CHUNK):
        await session.execute(
            insert(Member),
            [
                {
                    **{key: getattr(member, key) for key in table_columns},
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
                for _, member in chunk
            ],
        )
    audit.record(
        session,
        action="import",
        entity_type="member",
        changes={"rows": len(members), "job_id": str(progress.job_id)},
    )
    return Outcome(f"{len(members)} members imported.", created_rows=len(members))


def _member_of(
    row: Row,
    columns: dict[str, Column],
    organizations: dict[str, Organization],
    principal: Principal,
    problems: Problems,
) -> Member | None:
    """The member a row describes, or None after reporting every problem the row has."""
    values = _cells(row, columns, problems)
    organization = organizations.get(values.pop("organization_code", None) or "")
    if organization is None or not principal.can(Permission.MEMBERS_WRITE, organization.path):
        problems.add(
            row.number,
            columns["organization_code"],
            "organization_not_found",
            "no organization with this code is within your scope",
        )
    residence_code = values.pop("residence_code", None)
    residence = organizations.get(residence_code) if residence_code else None
    if residence_code and residence is None:
        problems.add(
            row.number,
            columns["residence_code"],
            "organization_not_found",
            "no organization has this code",
        )
    values = {
        key: value
        for key, value in values.items()
        if value is not None and key not in {"organization_name", "positions"}
    }
    try:
        data = MemberCreate.model_validate(
            {
                **values,
                "organization_id": organization.id if organization else None,
                "residence_organization_id": residence.id if residence else None,
            }
        )
    except ValidationError as error:
        _validation_problems(row, error, columns, problems)
        return None
    if row.number in problems.rows:
        return None
    member = Member(id=uuid.uuid4(), **data.model_dump(exclude={"positions"}))
    try:
        members_service.apply_identity(member)
    except InvalidRequest as error:
        problems.add(row.number, columns["birth_date"], error.code, error.detail)
        return None
    return member


async def _refuse_known_identities(
    session: AsyncSession,
    progress: Progress,
    principal: Principal,
    members: list[tuple[Row, Member]],
    columns: dict[str, Column],
    problems: Problems,
) -> None:
    """Refuse rows whose identity number a member already holds, in the same words wherever
    that member is. Matches outside the caller's scope are audited (in a transaction of their
    own, kept whatever becomes of the import) and count against the caller's allowance; a file
    with more of them than the allowance left is refused whole, naming none of its rows."""
    by_hash: dict[str, Row] = {
        member.id_number_hash: row for row, member in members if member.id_number_hash
    }
    if by_hash:
        used, wait = await members_service.id_probe_wait(session, principal)
        if wait is not None:
            raise members_service.id_probes_throttled(wait)
        holders: dict[str, members_service.IdentityHolder] = {}
        for chunk in chunked(list(by_hash), CHUNK):
            holders.update(await members_service.identity_holders(session, principal, chunk))
        foreign = [holder for holder in holders.values() if not holder.visible]
        if foreign:
            async with progress.sessionmaker() as own:
                own.add_all(
                    members_service.id_probe_event(session, principal, holder, via="import")
                    for holder in foreign
                )
                await own.commit()
                if used + len(foreign) > members_service.ID_PROBE_LIMIT:
                    _, wait = await members_service.id_probe_wait(own, principal)
                    raise members_service.id_probes_throttled(wait or 1)
        for taken in holders:
            problems.add(
                by_hash[taken].number,
                columns["id_number"],
                "member_id_number_taken",
                "another member already has this identity number",
            )
    members[:] = [(row, member) for row, member in members if row.number not in problems.rows]


@dataclass(frozen=True)
class KnownMember:
    """What a record import needs of a member."""

    id: uuid.UUID
    organization_id: uuid.UUID
    community_id: uuid.UUID
    paths: tuple[str, ...]


async def _members_by_identity(session: AsyncSession, hashes: set[str]) -> dict[str, KnownMember]:
    found: dict[str, KnownMember] = {}
    for chunk in chunked(sorted(hashes), CHUNK):
        rows = await session.execute(
            select(
                Member.id_number_hash,
                Member.id,
                Member.organization_id,
                Member.residence_organization_id,
                Member.is_in_service,
                Organization.path,
                Residence.path,
            )
            .join(Organization, Organization.id == Member.organization_id)
            .outerjoin(Residence, Residence.id == Member.residence_organization_id)
            .where(Member.id_number_hash.in_(chunk))
        )
        for hashed, member_id, org_id, residence_id, in_service, path, residence_path in rows:
            community = residence_id if in_service and residence_id else org_id
            paths = tuple(p for p in (path, residence_path) if p)
            if hashed is not None:
                found[hashed] = KnownMember(member_id, org_id, community, paths)
    return found


async def import_records(
    session: AsyncSession,
    progress: Progress,
    principal: Principal,
    *,
    content: bytes,
    dry_run: bool,
    verify: bool,
) -> Outcome:
    """Check, then (unless a dry run) add every record of the table, or none; verified at
    once when asked, and then counted in the tallies."""
    rows = parse_table(content, RECORD_COLUMNS, RECORD_REQUIRED)
    await progress.update(total_rows=len(rows))
    columns = {column.key: column for column in RECORD_COLUMNS}
    hashes = {}
    for row in rows:
        try:
            hashes[row.number] = cipher().lookup_hash(
                normalize_id_number(row.cells.get("id_number", ""))
            )
        except ValueError:
            continue
    known = await _members_by_identity(session, set(hashes.values()))
    problems, records = Problems(), []
    today = local_today()
    for index, row in enumerate(rows, start=1):
        record = _record_of(
            row, columns, known.get(hashes.get(row.number, "")), principal, problems, today
        )
        if record is not None:
            records.append((row, record))
        if index % REPORT_EVERY == 0:
            await _report(progress, index, problems)
    await _refuse_overfull_days(session, records, columns, problems)
    await _report(progress, len(rows), problems)
    if (checked := _finish_check(len(rows), problems, dry_run)) is not None:
        return checked
    await _write_records(session, principal, [record for _, record in records], verify)
    audit.record(
        session,
        action="import",
        entity_type="volunteer_record",
        changes={"rows": len(records), "verified": verify, "job_id": str(progress.job_id)},
    )
    return Outcome(
        f"{len(records)} records imported{' and verified' if verify else ''}.",
        created_rows=len(records),
    )


def _record_of(
    row: Row,
    columns: dict[str, Column],
    member: KnownMember | None,
    principal: Principal,
    problems: Problems,
    today: date,
) -> dict[str, Any] | None:
    values = _cells(row, columns, problems)
    if member is None or not any(
        principal.can(Permission.VOLUNTEER_MANAGE, path) for path in member.paths
    ):
        problems.add(
            row.number,
            columns["id_number"],
            "member_not_found",
            "no member with this identity number is within your scope",
        )
        return None
    try:
        data = RecordCreate.model_validate(
            {
                "member_id": member.id,
                "served_on": values.get("served_on"),
                "hours": values.get("hours"),
                "kind": values.get("kind"),
                "beneficiaries": values.get("beneficiaries") or 0,
                "description": values.get("description"),
            }
        )
    except ValidationError as error:
        _validation_problems(row, error, columns, problems)
        return None
    if row.number in problems.rows:
        return None
    if data.served_on > today:
        problems.add(
            row.number,
            columns["served_on"],
            "volunteer_served_in_future",
            "the day has not come yet",
        )
        return None
    return {
        "member_id": member.id,
        "organization_id": member.organization_id,
        "community_id": member.community_id,
        "served_on": data.served_on,
        "minutes": round(data.hours * 60),
        "kind": data.kind,
        "beneficiaries": data.beneficiaries,
        "description": data.description,
    }


async def _refuse_overfull_days(
    session: AsyncSession,
    records: list[tuple[Row, dict[str, Any]]],
    columns: dict[str, Column],
    problems: Problems,
) -> None:
    """Refuse the rows of any member's day that would hold more than 24 hours, counting what
    is already logged."""
    days: dict[tuple[uuid.UUID, date], list[tuple[Row, dict[str, Any]]]] = defaultdict(list)
    for row, record in records:
        days[(record["member_id"], record["served_on"])].append((row, record))
    logged: dict[tuple[uuid.UUID, date], int] = defaultdict(int)
    member_ids = sorted({member_id for member_id, _ in days})
    for chunk in chunked(member_ids, CHUNK):
        rows = await session.execute(
            select(
                VolunteerRecord.member_id,
                VolunteerRecord.served_on,
                func.sum(VolunteerRecord.minutes),
            )
            .where(
                VolunteerRecord.member_id.in_(chunk),
                VolunteerRecord.status != RecordStatus.REJECTED,
            )
            .group_by(VolunteerRecord.member_id, VolunteerRecord.served_on)
        )
        for member_id, served_on, minutes in rows:
            logged[(member_id, served_on)] = int(minutes or 0)
    for key, entries in days.items():
        if logged[key] + sum(record["minutes"] for _, record in entries) > MINUTES_PER_DAY:
            for row, _ in entries:
                problems.add(
                    row.number,
                    columns["hours"],
                    "volunteer_day_over_24_hours",
                    f"this member's hours on {key[1]} would pass 24",
                )
    records[:] = [(row, record) for row, record in records if row.number not in problems.rows]


async def _write_records(
    session: AsyncSession, principal: Principal, records: list[dict[str, Any]], verify: bool
) -> None:
    now = utcnow()
    status = RecordStatus.VERIFIED if verify else RecordStatus.PENDING
    decided = {"decided_by_id": principal.id, "decided_at": now} if verify else {}
    for chunk in chunked(records, CHUNK):
        await session.execute(
            insert(VolunteerRecord),
            [
                {
                    **record,
                    "id": uuid.uuid4(),
                    "version": 1,
                    "status": status,
                    "logged_by_id": principal.id,
                    "created_at": now,
                    "updated_at": now,
                    **decided,
                }
                for record in chunk
            ],
        )
    if verify:
        await count_records(session, records)
