"""Tables in and out, as people keep them in Excel: CSV (UTF-8 or GB18030) and XLSX, with
column headers in Chinese (English accepted too)."""

import codecs
import csv
import io
import tempfile
import zipfile
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote

from fastapi.responses import StreamingResponse
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from grassroots.core.config import (
    MAX_IMPORT_ROWS,
    MAX_UPLOAD_COMPRESSION_RATIO,
    MAX_UPLOAD_UNCOMPRESSED_BYTES,
    Settings,
)
from grassroots.core.validation import ValueProblem

DATE_FORMAT = "YYYY-MM-DD"
YES, NO = "是", "否"

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
    private: bool = False  # personal data: shown masked when a problem quotes the cell
    note: str = ""  # how to fill it in, for the import template's notes (in Chinese)
    choices: tuple[str, ...] = ()  # the values it takes, as written in a table
    imported: bool = True  # False for a column the export writes and the import ignores

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


class ArchiveTooLarge(TableError):
    """An XLSX file whose archive would expand past the limits (a "zip bomb")."""


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutralized(value: Any) -> Any:
    """A value safe to put in a cell: text that a spreadsheet would run as a formula gets a
    leading quote (so does text that already starts with quotes before such a character, so
    that `unquoted` gives back exactly what was written); numbers and dates are left alone."""
    if isinstance(value, str) and value.lstrip(QUOTE).startswith(FORMULA_TRIGGERS):
        return QUOTE + value
    return value


def unquoted(text: str) -> str:
    """A cell read back without the quote `neutralized` put before it, and only that one."""
    if text.startswith(QUOTE) and text.lstrip(QUOTE).startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def cell_text(value: Any) -> str:
    """A cell as text, the way a person typed it (dates as YYYY-MM-DD, no trailing .0)."""
    if value is None:
        return ""
    if hasattr(value, "date") and callable(value.date):
        return str(value.date())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unquoted(str(value)).strip()


@dataclass(frozen=True)
class ReadLimits:
    """How large an uploaded table may be: checked before it is parsed, and while it is."""

    max_rows: int = MAX_IMPORT_ROWS
    max_uncompressed_bytes: int = MAX_UPLOAD_UNCOMPRESSED_BYTES
    max_compression_ratio: int = MAX_UPLOAD_COMPRESSION_RATIO
    max_entries: int = 1000
    # Small parts of a workbook (styles, an empty sheet) compress very well and harm no one.
    ratio_floor_bytes: int = 1024 * 1024

    @classmethod
    def of(cls, settings: Settings) -> "ReadLimits":
        """The limits the settings set."""
        return cls(
            max_rows=settings.max_import_rows,
            max_uncompressed_bytes=settings.max_upload_uncompressed_bytes,
            max_compression_ratio=settings.max_upload_compression_ratio,
        )


def check_archive(content: bytes, limits: ReadLimits) -> None:
    """Refuse an XLSX file whose archive declares more entries, more bytes or a higher
    compression ratio than allowed, reading only its directory. The declared sizes bind:
    Python's zipfile stops inflating an entry at its declared size."""
    if not content.startswith(XLSX_MAGIC):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise TableError("the XLSX file cannot be read") from exc
    if len(entries) > limits.max_entries:
        raise ArchiveTooLarge(f"the XLSX file holds more than {limits.max_entries} parts")
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_uncompressed_bytes:
        raise ArchiveTooLarge(
            f"the XLSX file expands to {total} bytes, more than the "
            f"{limits.max_uncompressed_bytes} allowed"
        )
    for entry in entries:
        if (
            entry.file_size > limits.ratio_floor_bytes
            and entry.file_size > limits.max_compression_ratio * max(entry.compress_size, 1)
        ):
            raise ArchiveTooLarge(
                f"a part of the XLSX file is compressed more than "
                f"{limits.max_compression_ratio} to 1"
            )


def read_table(
    content: bytes, limits: ReadLimits | None = None
) -> tuple[list[str], Iterator[list[str]]]:
    """The headers and the rows (as text, read as a stream) of a CSV or XLSX file; an XLSX
    file is first checked against the limits."""
    if content.startswith(XLSX_MAGIC):
        check_archive(content, limits or ReadLimits())
        return _read_xlsx(content)
    return _read_csv(content)


