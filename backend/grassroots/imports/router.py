"""Uploading tables to import: each upload becomes a job to poll."""

from typing import Annotated

from fastapi import (
    BackgroundTasks,
    Depends,
    Form,
    Request,
    Response,
    status,
)
from fastapi.responses import JSONResponse

from grassroots.core.access import requires
from grassroots.core.db import SessionDep
from grassroots.core.hardening import larger_body
from grassroots.core.routing import Router
from grassroots.core.security import Permission, Principal
from grassroots.imports import service
from grassroots.imports.uploads import (
    TEMPLATE_PROBLEMS,
    UPLOAD_PROBLEMS,
    DryRun,
    Format,
    Upload,
    read_upload,
    start_job,
    template_response,
)
from grassroots.jobs import service as jobs
from grassroots.jobs.schemas import JobRead
from grassroots.members.tabular import MEMBER_TEMPLATE
from grassroots.volunteering.tabular import RECORD_TEMPLATE

router = Router(prefix="/imports", tags=["imports"])


@router.get("/members/template", responses=TEMPLATE_PROBLEMS, response_class=Response)
async def membertemplate_response(
    _caller: Annotated[Principal, Depends(requires(Permission.MEMBERS_WRITE))],
    table_format: Format = "xlsx",
) -> Response:
    """The member import template. XLSX: an `导入` sheet with the headers to fill in (the one
    the import reads), a `示例` sheet with an example row, and a `说明` sheet listing each
    column, whether it is required, the values it takes and its format. CSV: the headers
    and the example row, which the import skips while it is left unchanged."""
    return template_response(MEMBER_TEMPLATE, table_format)


@router.get("/volunteer-records/template", responses=TEMPLATE_PROBLEMS, response_class=Response)
async def recordtemplate_response(
    _caller: Annotated[Principal, Depends(requires(Permission.VOLUNTEER_MANAGE))],
    table_format: Format = "xlsx",
) -> Response:
    """The volunteer record import template, laid out as the member import template."""
    return template_response(RECORD_TEMPLATE, table_format)


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
    content, limits = await read_upload(request, file)

    async def work(job_session: SessionDep, progress: jobs.Progress) -> jobs.Outcome:
        return await service.import_members(
            job_session, progress, caller, content=content, dry_run=dry_run, limits=limits
        )

    return await start_job(request, session, background, caller, "import_members", dry_run, work)


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
    content, limits = await read_upload(request, file)

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

    return await start_job(
        request, session, background, caller, "import_volunteer_records", dry_run, work
    )
