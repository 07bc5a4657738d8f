"""A provider's spreadsheet (saved as CSV) as drafts, one per service, each with its row number.
Copes with what spreadsheets do: Windows-1252 text, guidance rows above the data, blank rows,
and merged cells, which export as a value in the first row and blanks below it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from . import fields
from .mapping import Mapping
from .record import WARNING, Draft

LISTS = ("themes", "needs", "languages", "areas", "covers", "keywords")
_LOCATION = ("location_name", "location_address", "location_address_1", "location_address_2", "location_town",
             "location_postcode", "location_accessibility", "location_latitude", "location_longitude")
_YES, _NO = {"yes", "y", "true", "1", "free"}, {"no", "n", "false", "0"}


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-8 (with or without a BOM), else Windows-1252."""
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _header_row(rows: list[list[str]], known: dict[str, str]) -> int:
    """The first row naming at least two mapped columns (templates put titles above it)."""
    for i, row in enumerate(rows[:30]):
        if sum(cell.strip().casefold() in known for cell in row) >= 2:
            return i
    return 0


def _yes_no(text: str) -> bool | None:
    t = text.strip().casefold()
    return True if t in _YES else False if t in _NO else None


def _locations(cells: dict[str, str]) -> list[dict]:
    """Locations from the location_* cells; ' | ' parts are several locations, in order."""
    parts = {k: [p.strip() for p in cells.get(k, "").split(" | ")] if cells.get(k) else [] for k in _LOCATION}
    count = max((len(p) for p in parts.values()), default=0)
    out = []
    for i in range(count):
        get = lambda k: parts[k][i] if i < len(parts[k]) else ""  # noqa: E731
        address = get("location_address") or ", ".join(
            x for x in (get("location_address_1"), get("location_address_2"), get("location_town")) if x)
        loc = {"name": get("location_name"), "address": address, "postcode": get("location_postcode"),
               "accessibility": fields.split(get("location_accessibility")),
               "latitude": get("location_latitude"), "longitude": get("location_longitude")}
        if any(v for v in loc.values()):
            out.append(loc)
    return out


def _draft(where: str, cells: dict[str, str]) -> Draft:
    d = Draft(where)
    v = d.values
    for key in ("id", "name", "summary", "description", "organisation", "eligibility", "how_to_access", "ages",
                "hours", "cost_details"):
        if cells.get(key):
            v[key] = cells[key]
    if not v.get("hours") and cells.get("weekday") and cells.get("opens_at"):
        v["hours"] = f"{cells['weekday'].title()} {cells['opens_at'][:5]} to {cells.get('closes_at', '')[:5]}".strip()
    for key in LISTS:
        if cells.get(key):
            v[key] = fields.split(cells[key])
    for key in ("age_min", "age_max"):
        if cells.get(key):
            v[key] = fields.number(cells[key])
            if v[key] is None:
                d.note(WARNING, "age_range", f"{cells[key]!r} in {key} is not an age")
                v["ages"] = cells[key]
    contact = {"name": cells.get("contact_name", ""), "website": cells.get("contact_website", ""),
               "phones": [cells["contact_phone"]] if cells.get("contact_phone") else [],
               "emails": [cells["contact_email"]] if cells.get("contact_email") else []}
    v["contact"] = contact
    if cells.get("last_reviewed"):
        v["last_reviewed"] = fields.day(cells["last_reviewed"])
        if v["last_reviewed"] is None:
            d.note(WARNING, "last_reviewed", f"{cells['last_reviewed']!r} is not a date")
    free = _yes_no(cells.get("cost_free", ""))
    charged = _yes_no(cells.get("cost_charged", ""))
    v["cost_free"] = free if free is not None else (None if charged is None else not charged)
    if cells.get("cost_amount") and not v.get("cost_details"):
        amount = cells["cost_amount"].strip().lstrip("£")
        try:
            v["cost_free"] = float(amount) == 0 if v["cost_free"] is None else v["cost_free"]
            per = cells.get("cost_per", "").strip().lower()
            v["cost_details"] = f"£{float(amount):.2f}" + (f" per {per}" if per else "")
        except ValueError:
            v["cost_details"] = cells["cost_amount"]
    v["locations"] = _locations(cells)
    status = cells.get("status", "").strip().casefold()
    if status:
        v["status"] = {"temporarily closed": "temporarily-closed"}.get(status, status)
    return d


def _merge(parent: dict[str, str], child: dict[str, str]) -> None:
    """A continuation row: it fills the parent's blanks and adds to what can hold several values."""
    for key, value in child.items():
        if not value:
            continue
        if not parent.get(key):
            parent[key] = value
        elif key in LISTS or key == "location_accessibility":
            parent[key] += "; " + value
        elif key in ("hours", "description"):
            parent[key] += "\n" + value


def read(path: Path, mapping: Mapping) -> tuple[list[Draft], list[str]]:
    """Drafts from a CSV file, and notes about the file as a whole (encoding, unknown columns)."""
    text, encoding = decode(path.read_bytes())
    notes = [f"read as {encoding}"] if encoding != "UTF-8" else []
    rows = list(csv.reader(io.StringIO(text, newline="")))
    known = mapping.column_fields()
    top = _header_row(rows, known)
    header = [cell.strip().casefold() for cell in rows[top]] if rows else []
    unused = [rows[top][i].strip() for i, h in enumerate(header) if h and h not in known]
    if unused:
        notes.append("columns not imported: " + ", ".join(unused))
    if "name" not in {known.get(h) for h in header}:
        notes.append("no column gives the service name; map one with `name = [...]` in a mapping file")
    # Each field's columns, in the order the mapping names them: the first with a value wins.
    order: dict[str, list[int]] = {}
    for field, names in mapping.columns.items():
        wanted = [n.strip().casefold() for n in names]
        order[field] = sorted((i for i, h in enumerate(header) if h in wanted), key=lambda i: wanted.index(header[i]))
    found: list[tuple[int, dict[str, str]]] = []
    last_values: dict[str, str] = {}
    skipping = False
    for number, row in enumerate(rows[top + 1:], top + 2):
        if not any(cell.strip() for cell in row):
            continue  # a blank row
        first = row[0].strip().casefold() if row else ""
        if any(first.startswith(s) for s in mapping.skip_first_cell):
            skipping = True
            continue
        cells = {}
        for field, columns in order.items():
            value = next((row[i].strip() for i in columns if i < len(row) and row[i].strip()), "")
            if value:
                cells[field] = value
        if not cells.get("name"):
            if found and not skipping:
                _merge(found[-1][1], cells)
            continue
        skipping = False
        for key in mapping.fill_down:
            if not cells.get(key) and last_values.get(key):
                cells[key] = last_values[key]
        last_values = {k: cells.get(k, "") for k in mapping.fill_down}
        found.append((number, cells))
    return [_draft(f"{path.name} row {number}", cells) for number, cells in found], notes
