"""Imports check every row first (a dry run stops there and reports each problem by row and
column), then write all rows in one transaction, or nothing."""

import asyncio
import time
import uuid
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from pydantic import ValidationError
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from grassroots.core import audit, collector
from grassroots.core.crypto import cipher
from grassroots.core.db import utcnow
from grassroots.core.errors import AppError, InvalidRequest
from grassroots.core.localtime import local_today
from grassroots.core.security import Permission, Principal
from grassroots.core.tabular import (
    DATE_FORMAT,
    ArchiveTooLarge,
    Column,
    ReadLimits,
    TableError,
    Template,
    check_archive,
    chunked,
    map_headers,
    masked,
    read_table,
)
from grassroots.core.validation import ValueProblem
from grassroots.jobs.schemas import RowProblem
from grassroots.jobs.service import MAX_REPORTED_ERRORS, Outcome, Progress
from grassroots.members import service as members_service
from grassroots.members.identity import birth_date_of, normalize_id_number
from grassroots.members.models import Member
from grassroots.members.schemas import MemberCreate
from grassroots.members.tabular import MEMBER_COLUMNS, MEMBER_REQUIRED, MEMBER_TEMPLATE
from grassroots.organizations.models import Organization
from grassroots.volunteering.enums import RecordStatus
from grassroots.volunteering.exceptions import DayOverTwentyFourHours, ServedInFuture
from grassroots.volunteering.models import VolunteerRecord
from grassroots.volunteering.records import (
    MINUTES_PER_DAY,
    community_of,
    day_has_come,
    day_overfull,
    day_totals,
)
from grassroots.volunteering.schemas import RecordCreate
from grassroots.volunteering.tabular import RECORD_COLUMNS, RECORD_REQUIRED, RECORD_TEMPLATE
from grassroots.volunteering.tallies import count_records

REPORT_EVERY = 1000
CHUNK = 1000
MAX_VALUE_CHARS = 100
# Checking rows is work for the processor: give the event loop a turn this often, so that the
# server answers other requests while a large table is checked.
YIELD_EVERY_SECONDS = 0.01
YIELD_FOR_SECONDS = 0.001
Residence = aliased(Organization, name="residence")


class TableUnreadable(InvalidRequest):
    """The upload is not a CSV or XLSX table this app can read."""

    code = "import_table_unreadable"


class FileEmpty(InvalidRequest):
    """The uploaded file has no content."""

    code = "import_file_empty"


class ColumnsMissing(InvalidRequest):
    """Columns the import needs are not in the table."""

    code = "import_columns_missing"


class RowsRefused(InvalidRequest):
    """Some rows have problems, so nothing was imported."""

    code = "import_rows_refused"


class TooManyRows(InvalidRequest):
    """The table has more rows than one import may hold."""

    code = "import_too_many_rows"


class UploadTooLargeUncompressed(AppError):
    """The XLSX file would expand past what the server reads (a compression bomb)."""

    status = 413
    code = "upload_too_large_uncompressed"
    title = "Payload too large"


def check_upload(content: bytes, limits: ReadLimits) -> None:
    """Refuse, before anything is parsed, an XLSX file whose archive is too large once
    expanded; any other fault of the file is for the import's job to report."""
    try:
        check_archive(content, limits)
    except ArchiveTooLarge as error:
        raise UploadTooLargeUncompressed(f"The file cannot be imported: {error}.") from error
    except TableError:
        return


