"""Grid boundaries: GeoJSON Polygon or MultiPolygon in WGS 84, checked, measured and located.

Every check names where it failed, as `boundary.coordinates.<polygon>.<ring>.<position>`
(a Polygon has no polygon index), so that a map editor can put a marker on the spot.

Area is the area on the authalic sphere of WGS 84 (radius 6,371,007.2 m, the sphere with the
ellipsoid's surface area), with great-circle edges: the exact spherical-excess sum, no
projection library needed. Against the WGS 84 ellipsoid it is within 0.5% at any latitude.
The centroid and bounding box are taken in longitude/latitude degrees, which for a grid a few
kilometres across differs from the true centroid by far less than a building."""

import itertools
import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import shapely
from pydantic import BaseModel, ConfigDict, Field
from shapely.geometry import LinearRing, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from grassroots.core.errors import InvalidRequest

MAX_POINTS = 5000
MAX_ERRORS = 20
AUTHALIC_RADIUS_M = 6_371_007.2
FIELD = "boundary.coordinates"


class Boundary(BaseModel):
    """A GeoJSON Polygon or MultiPolygon, positions as [longitude, latitude] in WGS 84.

    Rings must be closed (last position = first), not cross themselves, and hold at most
    5,000 positions in all; holes lie inside their shell."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["Polygon", "MultiPolygon"]
    coordinates: list[Any] = Field(
        min_length=1, description="Polygon: rings; MultiPolygon: polygons of rings."
    )
    bbox: list[float] | None = Field(default=None, description="Ignored; computed by the API.")


class InvalidBoundary(InvalidRequest):
    """The boundary is not a valid polygon; `errors` says which polygon, ring and position."""

    code = "grid_boundary_invalid"


@dataclass(frozen=True)
class Measured:
    """A checked boundary, normalized to two-dimensional positions, and its measures."""

    geojson: dict[str, Any]
    geometry: Polygon | MultiPolygon
    bbox: tuple[float, float, float, float]
    centroid: tuple[float, float]
    area_m2: float


class _Problems:
    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []

    def add(self, field: str, code: str, message: str) -> None:
        if len(self.items) < MAX_ERRORS:
            self.items.append({"field": field, "message": message, "code": code})

    def raise_if_any(self) -> None:
        if self.items:
            summary = "; ".join(f"{e['field']}: {e['message']}" for e in self.items[:3])
            raise InvalidBoundary(
                f"The boundary is not a valid polygon: {summary}", errors=self.items
            )


Position = tuple[float, float]
Ring = list[Position]


def measure(boundary: Boundary) -> Measured:
    """Check a boundary and measure it, or raise InvalidBoundary naming every problem found."""
    problems = _Problems()
    multi = boundary.type == "MultiPolygon"
    raw_polygons = boundary.coordinates if multi else [boundary.coordinates]
    polygons = _structure(raw_polygons, multi=multi, problems=problems)
    problems.raise_if_any()
    points = sum(len(ring) for polygon in polygons for ring in polygon)
    if points > MAX_POINTS:
        problems.add(
            FIELD, "too_many_points", f"has {points} positions; at most {MAX_POINTS} are allowed"
        )
        problems.raise_if_any()
    for p, polygon in enumerate(polygons):
        for r, ring in enumerate(polygon):
            _check_ring(ring, _field(multi, p, r), problems)
    problems.raise_if_any()
    shapes = [_polygon(polygon, multi, p, problems) for p, polygon in enumerate(polygons)]
    problems.raise_if_any()
    geometry: Polygon | MultiPolygon = shapes[0] if not multi else MultiPolygon(shapes)
    if multi and not geometry.is_valid:
        problems.add(FIELD, "polygons_overlap", _reason(geometry, "the polygons overlap"))
        problems.raise_if_any()
    coordinates: Any = (
        [[list(map(list, ring)) for ring in polygon] for polygon in polygons]
        if multi
        else [list(map(list, ring)) for ring in polygons[0]]
    )
    minx, miny, maxx, maxy = geometry.bounds
    centroid = geometry.centroid
    return Measured(
        geojson={"type": boundary.type, "coordinates": coordinates},
        geometry=geometry,
        bbox=(minx, miny, maxx, maxy),
        centroid=(centroid.x, centroid.y),
        area_m2=sum(polygon_area_m2(polygon) for polygon in polygons),
    )


def _field(multi: bool, polygon: int, *rest: int) -> str:
    parts = ([polygon] if multi else []) + list(rest)
    return ".".join([FIELD, *map(str, parts)])


def _structure(raw: list[Any], *, multi: bool, problems: _Problems) -> list[list[Ring]]:
    """The nested lists as polygons of rings of (lng, lat), with bad shapes reported."""
    polygons: list[list[Ring]] = []
    for p, raw_polygon in enumerate(raw):
        if not isinstance(raw_polygon, list) or not raw_polygon:
            problems.add(
                _field(multi, p), "invalid_polygon", "a polygon is a non-empty list of rings"
            )
            continue
        polygon: list[Ring] = []
        for r, raw_ring in enumerate(raw_polygon):
            if not isinstance(raw_ring, list):
                problems.add(_field(multi, p, r), "invalid_ring", "a ring is a list of positions")
                continue
            ring: Ring = []
            for i, position in enumerate(raw_ring):
                parsed = _position(position)
                if parsed is None:
                    problems.add(
                        _field(multi, p, r, i),
                        "invalid_position",
                        "a position is [longitude, latitude] (an altitude may follow)",
                    )
                else:
                    ring.append(parsed)
            polygon.append(ring)
        polygons.append(polygon)
    return polygons


def _position(value: Any) -> Position | None:
    if not isinstance(value, list) or len(value) not in (2, 3):
        return None
    if not all(isinstance(x, int | float) and not isinstance(x, bool) for x in value):
        return None
    lng, lat = float(value[0]), float(value[1])
    if not (math.isfinite(lng) and math.isfinite(lat)):
        return None
    return lng, lat


def _check_ring(ring: Ring, field: str, problems: _Problems) -> None:
    for i, (lng, lat) in enumerate(ring):
        if not -180 <= lng <= 180:
            problems.add(
                f"{field}.{i}", "longitude_out_of_range", f"longitude {lng} is not in -180..180"
            )
        if not -90 <= lat <= 90:
            problems.add(
                f"{field}.{i}", "latitude_out_of_range", f"latitude {lat} is not in -90..90"
            )
    if len(ring) < 4:
        problems.add(
            field, "ring_too_short", f"a ring needs at least 4 positions, this one has {len(ring)}"
        )
    elif ring[0] != ring[-1]:
        problems.add(
            field,
            "ring_not_closed",
            f"the last position {list(ring[-1])} differs from the first {list(ring[0])}; "
            "repeat the first position to close the ring",
        )


def _polygon(polygon: list[Ring], multi: bool, p: int, problems: _Problems) -> Polygon:
    """The shapely polygon, with each ring checked for crossing itself, then the whole."""
    rings_ok = True
    for r, ring in enumerate(polygon):
        line = LinearRing(ring)
        if not line.is_simple:
            rings_ok = False
            problems.add(_field(multi, p, r), "ring_self_intersection", _crossing(ring, line))
    shape = Polygon(polygon[0], polygon[1:])
    if rings_ok and not shape.is_valid:
        problems.add(_field(multi, p), "polygon_invalid", _reason(shape, "the polygon is invalid"))
    elif rings_ok and shape.area == 0:
        problems.add(_field(multi, p), "polygon_empty", "the polygon encloses no area")
    return shape


def _crossing(ring: Ring, shape: LinearRing) -> str:
    """Where a ring crosses itself, and which of its segments meet there."""
    point = _reason_point(shape)
    if point is None:
        return "the ring crosses itself"
    starts = np.array(ring[:-1])
    ends = np.array(ring[1:])
    segments = shapely.linestrings(np.stack([starts, ends], axis=1))
    near = np.flatnonzero(shapely.distance(segments, Point(point)) < 1e-9)
    which = ", ".join(f"{i}–{i + 1}" for i in near.tolist())
    return (
        f"the ring crosses itself at [{point[0]:.7f}, {point[1]:.7f}] "
        f"(segments between positions {which})"
    )


def _reason(shape: BaseGeometry, fallback: str) -> str:
    reason = shapely.is_valid_reason(shape)
    if not reason or reason == "Valid Geometry":
        return fallback
    text, _, _ = reason.partition("[")
    point = _reason_point(shape)
    where = f" at [{point[0]:.7f}, {point[1]:.7f}]" if point else ""
    return f"{text.strip().lower()}{where}"


def _reason_point(shape: BaseGeometry) -> tuple[float, float] | None:
    reason = shapely.is_valid_reason(shape) or ""
    if "[" not in reason:
        return None
    inside = reason.split("[", 1)[1].rstrip("]").split()
    try:
        return float(inside[0]), float(inside[1])
    except (IndexError, ValueError):
        return None


def ring_area_m2(ring: Ring) -> float:
    """The area enclosed by a ring on the authalic sphere, in square metres.

    The sum over edges of the signed area between the edge and the pole (spherical excess,
    with the tangent half-angle form), exact for great-circle edges."""
    total = 0.0
    for (lng0, lat0), (lng1, lat1) in itertools.pairwise(ring):
        dlng = math.radians(lng1 - lng0)
        dlng = (dlng + math.pi) % (2 * math.pi) - math.pi
        t0 = math.tan(math.radians(lat0) / 2)
        t1 = math.tan(math.radians(lat1) / 2)
        total += 2 * math.atan2(math.tan(dlng / 2) * (t0 + t1), 1 + t0 * t1)
    return abs(total) * AUTHALIC_RADIUS_M**2


def polygon_area_m2(polygon: list[Ring]) -> float:
    """A polygon's area: its shell less its holes."""
    shell, *holes = polygon
    return max(0.0, ring_area_m2(shell) - sum(ring_area_m2(hole) for hole in holes))