def _encoding_of(content: bytes) -> str:
    """UTF-8 or, as Excel on a Chinese Windows saves CSV unless told otherwise, GB18030;
    checked piece by piece so that the whole text is never held at once."""
    step = 1024 * 1024
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for start in range(0, len(content), step):
                decoder.decode(content[start : start + step])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise TableError("the file is neither UTF-8 nor GB18030 text")


def _read_csv(content: bytes) -> tuple[list[str], Iterator[list[str]]]:
    if b"\x00" in content:
        raise TableError("the file is not a CSV or XLSX table")
    text = io.TextIOWrapper(io.BytesIO(content), encoding=_encoding_of(content), newline="")
    reader = csv.reader(text)
    try:
        headers = next(reader, None)
    except csv.Error as exc:
        raise TableError("the CSV file cannot be read") from exc
    if not headers:
        raise TableError("the file is empty")
    return [h.strip() for h in headers], _guarded(
        [cell_text(cell) for cell in row] for row in reader
    )


def _read_xlsx(content: bytes) -> tuple[list[str], Iterator[list[str]]]:
    try:
        # Read-only mode streams the sheet's rows instead of building every cell first.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        headers = next(rows, None)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise TableError("the XLSX file cannot be read") from exc
    if not headers:
        raise TableError("the file is empty")
    return [cell_text(h) for h in headers], _guarded([cell_text(c) for c in row] for row in rows)


def _guarded(rows: Iterator[list[str]]) -> Iterator[list[str]]:
    """Rows of a table, a damaged part of the file reported as a TableError."""
    try:
        yield from rows
    except Exception as exc:  # csv.Error, and the many kinds openpyxl raises
        raise TableError("a part of the file cannot be read") from exc


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
        writer.writerow([neutralized(_out(column, row)) for column in columns])
        yield buffer.getvalue().encode()


async def xlsx_stream(
    columns: list[Column], rows: AsyncIterator[dict[str, Any]]
) -> AsyncIterator[bytes]:
    """An XLSX file: built row by row in a temporary file, then streamed in chunks."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([column.zh for column in columns])
    async for row in rows:
        sheet.append([xlsx_cell(sheet, _out(column, row)) for column in columns])
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
    return StreamingResponse(
        stream, media_type=media_type, headers=download_headers(filename, table_format)
    )


def xlsx_cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """A value for an XLSX cell: text neutralized and typed as text, never as a formula;
    anything else (numbers, dates) as it is."""
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=neutralized(value))
    cell.data_type = "s"
    return cell


def download_headers(filename: str, table_format: TableFormat) -> dict[str, str]:
    """The headers that offer a table as a download named in Chinese where the browser can."""
    name = f"{filename}.{table_format}"
    return {
        "Content-Disposition": f'attachment; filename="export.{table_format}"; '
        f"filename*=UTF-8''{quote(name)}"
    }


@dataclass(frozen=True)
class Template:
    """What an import reads, to hand to people as a file to fill in."""

    title: str
    columns: list[Column]
    required: tuple[str, ...]
    example: dict[str, str]
    notes: tuple[str, ...]

    @property
    def imported(self) -> list[Column]:
        """The columns the import reads."""
        return [column for column in self.columns if column.imported]

    def is_example(self, cells: dict[str, str]) -> bool:
        """Whether a row is the template's example, left as it was (and so not data)."""
        return cells == {key: text for key, text in self.example.items() if text}


DATA_SHEET, EXAMPLE_SHEET, NOTES_SHEET = "导入", "示例", "说明"


