"""Small evidence photos drawn in code (a sky, the ground, a sun, houses, people and a red
banner) and written as PNG with zlib, so the demo carries no binary files."""

import random
import struct
import zlib
from math import isqrt

WIDTH, HEIGHT = 240, 180
Color = tuple[int, int, int]
GROUNDS: list[Color] = [(96, 148, 72), (128, 128, 120), (170, 150, 110), (80, 120, 90)]
WALLS: list[Color] = [(236, 230, 216), (210, 200, 190), (190, 196, 205), (222, 214, 196)]
CLOTHES: list[Color] = [(200, 40, 40), (40, 80, 160), (230, 180, 40), (60, 60, 60), (240, 240, 240)]


def png(width: int, height: int, rows: list[bytes]) -> bytes:
    """Encode RGB rows as a PNG image (each row unfiltered)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )


def _blend(top: Color, bottom: Color, share: float) -> Color:
    return (
        round(top[0] + (bottom[0] - top[0]) * share),
        round(top[1] + (bottom[1] - top[1]) * share),
        round(top[2] + (bottom[2] - top[2]) * share),
    )


def scene(rng: random.Random) -> bytes:
    """An outdoor service scene, different for each generator state."""
    horizon = rng.randint(95, 125)
    sky_top = (rng.randint(60, 120), rng.randint(130, 170), rng.randint(200, 240))
    ground = rng.choice(GROUNDS)
    rects: list[tuple[int, int, int, int, Color]] = []
    circles: list[tuple[int, int, int, Color]] = [
        (rng.randint(20, WIDTH - 20), rng.randint(18, 45), rng.randint(10, 16), (250, 220, 120))
    ]
    for _ in range(rng.randint(1, 3)):  # houses with a dark roof
        x, width = rng.randint(0, WIDTH - 60), rng.randint(40, 70)
        top = horizon - rng.randint(30, 55)
        rects.append((x, top, x + width, horizon + 4, rng.choice(WALLS)))
        rects.append((x - 4, top - 10, x + width + 4, top, (70, 70, 80)))
    banner_x = rng.randint(10, WIDTH - 110)
    rects.append((banner_x, horizon + 8, banner_x + 100, horizon + 24, (196, 18, 24)))
    rects.append((banner_x + 8, horizon + 14, banner_x + 92, horizon + 17, (250, 215, 80)))
    for _ in range(rng.randint(3, 7)):  # people: a body and a head
        x, feet = rng.randint(5, WIDTH - 15), rng.randint(horizon + 30, HEIGHT - 5)
        rects.append((x, feet - 28, x + 10, feet, rng.choice(CLOTHES)))
        circles.append((x + 5, feet - 33, 5, (235, 200, 170)))
    rows = []
    for y in range(HEIGHT):
        if y < horizon:
            base = _blend(sky_top, (225, 235, 245), y / horizon)
        else:
            base = _blend(ground, (40, 60, 40), (y - horizon) / (HEIGHT - horizon) * 0.5)
        row = bytearray(bytes(base) * WIDTH)
        for x0, y0, x1, y1, color in rects:
            if y0 <= y < y1:
                _span(row, x0, x1, color)
        for cx, cy, radius, color in circles:
            if abs(y - cy) < radius:
                half = isqrt(radius * radius - (y - cy) ** 2)
                _span(row, cx - half, cx + half, color)
        rows.append(bytes(row))
    return png(WIDTH, HEIGHT, rows)


def _span(row: bytearray, x0: int, x1: int, color: Color) -> None:
    x0, x1 = max(x0, 0), min(x1, WIDTH)
    if x1 > x0:
        row[3 * x0 : 3 * x1] = bytes(color) * (x1 - x0)
