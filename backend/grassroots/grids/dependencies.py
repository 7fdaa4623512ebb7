"""Loading a grid, team or unit named in the path within the caller's scope, the permission
aliases, this process's grid index and its remembered coverage answers."""

import uuid
from typing import Annotated

from fastapi import Depends, Path, Request

from grassroots.core.access import requires
from grassroots.core.db import SessionDep
from grassroots.core.markers import Remembered
from grassroots.core.security import Permission, Principal
from grassroots.grids import coverage, service
from grassroots.grids.locate import GridIndex
from grassroots.grids.models import Grid, GridTeam, Unit

Reader = Annotated[Principal, Depends(requires(Permission.GRIDS_READ))]
Writer = Annotated[Principal, Depends(requires(Permission.GRIDS_WRITE))]
GridId = Annotated[uuid.UUID, Path(description="The grid's id.")]
TeamId = Annotated[uuid.UUID, Path(description="The team's id.")]
UnitId = Annotated[uuid.UUID, Path(description="The unit's id.")]


async def _readable_grid(grid_id: GridId, session: SessionDep, caller: Reader) -> Grid:
    return await service.get_grid(session, caller, grid_id)


async def _writable_grid(grid_id: GridId, session: SessionDep, caller: Writer) -> Grid:
    return await service.get_grid(session, caller, grid_id, permission=Permission.GRIDS_WRITE)


async def _readable_team(team_id: TeamId, session: SessionDep, caller: Reader) -> GridTeam:
    return await service.get_team(session, caller, team_id)


async def _writable_team(team_id: TeamId, session: SessionDep, caller: Writer) -> GridTeam:
    return await service.get_team(session, caller, team_id, permission=Permission.GRIDS_WRITE)


async def _readable_unit(unit_id: UnitId, session: SessionDep, caller: Reader) -> Unit:
    return await service.get_unit(session, caller, unit_id)


async def _writable_unit(unit_id: UnitId, session: SessionDep, caller: Writer) -> Unit:
    return await service.get_unit(session, caller, unit_id, permission=Permission.GRIDS_WRITE)


async def _grid_index(request: Request) -> GridIndex:
    """This app's grid index, made on first use (async: no hop to a worker thread)."""
    index: GridIndex | None = getattr(request.app.state, "grid_index", None)
    if index is None:
        index = GridIndex()
        request.app.state.grid_index = index
    return index


async def _coverage_answers(request: Request) -> Remembered[bytes]:
    """This app's remembered coverage answers, made on first use."""
    answers: Remembered[bytes] | None = getattr(request.app.state, "coverage_answers", None)
    if answers is None:
        answers = coverage.remembered_answers()
        request.app.state.coverage_answers = answers
    return answers


ReadableGrid = Annotated[Grid, Depends(_readable_grid)]
WritableGrid = Annotated[Grid, Depends(_writable_grid)]
ReadableTeam = Annotated[GridTeam, Depends(_readable_team)]
WritableTeam = Annotated[GridTeam, Depends(_writable_team)]
ReadableUnit = Annotated[Unit, Depends(_readable_unit)]
WritableUnit = Annotated[Unit, Depends(_writable_unit)]
GridIndexDep = Annotated[GridIndex, Depends(_grid_index)]
CoverageAnswersDep = Annotated[Remembered[bytes], Depends(_coverage_answers)]
