"""Evidence photos of volunteer records: the type sniffed from the bytes, the size limited,
stored under the upload directory, and served only to callers who may read the record."""

import asyncio
import hashlib
import uuid
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.errors import ConflictError, InvalidRequest, NotFoundError
from grassroots.volunteering.enums import RecordStatus
from grassroots.volunteering.models import Evidence, VolunteerRecord

MAX_PHOTOS_PER_RECORD = 6
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/heic": "heic"}
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"}


class NotAPhoto(InvalidRequest):
    """The upload is not a JPEG, PNG, WebP or HEIC image."""

    code = "evidence_not_a_photo"


class PhotoTooLarge(InvalidRequest):
    """The photo is larger than allowed."""

    code = "evidence_too_large"


class TooManyPhotos(ConflictError):
    """The record already has as many photos as it may."""

    code = "evidence_too_many"


class RecordDecided(ConflictError):
    """Evidence can change only while the record is pending."""

    code = "volunteer_record_wrong_state"


class EvidenceNotFound(NotFoundError):
    """No such photo on this record."""

    code = "evidence_not_found"


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


def _store(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


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
    count = await session.scalar(select(func.count()).where(Evidence.record_id == record.id))
    if (count or 0) >= MAX_PHOTOS_PER_RECORD:
        raise TooManyPhotos(f"A record holds at most {MAX_PHOTOS_PER_RECORD} photos.")
    stored_name = f"{uuid.uuid4().hex}.{EXTENSIONS[content_type]}"
    await asyncio.to_thread(_store, directory / stored_name, content)
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
    """Remove a photo of a pending record (the file goes once the row is gone)."""
    _ensure_pending(record)
    await session.delete(evidence)
    await session.flush()
    await asyncio.to_thread((directory / evidence.stored_name).unlink, missing_ok=True)
