"""Uploading grids, grid service teams, units (tables) and grid boundaries (GeoJSON) to
import; each upload becomes a job to poll, as the member import does."""

import json
from typing import Annotated, Any

from fastapi import BackgroundTasks, Depends, Form, Request, Response, status
from fastapi.responses import JSONResponse

from grassroots.core.access import requires
from grassroots.core.db import SessionDep
from grassroots.core.hardening import larger_body
from grassroots.core.routing import Router
from grassroots.core.security import Permission, Principal
from grassroots.core.tabular import ReadLimits
from grassroots.imports import grids as service
from grassroots.imports.grids_tabular import GRID_TEMPLATE, TEAM_TEMPLATE, UNIT_TEMPLATE
from grassroots.imports.service import FileEmpty
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

router = Router(prefix="/imports", tags=["imports"])
Writer = Annotated[Principal, Depends(requires(Permission.GRIDS_WRITE))]
GEOJSON_MEDIA_TYPE = "application/geo+json"
BOUNDARY_EXAMPLE: dict[str, Any] = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"所属组织编码": "330127001201", "网格编码": "WG-01"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [
                        [119.0400, 29.6000],
                        [119.0500, 29.6000],
                        [119.0500, 29.6080],
                        [119.0400, 29.6080],
                        [119.0400, 29.6000],
                    ]
                ],
            },
        }
    ],
}


@router.get("/grids/template", responses=TEMPLATE_PROBLEMS, response_class=Response)
async def gridtemplate_response(_caller: Writer, table_format: Format = "xlsx") -> Response:
    """The grid import template, laid out as the member import template."""
    return template_response(GRID_TEMPLATE, table_format)


@router.get("/grid-teams/template", responses=TEMPLATE_PROBLEMS, response_class=Response)
async def teamtemplate_response(_caller: Writer, table_format: Format = "xlsx") -> Response:
    """The grid service team import template (one row per person), laid out as the member
    import template."""
    return template_response(TEAM_TEMPLATE, table_format)


@router.get("/units/template", responses=TEMPLATE_PROBLEMS, response_class=Response)
async def unittemplate_response(_caller: Writer, table_format: Format = "xlsx") -> Response:
    """The units register import template, laid out as the member import template."""
    return template_response(UNIT_TEMPLATE, table_format)


@router.get(
    "/grid-boundaries/template",
    responses={
        **TEMPLATE_PROBLEMS,
        200: {"content": {GEOJSON_MEDIA_TYPE: {}}, "description": "An example file."},
    },
    response_class=Response,
)
async def boundarytemplate_response(_caller: Writer) -> Response:
    """An example GeoJSON FeatureCollection for the boundary import: one Feature per grid,
    its `所属组织编码` and `网格编码` properties naming the grid."""
    return Response(
        content=json.dumps(BOUNDARY_EXAMPLE, ensure_ascii=False, indent=2),
        media_type=GEOJSON_MEDIA_TYPE,
        headers={
            "Content-Disposition": 'attachment; filename="grid-boundaries.geojson"; '
            "filename*=UTF-8''%E7%BD%91%E6%A0%BC%E8%BE%B9%E7%95%8C%E7%A4%BA%E4%BE%8B.geojson"
        },
    )


async def _table_import(
    request: Request,
    session: SessionDep,
    background: BackgroundTasks,
    file: Any,
    caller: Principal,
    dry_run: bool,
    kind: str,
    run: Any,
) -> JSONResponse:
    content, limits = await read_upload(request, file)

    async def work(job_session: SessionDep, progress: jobs.Progress) -> jobs.Outcome:
        outcome: jobs.Outcome = await run(
            job_session, progress, caller, content=content, dry_run=dry_run, limits=limits
        )
        return outcome

    return await start_job(request, session, background, caller, kind, dry_run, work)


