"""What every import upload shares: its form fields, the problems it can answer, reading the
file within the limits, and starting the job that imports it."""

import asyncio
from typing import Annotated

from fastapi import BackgroundTasks, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse

from grassroots.core.db import SessionDep
from grassroots.core.errors import PERMITTED, PayloadTooLarge, ValidationFailed, problems
from grassroots.core.security import Principal
from grassroots.core.tabular import (
    CSV_MEDIA_TYPE,
    TABLE_RESPONSE,
    XLSX_MEDIA_TYPE,
    ReadLimits,
    TableFormat,
    Template,
    download_headers,
    template_csv,
    template_xlsx,
)
from grassroots.imports import service
from grassroots.jobs import service as jobs
from grassroots.jobs.schemas import JobRead

UPLOAD_PROBLEMS = problems(
    PERMITTED,
    ValidationFailed,
    PayloadTooLarge,
    service.UploadTooLargeUncompressed,
    service.FileEmpty,
)
Upload = Annotated[
    UploadFile,
    File(
        description="A CSV (UTF-8 or GB18030) or XLSX table whose "
        "first row holds the column headers."
    ),
]
DryRun = Annotated[bool, Form(description="Only check every row and report the problems.")]
Format = Annotated[TableFormat, Query(alias="format")]
TEMPLATE_PROBLEMS = {**problems(PERMITTED, ValidationFailed), **TABLE_RESPONSE}


def template_response(template: Template, table_format: TableFormat) -> Response:
    """An import template as an XLSX or CSV download."""
    if table_format == "csv":
        content, media_type = template_csv(template), CSV_MEDIA_TYPE
    else:
        content, media_type = template_xlsx(template), XLSX_MEDIA_TYPE
    return Response(
        content, media_type=media_type, headers=download_headers(template.title, table_format)
    )


async def read_upload(request: Request, upload: UploadFile) -> tuple[bytes, ReadLimits]:
    """The upload's bytes, refused when empty or when they would expand past the limits."""
    content = await upload.read()
    if not content:
        raise service.FileEmpty("The file is empty.")
    limits = ReadLimits.of(request.app.state.settings)
    await asyncio.to_thread(service.check_upload, content, limits)
    return content, limits


async def start_job(
    request: Request,
    session: SessionDep,
    background: BackgroundTasks,
    caller: Principal,
    kind: str,
    dry_run: bool,
    work: jobs.JobWork,
) -> JSONResponse:
    """Create the import's job and run it once the response is sent; answer 202 with it."""
    job = await jobs.create_job(session, caller, kind=kind, dry_run=dry_run)
    # Runs once the response is sent, which is after the job row has been committed.
    background.add_task(jobs.run, request.app.state.sessionmaker, job.id, caller, work)
    location = request.url_for("get_job", job_id=job.id).path
    return JSONResponse(
        JobRead.of(job).model_dump(mode="json"), status_code=202, headers={"Location": location}
    )
