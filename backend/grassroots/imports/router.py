"""Uploading tables to import: each upload becomes a job to poll."""

import asyncio
from typing import Annotated

from fastapi import (
    APIRouter,
    BackgroundTasks,
    Depends,
    File,
    Form,
    Query,
    Request,
    Response,
    UploadFile,
    status,
)
from fastapi.responses import JSONResponse

from grassroots.core.access import requires
from grassroots.core.db import SessionDep
from grassroots.core.errors import PERMITTED, PayloadTooLarge, ValidationFailed, problems
from grassroots.core.hardening import larger_body
from grassroots.core.security import Permission, Principal
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
from grassroots.members.tabular import MEMBER_TEMPLATE
from grassroots.volunteering.tabular import RECORD_TEMPLATE

router = APIRouter(prefix="/imports", tags=["imports"])

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


def _template(template: Template, table_format: TableFormat) -> Response:
    if table_format == "csv":
        content, media_type = template_csv(template), CSV_MEDIA_TYPE
    else:
        content, media_type = template_xlsx(template), XLSX_MEDIA_TYPE
    return Response(
        content, media_type=media_type, headers=download_headers(template.title, table_format)
    )


@router.get("/members/template", responses=TEMPLATE_PROBLEMS, response_class=Response)
async def member_template(
    _caller: Annotated[Principal, Depends(requires(Permission.MEMBERS_WRITE))],
    table_format: Format = "xlsx",
) -> Response:
    """The member import template. XLSX: an `导入` sheet with the headers to fill in (the one
    the import reads), a `示例` sheet with an example row, and a `说明` sheet listing each
    column, whether it is required, the values it takes and its format. CSV: the headers
    and the example row, which the import skips while it is left unchanged."""
    return _template(MEMBER_TEMPLATE, table_format)


@router.get("/volunteer-records/template", responses=TEMPLATE_PROBLEMS, response_class=Response)
async def record_template(
    _caller: Annotated[Principal, Depends(requires(Permission.VOLUNTEER_MANAGE))],
    table_format: Format = "xlsx",
) -> Response:
    """The volunteer record import template, laid out as the member import template."""
    return _template(RECORD_TEMPLATE, table_format)


async def _content(request: Request, upload: UploadFile) -> tuple[bytes, ReadLimits]:
    """The upload's bytes, refused when empty or when they would expand past the limits."""
    content = await upload.read()
    if not content:
        raise service.FileEmpty("The file is empty.")
    limits = ReadLimits.of(request.app.state.settings)
    await asyncio.to_thread(service.check_upload, content, limits)
    return content, limits


async def _start(
    request: Request,
    session: SessionDep,
    background: BackgroundTasks,
    caller: Principal,
    kind: str,
    dry_run: bool,
    work: jobs.JobWork,
) -> JSONResponse:
    job = await jobs.create_job(session, caller, kind=kind, dry_run=dry_run)
    # Runs once the response is sent, which is after the job row has been committed.
    background.add_task(jobs.run, request.app.state.sessionmaker, job.id, caller, work)
    location = request.url_for("get_job", job_id=job.id).path
    return JSONResponse(
        JobRead.of(job).model_dump(mode="json"), status_code=202, headers={"Location": location}
    )


@router.post(
    "/members",
    status_code=status.HTTP_202_ACCEPTED,
    responses=UPLOAD_PROBLEMS,
    response_model=JobRead,
)
@larger_body(lambda settings: settings.max_upload_bytes)
async def import_members(
    request: Request,
    session: SessionDep,
    background: BackgroundTasks,
    file: Upload,
    caller: Annotated[Principal, Depends(requires(Permission.MEMBERS_WRITE))],
    dry_run: DryRun = True,
) -> JSONResponse:
    """Import members (columns as in the members export; `所在党组织编码` names each member's
    organization). Answers at once with a job to poll at `Location`. An XLSX file that would
    expand past the server's limit is refused at once (413 `upload_too_large_uncompressed`);
    a table with more rows than `import_max_rows` (see `/meta/limits`) fails its job with
    `import_too_many_rows`."""
    content, limits = await _content(request, file)

    async def work(job_session: SessionDep, progress: jobs.Progress) -> jobs.Outcome:
        return await service.import_members(
            job_session, progress, caller, content=content, dry_run=dry_run, limits=limits
        )

    return await _start(request, session, background, caller, "import_members", dry_run, work)


@router.post(
    "/volunteer-records",
    status_code=status.HTTP_202_ACCEPTED,
    responses=UPLOAD_PROBLEMS,
    response_model=JobRead,
)
@larger_body(lambda settings: settings.max_upload_bytes)
async def import_records(
    request: Request,
    session: SessionDep,
    background: BackgroundTasks,
    file: Upload,
    caller: Annotated[Principal, Depends(requires(Permission.VOLUNTEER_MANAGE))],
    dry_run: DryRun = True,
    verify: Annotated[bool, Form(description="Verify the records as they are imported.")] = False,
) -> JSONResponse:
    """Import volunteer records, each member found by `公民身份号码`. Answers at once with a
    job to poll at `Location`; the same limits as the member import apply."""
    content, limits = await _content(request, file)

    async def work(job_session: SessionDep, progress: jobs.Progress) -> jobs.Outcome:
        return await service.import_records(
            job_session,
            progress,
            caller,
            content=content,
            dry_run=dry_run,
            verify=verify,
            limits=limits,
        )

    return await _start(
        request, session, background, caller, "import_volunteer_records", dry_run, work
    )