@dataclass
class Problems:
    """The problems found, by row; all are counted, the first thousand kept; one per cell."""

    table: list["Row"] = field(default_factory=list)
    count: int = 0
    rows: set[int] = field(default_factory=set)
    kept: list[dict[str, Any]] = field(default_factory=list)
    noted: set[tuple[int, str | None]] = field(default_factory=set)

    @classmethod
    def of(cls, rows: list["Row"]) -> "Problems":
        """Problems of these rows (in the order of their numbers), quoting the cells at fault."""
        return cls(table=rows)

    def cell(self, row: int, key: str) -> str | None:
        """What a row's cell holds."""
        index = bisect_left(self.table, row, key=lambda found: found.number)
        if index < len(self.table) and self.table[index].number == row:
            return self.table[index].cells.get(key)
        return None

    def add(
        self,
        row: int,
        column: Column | None,
        code: str,
        reason: str,
        params: dict[str, Any] | None = None,
        value: str | None = None,
    ) -> None:
        """Note one problem (a second one for the same cell is left out)."""
        key = column.key if column else None
        if (row, key) in self.noted:
            return
        self.noted.add((row, key))
        self.count += 1
        self.rows.add(row)
        if len(self.kept) < MAX_REPORTED_ERRORS:
            if value is None and column is not None:
                value = self.cell(row, column.key)
            self.kept.append(
                RowProblem(
                    row=row,
                    column=column.zh if column else None,
                    code=code,
                    reason=reason,
                    params=params or {},
                    value=_shown(column, value),
                ).model_dump(mode="json")
            )


def _shown(column: Column | None, value: str | None) -> str | None:
    """A cell as a problem quotes it: cut short, and masked when it is personal data."""
    if not value:
        return None
    value = value[:MAX_VALUE_CHARS]
    return masked(value) if column is not None and column.private else value


class Pacer:
    """Gives the event loop a turn whenever a stretch of work has run for a while."""

    def __init__(self) -> None:
        self.since = time.monotonic()

    async def tick(self) -> None:
        """Yield to the event loop if the work has held it long enough (and keep what the
        work has built so far out of the garbage collector's way)."""
        if time.monotonic() - self.since >= YIELD_EVERY_SECONDS:
            collector.spare()
            # A real (if short) sleep rather than sleep(0): the loop may then run a request
            # through all of its steps before the work takes it back.
            await asyncio.sleep(YIELD_FOR_SECONDS)
            self.since = time.monotonic()


class Row(NamedTuple):
    """One data row: its number as Excel shows it, and its filled cells by column key.

    A tuple of an int and a dict of text, so that the garbage collector stops tracking it:
    the rows of a large table then cost no collector pass that would stall the server."""

    number: int
    cells: dict[str, str]


class MemberRow(NamedTuple):
    """A member checked and ready to insert: its table row values and its lookup hash."""

    id_number_hash: str | None
    values: dict[str, Any]


def parse_table(content: bytes, template: Template, limits: ReadLimits) -> list[Row]:
    """The non-blank rows of a table (only their filled cells), read as a stream, refusing a
    table without the columns the import needs or with more rows than the limit; the
    template's example row, left unchanged, is skipped. Work for the processor: run it off
    the event loop."""
    columns, required = template.imported, template.required
    try:
        headers, rows = read_table(content, limits)
    except ArchiveTooLarge as error:
        raise UploadTooLargeUncompressed(f"The file cannot be imported: {error}.") from error
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
    parsed: list[Row] = []
    since = time.monotonic()
    try:
        for number, cells in enumerate(rows, start=2):
            if time.monotonic() - since >= YIELD_EVERY_SECONDS:
                # Let go of the interpreter for a moment, so that the event loop's thread
                # takes it at once instead of waiting out the switch interval each time.
                time.sleep(0)
                since = time.monotonic()
            by_key = {mapping[i].key: text for i, text in enumerate(cells) if i in mapping and text}
            if not by_key or template.is_example(by_key):
                continue
            if len(parsed) == limits.max_rows:
                raise TooManyRows(
                    f"The table has more than {limits.max_rows} rows; import it in parts.",
                    max_rows=limits.max_rows,
                )
            parsed.append(Row(number, by_key))
            if len(parsed) % REPORT_EVERY == 0:
                collector.spare()
    except TableError as error:
        raise TableUnreadable(f"The file cannot be read: {error}.") from error
    return parsed


async def _parse(content: bytes, template: Template, limits: ReadLimits | None) -> list[Row]:
    return await asyncio.to_thread(parse_table, content, template, limits or ReadLimits())


