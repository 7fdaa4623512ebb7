"""Where the demo county lies on the map: each township or street an area of the county laid out
as a lattice of cells, each village or community a block of two by two cells, each grid a
rectangle of cells in its block. Lattice corners are nudged and each side bends through a few
points of its own, so boundaries look drawn rather than ruled, and neighbouring grids share
the very same positions along their common border."""

import math
import random
from dataclasses import dataclass, field
from itertools import pairwise

# The county town (青山县城), in WGS 84; everything is placed in metres east and north of it.
CENTER_LNG = 119.90
CENTER_LAT = 29.80
METRES_PER_DEGREE = 111_320.0
BLOCK = 2  # cells a side of a village's or community's block

Point = tuple[float, float]
Cell = tuple[int, int]
Rectangle = tuple[int, int, int, int]  # first column, first row, past column, past row


def to_lnglat(x: float, y: float) -> list[float]:
    """A point in metres east and north of the county town as [longitude, latitude]."""
    lng = CENTER_LNG + x / (METRES_PER_DEGREE * math.cos(math.radians(CENTER_LAT)))
    return [round(lng, 6), round(CENTER_LAT + y / METRES_PER_DEGREE, 6)]


@dataclass
class Area:
    """A township's or street's part of the map: `columns` by `rows` cells of `cell` metres,
    the lowest-left corner at `origin`."""

    origin: Point
    cell: float
    columns: int
    rows: int
    bends: int
    rng: random.Random
    corners: dict[Cell, Point] = field(init=False)
    sides: dict[tuple[Cell, Cell], list[Point]] = field(init=False)

    def __post_init__(self) -> None:
        nudge = 0.12 * self.cell
        self.corners = {
            (c, r): (
                self.origin[0] + c * self.cell + self.rng.uniform(-nudge, nudge),
                self.origin[1] + r * self.cell + self.rng.uniform(-nudge, nudge),
            )
            for r in range(self.rows + 1)
            for c in range(self.columns + 1)
        }
        self.sides = {}
        for c, r in sorted(self.corners):
            for neighbour in ((c + 1, r), (c, r + 1)):
                if neighbour in self.corners:
                    self.sides[(c, r), neighbour] = self._bend((c, r), neighbour)

    def _bend(self, start: Cell, end: Cell) -> list[Point]:
        """Points between two corners, each pushed a little off the straight side."""
        (x0, y0), (x1, y1) = self.corners[start], self.corners[end]
        length = math.hypot(x1 - x0, y1 - y0)
        normal = (-(y1 - y0) / length, (x1 - x0) / length)
        points = []
        for index in range(1, self.bends + 1):
            share = index / (self.bends + 1) + self.rng.uniform(-0.06, 0.06)
            push = self.rng.uniform(-0.07, 0.07) * length
            points.append(
                (
                    x0 + share * (x1 - x0) + push * normal[0],
                    y0 + share * (y1 - y0) + push * normal[1],
                )
            )
        return points

    def ring(self, rectangle: Rectangle) -> list[list[float]]:
        """The closed counter-clockwise outline of a rectangle of cells, as GeoJSON positions."""
        c0, r0, c1, r1 = rectangle
        walk = (
            [(c, r0) for c in range(c0, c1)]
            + [(c1, r) for r in range(r0, r1)]
            + [(c, r1) for c in range(c1, c0, -1)]
            + [(c0, r) for r in range(r1, r0, -1)]
            + [(c0, r0)]
        )
        points: list[Point] = []
        for start, end in pairwise(walk):
            points.append(self.corners[start])
            if (start, end) in self.sides:
                points += self.sides[start, end]
            else:
                points += reversed(self.sides[end, start])
        points.append(self.corners[walk[0]])
        return [to_lnglat(x, y) for x, y in points]

    def box(self, columns: tuple[float, float], rows: tuple[float, float]) -> list[list[float]]:
        """A plain four-cornered ring in cell units (fractions allowed), clockwise: a hole."""
        (c0, c1), (r0, r1) = columns, rows
        corners = [(c0, r0), (c0, r1), (c1, r1), (c1, r0), (c0, r0)]
        return [
            to_lnglat(self.origin[0] + c * self.cell, self.origin[1] + r * self.cell)
            for c, r in corners
        ]

    def point(self, column: float, row: float) -> tuple[float, float]:
        """(longitude, latitude) of a point given in cell units."""
        lng, lat = to_lnglat(self.origin[0] + column * self.cell, self.origin[1] + row * self.cell)
        return lng, lat


def block_of(index: int, per_row: int) -> Cell:
    """The lowest-left cell of the `index`-th block of an area, blocks laid out row by row."""
    return (index % per_row) * BLOCK, (index // per_row) * BLOCK


def split(block: Cell, count: int, rng: random.Random) -> list[Rectangle]:
    """A block of two by two cells divided into `count` (1 to 4) grids that tile it."""
    c, r = block
    if count == 1:
        return [(c, r, c + 2, r + 2)]
    if count == 2:
        if rng.random() < 0.5:
            return [(c, r, c + 1, r + 2), (c + 1, r, c + 2, r + 2)]
        return [(c, r + 1, c + 2, r + 2), (c, r, c + 2, r + 1)]
    if count == 3:
        return [(c, r, c + 1, r + 2), (c + 1, r + 1, c + 2, r + 2), (c + 1, r, c + 2, r + 1)]
    return [
        (c, r + 1, c + 1, r + 2),
        (c + 1, r + 1, c + 2, r + 2),
        (c, r, c + 1, r + 1),
        (c + 1, r, c + 2, r + 1),
    ]