@router.post(
    "/grids",
    status_code=status.HTTP_202_ACCEPTED,
    responses=UPLOAD_PROBLEMS,
    response_model=JobRead,
)
@larger_body(lambda settings: settings.max_upload_bytes)
async def import_grids(
    request: Request,
    session: SessionDep,
    background: BackgroundTasks,
    file: Upload,
    caller: Writer,
    dry_run: DryRun = True,
) -> JSONResponse:
    """Import grids (`所属组织编码` names each grid's township, street, village or community
    organization; codes new to it). Answers at once with a job to poll at `Location`; the
    same limits as the member import apply."""
    return await _table_import(
        request, session, background, file, caller, dry_run, "import_grids", service.import_grids
    )


@router.post(
    "/grid-teams",
    status_code=status.HTTP_202_ACCEPTED,
    responses=UPLOAD_PROBLEMS,
    response_model=JobRead,
)
@larger_body(lambda settings: settings.max_upload_bytes)
async def import_teams(
    request: Request,
    session: SessionDep,
    background: BackgroundTasks,
    file: Upload,
    caller: Writer,
    dry_run: DryRun = True,
) -> JSONResponse:
    """Import grid service teams, one row per person: rows with the same `所属组织编码`,
    `网格编码` and `团队名称` form one team. Party members are found by `公民身份号码`; a row
    without one is a volunteer named by `姓名` and `手机号码`. An active team needs exactly
    one `网格长`. Answers at once with a job to poll at `Location`."""
    return await _table_import(
        request,
        session,
        background,
        file,
        caller,
        dry_run,
        "import_grid_teams",
        service.import_teams,
    )


@router.post(
    "/units",
    status_code=status.HTTP_202_ACCEPTED,
    responses=UPLOAD_PROBLEMS,
    response_model=JobRead,
)
@larger_body(lambda settings: settings.max_upload_bytes)
async def import_units(
    request: Request,
    session: SessionDep,
    background: BackgroundTasks,
    file: Upload,
    caller: Writer,
    dry_run: DryRun = True,
) -> JSONResponse:
    """Import units into the registers of organizations (`所属组织编码`), with their grid
    (`网格编码`) and the organization covering them (`覆盖党组织编码`). Answers at once with a
    job to poll at `Location`."""
    return await _table_import(
        request, session, background, file, caller, dry_run, "import_units", service.import_units
    )


@router.post(
    "/grid-boundaries",
    status_code=status.HTTP_202_ACCEPTED,
    responses=UPLOAD_PROBLEMS,
    response_model=JobRead,
)
@larger_body(lambda settings: settings.max_upload_bytes)
async def import_boundaries(
    request: Request,
    session: SessionDep,
    background: BackgroundTasks,
    file: Upload,
    caller: Writer,
    dry_run: DryRun = True,
    organization_code: Annotated[
        str | None,
        Form(
            max_length=64,
            description="The organization of features that name none in their properties.",
        ),
    ] = None,
) -> JSONResponse:
    """Import grid boundaries from a GeoJSON FeatureCollection: each Feature's Polygon or
    MultiPolygon becomes the boundary of the grid its `网格编码` (or `code`) property names
    within the organization of its `所属组织编码` (or `organization_code`) property. Problems
    are by feature (row n is the n-th feature); a bad geometry says which polygon, ring and
    position in the problem's column (`geometry.coordinates.<polygon>.<ring>.<position>`).
    Answers at once with a job to poll at `Location`."""
    content = await file.read()
    if not content:
        raise FileEmpty("The file is empty.")
    limits = ReadLimits.of(request.app.state.settings)

    async def work(job_session: SessionDep, progress: jobs.Progress) -> jobs.Outcome:
        return await service.import_boundaries(
            job_session,
            progress,
            caller,
            content=content,
            dry_run=dry_run,
            organization_code=organization_code,
            limits=limits,
        )

    return await start_job(
        request, session, background, caller, "import_grid_boundaries", dry_run, work
    )