def _cells(
    row: Row, columns: dict[str, Column], required: tuple[str, ...], problems: Problems
) -> dict[str, Any]:
    """The cells of a row parsed, leaving out (and reporting) the ones that cannot be, and
    reporting the required ones left blank."""
    for key in required:
        if key not in row.cells:
            problems.add(row.number, columns[key], "missing", "this cell must be filled in")
    values: dict[str, Any] = {}
    for key, text in row.cells.items():
        try:
            values[key] = columns[key].from_cell(text)
        except ValueProblem as error:
            problems.add(row.number, columns[key], error.code, str(error), error.params)
    return values


def _validation_problems(
    row: Row, error: ValidationError, columns: dict[str, Column], problems: Problems
) -> None:
    for detail in error.errors():
        key = str(detail["loc"][0]) if detail["loc"] else ""
        if key.endswith("organization_id"):
            continue  # an unknown organization code was already reported on its column
        code, params = _coded(key, detail)
        problems.add(row.number, columns.get(key), code, detail["msg"], params)


BOUNDS = {"ge": "min", "gt": "greater_than", "le": "max", "lt": "less_than"}


def _coded(key: str, detail: Any) -> tuple[str, dict[str, Any]]:
    """A stable code, and what explains it, for an error the schema found in a cell."""
    kind = str(detail["type"])
    context = detail.get("ctx") or {}
    if isinstance(context.get("error"), ValueProblem):
        return context["error"].code, context["error"].params
    if key == "id_number":
        return "invalid_id_number", {"length": 18}
    if kind == "missing":
        return "missing", {}
    if kind.startswith(("date_", "datetime_")):
        return "invalid_date", {"format": DATE_FORMAT}
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        return "out_of_range", {
            BOUNDS[bound]: _plain(context[bound]) for bound in BOUNDS if bound in context
        }
    if kind == "string_too_long":
        return "too_long", {"max_length": context.get("max_length")}
    if kind == "string_too_short":
        return "missing", {}
    if kind == "string_pattern_mismatch":
        return ("phone_invalid" if key == "phone" else "invalid_format"), {}
    if kind in {"decimal_parsing", "decimal_type", "float_parsing", "float_type"}:
        return "invalid_number", {}
    if kind in {"decimal_max_places", "decimal_max_digits", "decimal_whole_digits"}:
        return "too_many_decimals", {"decimal_places": context.get("decimal_places")}
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return "invalid_integer", {}
    if kind == "enum":
        return "invalid_choice", {"allowed_values": context.get("expected")}
    return kind, {}


def _plain(value: Any) -> Any:
    """A bound as JSON holds it: numbers as numbers, dates as ISO text."""
    if isinstance(value, int | float):
        return value
    if isinstance(value, date):
        return value.isoformat()
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


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
    limits: ReadLimits | None = None,
) -> Outcome:
    """Check, then (unless a dry run) add every member of the table, or none."""
    rows = await _parse(content, MEMBER_TEMPLATE, limits)
    members: list[tuple[Row, MemberRow]] = []
    try:
        return await _import_members(session, progress, principal, rows, members, dry_run)
    finally:
        await _let_go(members, rows)