def template_csv(template: Template) -> bytes:
    """The template as CSV: the header row and the example row (which the import skips as
    long as it is left unchanged)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.zh for column in template.imported])
    writer.writerow([neutralized(template.example.get(c.key, "")) for c in template.imported])
    return ("\ufeff" + buffer.getvalue()).encode()


def template_xlsx(template: Template) -> bytes:
    """The template as XLSX: a first sheet with only the headers to fill in (the one the
    import reads), an example sheet, and a sheet of notes on every column."""
    workbook = Workbook()
    data = workbook.active
    data.title = DATA_SHEET
    example = workbook.create_sheet(EXAMPLE_SHEET)
    notes = workbook.create_sheet(NOTES_SHEET)
    bold = Font(bold=True)
    columns = template.imported
    for sheet, rows in (
        (data, [[column.zh for column in columns]]),
        (example, [[c.zh for c in columns], [template.example.get(c.key, "") for c in columns]]),
    ):
        for values in rows:
            sheet.append([neutralized(value) for value in values])
        for position, column in enumerate(columns, start=1):
            sheet.cell(row=1, column=position).font = bold
            dimension = sheet.column_dimensions[get_column_letter(position)]
            dimension.width = max(12, 2 * len(column.zh) + 4)
            # As text, so that Excel keeps every digit of an identity number and the leading
            # zeros of a code instead of turning them into a number.
            dimension.number_format = "@"
    for line in template.notes:
        notes.append([line])
    notes.append([])
    notes.append(["列名", "是否必填", "可填写的值", "填写说明", "示例"])
    header_row = notes.max_row
    for column in columns:
        notes.append(
            [
                column.zh,
                "必填" if column.key in template.required else "选填",
                "、".join(column.choices),
                column.note,
                template.example.get(column.key, ""),
            ]
        )
    for position in range(1, 6):
        notes.cell(row=header_row, column=position).font = bold
    for letter, width in zip("ABCDE", (22, 10, 40, 70, 24), strict=True):
        notes.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _out(column: Column, row: dict[str, Any]) -> Any:
    value = column.to_cell(row.get(column.key))
    return "" if value is None else value


def yes_no(value: bool | None) -> str:
    """是 or 否."""
    return "" if value is None else (YES if value else NO)


def parse_yes_no(text: str) -> bool | None:
    """是/否, yes/no, true/false, 1/0, or blank."""
    lowered = text.strip().lower()
    if not lowered:
        return None
    if lowered in {YES, "yes", "y", "true", "1", "√"}:
        return True
    if lowered in {NO, "no", "n", "false", "0", "×"}:
        return False
    raise ValueProblem("invalid_yes_no", "must be 是 or 否", allowed=[YES, NO])


def parse_date(text: str) -> str | None:
    """2024-05-01, 2024/5/1, 2024.5.1 or 20240501, as ISO text (or None when blank); whether
    the day exists is left to the schema."""
    cleaned = text.strip().replace("/", "-").replace(".", "-")
    if not cleaned:
        return None
    if cleaned.isdigit() and len(cleaned) == 8:
        cleaned = f"{cleaned[:4]}-{cleaned[4:6]}-{cleaned[6:]}"
    parts = cleaned.split("-")
    if len(parts) == 3 and all(part.isdigit() for part in parts):
        return f"{int(parts[0]):04d}-{int(parts[1]):02d}-{int(parts[2]):02d}"
    raise ValueProblem("invalid_date", "must be a date such as 2024-05-01", format=DATE_FORMAT)


def enum_from_text(enum: Any) -> Callable[[str], Any]:
    """A parser accepting an enumeration's code, Chinese or English label."""

    def parse(text: str) -> Any:
        wanted = text.strip().lower()
        if not wanted:
            return None
        for member in enum:
            if wanted in {member.value, member.zh.lower(), member.en.lower()}:
                return member.value
        raise ValueProblem(
            "invalid_choice",
            f"must be one of {', '.join(member.en for member in enum)}",
            allowed=[member.zh for member in enum],
            allowed_values=[member.value for member in enum],
        )

    return parse


def masked(text: str) -> str:
    """A private value mostly hidden: its first three and last four characters shown only
    when enough stays hidden between them."""
    if len(text) < 11:
        return "*" * len(text)
    return text[:3] + "*" * (len(text) - 7) + text[-4:]


def labels(enum: Any) -> tuple[str, ...]:
    """The Chinese labels of an enumeration's values, as a table is filled in with them."""
    return tuple(member.zh for member in enum)


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
