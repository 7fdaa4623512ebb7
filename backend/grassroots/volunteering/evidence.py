"""Evidence photos of volunteer records: the type sniffed from the bytes, the size limited,
stored under the upload directory, and served only to callers who may read the record.

The record keeps its `photo_count`, so lists show it without counting per row; the count is
changed by a conditional UPDATE, which also holds the limit of six under concurrent uploads.
Files follow the transaction (core/files.py): a failed request leaves no file behind."""

import hashlib
import uuid
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from grassroots.core import files
from grassroots.volunteering.enums import RecordStatus
from grassroots.volunteering.exceptions import (
    EvidenceNotFound,
    NotAPhoto,
    PhotoTooLarge,
    RecordDecided,
    TooManyPhotos,
)
from grassroots.volunteering.models import Evidence, VolunteerRecord

MAX_PHOTOS_PER_RECORD = 6
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/heic": "heic"}
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"}


def sniff(content: bytes) -> str | None:
    """The image type the bytes begin with, whatever the file claims to be."""
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    if content[4:8] == b"ftyp" and content[8:12] in HEIF_BRANDS:
        return "image/heic"
    return None


def _ensure_pending(record: VolunteerRecord) -> None:
    if record.status is not RecordStatus.PENDING:
        raise RecordDecided("Photos can be added or removed only while the record is pending.")


async def add_photo(
    session: AsyncSession,
    record: VolunteerRecord,
    *,
    content: bytes,
    directory: Path,
    max_bytes: int,
) -> Evidence:
    """Keep a photo for a pending record."""
    _ensure_pending(record)
    if len(content) > max_bytes:
        raise PhotoTooLarge(f"A photo may be at most {max_bytes // (1024 * 1024)} MB.")
    content_type = sniff(content)
    if content_type is None:
        raise NotAPhoto("Only JPEG, PNG, WebP and HEIC photos are accepted.")
    await _count_photo(session, record, change=1)
    stored_name = f"{uuid.uuid4().hex}.{EXTENSIONS[content_type]}"
    await files.write_file(session, directory / stored_name, content)
    evidence = Evidence(
        record_id=record.id,
        organization_id=record.organization_id,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        stored_name=stored_name,
    )
    session.add(evidence)
    await session.flush()
    return evidence


async def list_photos(session: AsyncSession, record: VolunteerRecord) -> list[Evidence]:
    """A record's photos, oldest first."""
    rows = await session.scalars(
        select(Evidence)
        .where(Evidence.record_id == record.id)
        .order_by(Evidence.created_at, Evidence.id)
    )
    return list(rows)


async def get_photo(
    session: AsyncSession, record: VolunteerRecord, evidence_id: uuid.UUID
) -> Evidence:
    """One photo of a record."""
    evidence = await session.get(Evidence, evidence_id)
    if evidence is None or evidence.record_id != record.id:
        raise EvidenceNotFound(f"Photo {evidence_id} does not exist.")
    return evidence


async def remove_photo(
    session: AsyncSession, record: VolunteerRecord, evidence: Evidence, *, directory: Path
) -> None:
    """Remove a photo of a pending record (the file goes once the removal has committed)."""
    _ensure_pending(record)
    await _count_photo(session, record, change=-1)
    await session.delete(evidence)
    await session.flush()
    files.remove_file(session, directory / evidence.stored_name)


async def _count_photo(session: AsyncSession, record: VolunteerRecord, *, change: int) -> None:
    """Add `change` to the record's photo count while it is pending and within the limit,
    in one statement that waits for (and sees) any concurrent decision or upload."""
    statement = (
        update(VolunteerRecord)
        .where(
            VolunteerRecord.id == record.id,
            VolunteerRecord.status == RecordStatus.PENDING,
            VolunteerRecord.photo_count + change <= MAX_PHOTOS_PER_RECORD,
        )
        .values(
            photo_count=VolunteerRecord.photo_count + change,
            version=VolunteerRecord.version + 1,
        )
        .returning(VolunteerRecord.photo_count, VolunteerRecord.version)
        .execution_options(synchronize_session=False)
    )
    changed = (await session.execute(statement)).one_or_none()
    if changed is None:
        status = await session.scalar(
            select(VolunteerRecord.status).where(VolunteerRecord.id == record.id)
        )
        if status is not RecordStatus.PENDING:
            raise RecordDecided("Photos can be added or removed only while the record is pending.")
        raise TooManyPhotos(f"A record holds at most {MAX_PHOTOS_PER_RECORD} photos.")
    # The photo count and version changed without the ORM: show them on the loaded record.
    set_committed_value(record, "photo_count", changed.photo_count)
    set_committed_value(record, "version", changed.version)
