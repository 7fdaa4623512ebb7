"""HTTP endpoints of a volunteer record's evidence photos."""

import uuid
from typing import Annotated

from fastapi import File, Path, Request, UploadFile, status
from fastapi.responses import FileResponse

from grassroots.core.db import SessionDep
from grassroots.core.errors import SIGNED_IN, Forbidden, PayloadTooLarge, ValidationFailed, problems
from grassroots.core.hardening import larger_body
from grassroots.core.pagination import Page
from grassroots.core.routing import Router
from grassroots.volunteering import evidence
from grassroots.volunteering import exceptions as refused
from grassroots.volunteering.dependencies import EditableRecord, ReadableRecord
from grassroots.volunteering.schemas import EvidenceRead

READABLE = (SIGNED_IN, ValidationFailed, refused.RecordNotFound)
EDITABLE = (READABLE, Forbidden, refused.RecordDecided)
# The photos hang under their record, so they share its prefix and tag.
router = Router(prefix="/volunteer-records", tags=["volunteer_records"])
PhotoId = Annotated[uuid.UUID, Path(description="The photo's id.")]


@router.post(
    "/{record_id}/photos",
    status_code=status.HTTP_201_CREATED,
    responses=problems(
        EDITABLE,
        PayloadTooLarge,
        refused.NotAPhoto,
        refused.PhotoTooLarge,
        refused.TooManyPhotos,
    ),
)
@larger_body(lambda settings: settings.max_photo_bytes)
async def add_photo(
    request: Request,
    record: EditableRecord,
    session: SessionDep,
    file: Annotated[UploadFile, File(description="A JPEG, PNG, WebP or HEIC photo.")],
) -> EvidenceRead:
    """Add a photo to a pending record (the member's own, or staff); at most six."""
    settings = request.app.state.settings
    content = await file.read(settings.max_photo_bytes + 1)
    photo = await evidence.add_photo(
        session,
        record,
        content=content,
        directory=settings.upload_dir / "evidence",
        max_bytes=settings.max_photo_bytes,
    )
    return EvidenceRead.model_validate(photo)


@router.get("/{record_id}/photos", responses=problems(READABLE))
async def list_photos(record: ReadableRecord, session: SessionDep) -> Page[EvidenceRead]:
    """The photos of a record."""
    photos = await evidence.list_photos(session, record)
    return Page(items=[EvidenceRead.model_validate(p) for p in photos], next_cursor=None)


@router.get(
    "/{record_id}/photos/{photo_id}",
    responses={
        **problems(READABLE, refused.EvidenceNotFound),
        200: {"content": {"image/*": {}}, "description": "The photo."},
    },
    response_class=FileResponse,
)
async def get_photo(
    request: Request, record: ReadableRecord, photo_id: PhotoId, session: SessionDep
) -> FileResponse:
    """The photo itself, only to those who may read the record."""
    photo = await evidence.get_photo(session, record, photo_id)
    path = request.app.state.settings.upload_dir / "evidence" / photo.stored_name
    return FileResponse(
        path,
        media_type=photo.content_type,
        # The security headers middleware adds X-Content-Type-Options: nosniff.
        headers={"Cache-Control": "private, max-age=3600"},
    )


@router.delete(
    "/{record_id}/photos/{photo_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(EDITABLE, refused.EvidenceNotFound),
)
async def remove_photo(
    request: Request, record: EditableRecord, photo_id: PhotoId, session: SessionDep
) -> None:
    """Remove a photo from a pending record."""
    photo = await evidence.get_photo(session, record, photo_id)
    await evidence.remove_photo(
        session, record, photo, directory=request.app.state.settings.upload_dir / "evidence"
    )
