"""Tables in and out, as people keep them in Excel: CSV (UTF-8 or GB18030) and XLSX, with
column headers in Chinese (English accepted too)."""

import csv
import io
import tempfile
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote

from fastapi.responses import StreamingResponse
from openpyxl import Workbook, load_workbook

TableFormat = Literal["csv", "xlsx"]
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_MAGIC = b"PK\x03\x04"
TABLE_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {CSV_MEDIA_TYPE: {}, XLSX_MEDIA_TYPE: {}}, "description": "The table."}
}


@dataclass(frozen=True)
class Column:
    """One column of a table: its headers and how a value goes out to a cell."""

    key: str
    zh: str
    en: str
    to_cell: Callable[[Any], Any] = lambda value: value
    from_cell: Callable[[str], Any] = lambda text: text or None
    aliases: tuple[str, ...] = ()

    def matches(self, header: str) -> bool:
        """Whether a header written by a person names this column."""
        names = {self.zh, self.en, self.key, *self.aliases}
        return _normalized(header) in {_normalized(name) for name in names}


def _normalized(header: str) -> str:
    """A header without case, spaces, underscores or the width of its brackets."""
    table = str.maketrans({"（": "(", "）": ")", " ": None, "_": None, "\u3000": None})
    return header.strip().lower().translate(table)


class TableError(ValueError):
    """The file is not a table this app can read."""


def cell_text(value: Any) -> str:
    """A cell as text, the way a person typed it (dates as YYYY-MM-DD, no trailing .0)."""
    if value is None:
        return ""
    if hasattr(value, "date") and callable(value.date):
        return str(value.date())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(content: bytes) -> tuple[list[str], Iterator[list[str]]]:
    """The headers and the rows (as text) of a CSV or XLSX file."""
    if content.startswith(XLSX_MAGIC):
        return _read_xlsx(content)
    return _read_csv(content)


def _read_csv(content: bytes) -> tuple[list[str], Iterator[list[str]]]:
    # Excel on a Chinese Windows saves CSV as GB18030 unless told otherwise.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableError("the file is neither UTF-8 nor GB18030 text")
    if "\x00" in text:
        raise TableError("the file is not a CSV or XLSX table")
    reader = csv.reader(io.StringIO(text))
    headers = next(reader, None)
    if not headers:
        raise TableError("the file is empty")
    return [h.strip() for h in headers], ([cell.strip() for cell in row] for row in reader)


def _read_xlsx(content: bytes) -> tuple[list[str], Iterator[list[str]]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise TableError("the XLSX file cannot be read") from exc
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    headers = next(rows, None)
    if not headers:
        raise TableError("the file is empty")
    return [cell_text(h) for h in headers], ([cell_text(c) for c in row] for row in rows)


def map_headers(headers: list[str], columns: list[Column]) -> dict[int, Column]:
    """Which column each header position holds; unknown headers are ignored."""
    mapping = {}
    for position, header in enumerate(headers):
        for column in columns:
            if column.matches(header):
                mapping[position] = column
                break
    return mapping


async def csv_stream(
    columns: list[Column], rows: AsyncIterator[dict[str, Any]]
) -> AsyncIterator[bytes]:
    """A CSV file, streamed row by row, with a BOM so that Excel reads the Chinese right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.zh for column in columns])
    yield ("\ufeff" + buffer.getvalue()).encode()
    async for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_out(column, row) for column in columns])
        yield buffer.getvalue().encode()


async def xlsx_stream(
    columns: list[Column], rows: AsyncIterator[dict[str, Any]]
) -> AsyncIterator[bytes]:
    """An XLSX file: built row by row in a temporary file, then streamed in chunks."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([column.zh for column in columns])
    async for row in rows:
        sheet.append([_out(column, row) for column in columns])
    with tempfile.TemporaryFile() as file:
        workbook.save(file)
        file.seek(0)
        while chunk := file.read(64 * 1024):
            yield chunk


def table_response(
    table_format: TableFormat,
    filename: str,
    columns: list[Column],
    rows: AsyncIterator[dict[str, Any]],
) -> StreamingResponse:
    """A download of rows as CSV or XLSX, streamed, named in Chinese where the browser can."""
    stream = csv_stream(columns, rows) if table_format == "csv" else xlsx_stream(columns, rows)
    media_type = CSV_MEDIA_TYPE if table_format == "csv" else XLSX_MEDIA_TYPE
    name = f"{filename}.{table_format}"
    disposition = f"attachment; filename=\"export.{table_format}\"; filename*=UTF-8''{quote(name)}"
    return StreamingResponse(
        stream, media_type=media_type, headers={"Content-Disposition": disposition}
    )


def _out(column: Column, row: dict[str, Any]) -> Any:
    value = column.to_cell(row.get(column.key))
    return "" if value is None else value


def yes_no(value: bool | None) -> str:
    """是 or 否."""
    return "" if value is None else ("是" if value else "否")


def parse_yes_no(text: str) -> bool | None:
    """是/否, yes/no, true/false, 1/0, or blank."""
    lowered = text.strip().lower()
    if not lowered:
        return None
    if lowered in {"是", "yes", "y", "true", "1", "√"}:
        return True
    if lowered in {"否", "no", "n", "false", "0", "×"}:
        return False
    raise ValueError("must be 是 or 否")


def parse_date(text: str) -> str | None:
    """2024-05-01, 2024/5/1, 2024.5.1 or 20240501, as ISO text (or None when blank)."""
    cleaned = text.strip().replace("/", "-").replace(".", "-")
    if not cleaned:
        return None
    if cleaned.isdigit() and len(cleaned) == 8:
        cleaned = f"{cleaned[:4]}-{cleaned[4:6]}-{cleaned[6:]}"
    parts = cleaned.split("-")
    if len(parts) == 3 and all(part.isdigit() for part in parts):
        return f"{int(parts[0]):04d}-{int(parts[1]):02d}-{int(parts[2]):02d}"
    return cleaned


def enum_from_text(enum: Any) -> Callable[[str], Any]:
    """A parser accepting an enumeration's code, Chinese or English label."""

    def parse(text: str) -> Any:
        wanted = text.strip().lower()
        if not wanted:
            return None
        for member in enum:
            if wanted in {member.value, member.zh.lower(), member.en.lower()}:
                return member.value
        raise ValueError(f"must be one of {'、'.join(member.zh for member in enum)}")

    return parse


def enum_label(value: Any) -> str:
    """An enumeration value shown by its Chinese label."""
    return "" if value is None else str(value.zh)


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Items in lists of at most `size`."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
