"""Which grid contains a point: an in-memory STRtree of every boundary, per server process,
reloaded when the grid index marker in the database moved (another process, or this one,
changed a boundary). A lookup is one statement: the marker and the candidate grids together."""

import asyncio
import uuid
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry import Point
from sqlalchemy import Text, bindparam, cast, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.security import Principal
from grassroots.grids import service
from grassroots.grids.models import Grid, GridIndexMarker
from grassroots.grids.schemas import GridLocated
from grassroots.organizations.models import Organization

_UNLOADED = object()
# Built once: a lookup only binds the candidate ids (no expression building per request).
_READ = (
    select(
        GridIndexMarker.marker,
        Grid.id,
        Grid.organization_id,
        Grid.code,
        Grid.name,
        Organization.path,
    )
    .select_from(GridIndexMarker)
    .outerjoin(Grid, Grid.id.in_(bindparam("ids", expanding=True)))
    .outerjoin(Organization, Organization.id == Grid.organization_id)
    .where(GridIndexMarker.id == service.MARKER_ROW)
)
# Boundaries changing faster than they load: answer from the last statement after this many.
MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class _Snapshot:
    marker: object
    ids: list[uuid.UUID]
    geometries: np.ndarray
    tree: STRtree | None


class GridIndex:
    """The boundaries of every grid, in memory, for point lookups.

    Each lookup reads, in one statement, the marker (one indexed row) and the grids the loaded
    boundaries say contain the point. When the marker is the one loaded, those are the right
    grids; when it moved, every boundary is reloaded and the lookup runs again. The marker is
    read before the boundaries it is loaded with, so a change that commits between the two
    reads is at worst loaded twice, never missed."""

    def __init__(self) -> None:
        self._snapshot = _Snapshot(_UNLOADED, [], np.array([], dtype=object), None)
        self._lock = asyncio.Lock()
        self.loads = 0

    async def locate(
        self, session: AsyncSession, principal: Principal, *, lng: float, lat: float
    ) -> GridLocated:
        """The grid in the caller's scope whose boundary covers the point (border included).

        A point on a border shared by several grids resolves to the one with the smallest
        `code`, then the smallest id: the same grid every time, in every process."""
        for _ in range(MAX_ATTEMPTS):
            snapshot = self._snapshot
            ids = self._covering(snapshot, lng=lng, lat=lat)
            marker, rows = await self._read(session, ids)
            if marker == snapshot.marker:
                break
            await self._reload(session, marker)
        # Codes, names and organizations are read fresh: only boundaries are cached.
        hits = sorted(
            (row for row in rows if principal.can(service.READ, row.path)),
            key=lambda row: (row.code, row.id.hex),
        )
        if hits:
            first = hits[0]
            return GridLocated(
                id=first.id, organization_id=first.organization_id, code=first.code, name=first.name
            )
        raise service.GridNotLocated(f"No grid in your scope contains [{lng}, {lat}].")

    @staticmethod
    async def _read(session: AsyncSession, ids: list[uuid.UUID]) -> tuple[object, list[Any]]:
        """The marker as committed (None before any boundary was written) and the grids of
        these ids with their organization's path, in one statement and so one snapshot."""
        rows = (await session.execute(_READ, {"ids": ids})).all()
        if not rows:
            return None, []
        return rows[0].marker, [row for row in rows if row.id is not None]

    @staticmethod
    def _covering(snapshot: _Snapshot, *, lng: float, lat: float) -> list[uuid.UUID]:
        if snapshot.tree is None:
            return []
        point = Point(lng, lat)
        candidates = snapshot.tree.query(point)
        if len(candidates) == 0:
            return []
        inside = shapely.intersects(snapshot.geometries[candidates], point)
        return [snapshot.ids[i] for i in candidates[inside].tolist()]

    async def _reload(self, session: AsyncSession, marker: object) -> None:
        async with self._lock:
            if marker != self._snapshot.marker:
                self._snapshot = await self._load(session, marker)

    async def _load(self, session: AsyncSession, marker: object) -> _Snapshot:
        # The stored GeoJSON text goes straight to GEOS' reader: no Python objects per position.
        rows = (
            await session.execute(
                select(Grid.id, cast(Grid.boundary, Text)).where(Grid.boundary.is_not(None))
            )
        ).all()
        ids = [row[0] for row in rows]
        # Parsing thousands of boundaries takes a moment: off the event loop (GEOS lets go of
        # the GIL), so other requests keep being served meanwhile.
        geometries, tree = await asyncio.to_thread(_build, [row[1] for row in rows])
        self.loads += 1
        return _Snapshot(marker, ids, geometries, tree)


def _build(texts: list[str]) -> tuple[np.ndarray, STRtree | None]:
    geometries = shapely.from_geojson(texts)
    shapely.prepare(geometries)
    return geometries, STRtree(geometries) if texts else None