async def _import_members(
    session: AsyncSession,
    progress: Progress,
    principal: Principal,
    rows: list[Row],
    members: list[tuple[Row, MemberRow]],
    dry_run: bool,
) -> Outcome:
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
    problems = Problems.of(rows)
    seen: dict[str, int] = {}
    pacer = Pacer()
    for index, row in enumerate(rows, start=1):
        await pacer.tick()
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
    for chunk in chunked(members, CHUNK):
        await session.execute(
            insert(Member),
            [
                {
                    **member.values,
                    "id": uuid.uuid4(),
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
) -> MemberRow | None:
    """The member a row describes, or None after reporting every problem the row has."""
    values = _cells(row, columns, MEMBER_REQUIRED, problems)
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
        embedded = birth_date_of(member.id_number) if member.id_number else None
        problems.add(
            row.number,
            columns["birth_date"],
            error.code,
            error.detail,
            {"expected": embedded.isoformat()} if embedded else {},
        )
        return None
    # Kept as plain values rather than as the ORM object, which is far heavier to hold (and
    # for the garbage collector to walk) for each of a large table's rows.
    return MemberRow(
        member.id_number_hash, {key: getattr(member, key) for key in MEMBER_TABLE_COLUMNS}
    )


MEMBER_TABLE_COLUMNS = tuple(
    column.key
    for column in Member.__table__.columns
    if column.key not in {"id", "version", "created_at", "updated_at"}
)


async def _refuse_known_identities(
    session: AsyncSession,
    progress: Progress,
    principal: Principal,
    members: list[tuple[Row, MemberRow]],
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
    await _drop_refused(members, problems)


async def _let_go(*batches: list[Any]) -> None:
    """Free the lists a large import built a chunk at a time, letting the event loop run in
    between: freeing 100,000 rows at once would hold it for a while."""
    pacer = Pacer()
    for items in batches:
        while items:
            del items[-CHUNK:]
            await pacer.tick()


async def _drop_refused(items: list[tuple[Row, Any]], problems: Problems) -> None:
    """Leave out the rows with problems, walking a large list in steps that let the event
    loop run in between."""
    if not problems.rows:
        return
    pacer, kept = Pacer(), []
    for item in items:
        await pacer.tick()
        if item[0].number not in problems.rows:
            kept.append(item)
    items[:] = kept


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
            community = community_of(org_id, residence_id, in_service)
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
    limits: ReadLimits | None = None,
) -> Outcome:
    """Check, then (unless a dry run) add every record of the table, or none; verified at
    once when asked, and then counted in the tallies."""
    rows = await _parse(content, RECORD_TEMPLATE, limits)
    records: list[tuple[Row, dict[str, Any]]] = []
    try:
        return await _import_records(session, progress, principal, rows, records, dry_run, verify)
    finally:
        await _let_go(records, rows)


async def _import_records(
    session: AsyncSession,
    progress: Progress,
    principal: Principal,
    rows: list[Row],
    records: list[tuple[Row, dict[str, Any]]],
    dry_run: bool,
    verify: bool,
) -> Outcome:
    await progress.update(total_rows=len(rows))
    columns = {column.key: column for column in RECORD_COLUMNS}
    problems = Problems.of(rows)
    hashes = {}
    pacer = Pacer()
    for row in rows:
        await pacer.tick()
        try:
            hashes[row.number] = cipher().lookup_hash(
                normalize_id_number(row.cells.get("id_number", ""))
            )
        except ValueProblem as error:
            if "id_number" in row.cells:
                problems.add(row.number, columns["id_number"], error.code, str(error), error.params)
    known = await _members_by_identity(session, set(hashes.values()))
    today = local_today()
    for index, row in enumerate(rows, start=1):
        await pacer.tick()
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
    values = _cells(row, columns, RECORD_REQUIRED, problems)
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
    if not day_has_come(data.served_on, today=today):
        problems.add(
            row.number,
            columns["served_on"],
            ServedInFuture.code,
            "the day has not come yet",
            {"max": today.isoformat()},
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
    pacer = Pacer()
    for row, record in records:
        await pacer.tick()
        days[(record["member_id"], record["served_on"])].append((row, record))
    logged: dict[tuple[uuid.UUID, date], int] = defaultdict(int)
    member_ids = sorted({member_id for member_id, _ in days})
    for chunk in chunked(member_ids, CHUNK):
        rows = await session.execute(day_totals(chunk))
        for member_id, served_on, minutes in rows:
            logged[(member_id, served_on)] = int(minutes or 0)
    for key, entries in days.items():
        await pacer.tick()
        total = logged[key] + sum(record["minutes"] for _, record in entries)
        if day_overfull(total):
            for row, _ in entries:
                problems.add(
                    row.number,
                    columns["hours"],
                    DayOverTwentyFourHours.code,
                    f"this member's hours on {key[1]} would pass 24",
                    {
                        "date": key[1].isoformat(),
                        "hours": round(total / 60, 2),
                        "max": MINUTES_PER_DAY // 60,
                    },
                )
    await _drop_refused(records, problems)


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
