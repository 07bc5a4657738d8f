"""`localoffer import csv|oruk`: a provider spreadsheet or an ORUK export into services/*.yaml.
A dry run unless told to write; an existing file is only replaced with --force."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import load, routes
from ..config import load_config
from ..validate import Rules, known_paths
from ..yamlsource import parse_yaml
from . import mapping as mappings
from . import openreferral, record, tabular

KINDS = ("csv", "oruk")


@dataclass
class Plan:
    made: record.Made
    action: str  # create, change, unchanged, refused
    why: str = ""


def _ids(drafts: list[record.Draft], taken: set[str]) -> list[str]:
    """A file name for each draft: the id it carries, else one from its name; never twice."""
    out, used = [], set()
    for d in drafts:
        given = str(d.values.get("id") or "")
        base = given if load.ID_PATTERN.match(given) else load.slug(str(d.values.get("name") or "service"))[:60].strip("-")
        new, n = base, 2
        while new in used:
            new, n = f"{base}-{n}", n + 1
        used.add(new)
        out.append(new)
    return out


def _differences(old: dict, new: dict) -> list[str]:
    return [k for k in dict.fromkeys([*new, *old]) if old.get(k) != new.get(k)]


def plan(kind: str, source: Path, root: Path, mapping_file: Path | None, today: dt.date) -> tuple[list[Plan], list[str]]:
    """What importing `source` into the site at `root` would do, and notes about the source."""
    config = load_config(root.resolve())
    sources = load.load_site_files(config.root)
    table = mappings.load(mapping_file, config)
    if kind == "csv":
        drafts, notes = tabular.read(source, table)
    else:
        drafts, notes = openreferral.read(source)
    files, _ = load.scan_services(config.root)
    existing = {f.id: f for f in files}
    ids = _ids(drafts, set(existing))
    known, _ = known_paths(config, sources.pages, [])
    known |= {routes.service(i) for i in [*existing, *ids]}
    ctx = record.Context(config, table, Rules.of(config, sources), today, known)
    plans = []
    for d, service_id in zip(drafts, ids):
        made = record.make(d, service_id, ctx)
        if made.record is None:
            plans.append(Plan(made, "refused"))
            continue
        file = existing.get(service_id)
        if file is None:
            plans.append(Plan(made, "create"))
            continue
        located, _ = parse_yaml(Path(file.path).read_text("utf-8"), file.rel)
        old = located.data if located is not None and isinstance(located.data, dict) else {}
        new = parse_yaml(made.text, file.rel)[0].data
        changed = _differences(old, new)
        plans.append(Plan(made, "change", ", ".join(changed)) if changed else Plan(made, "unchanged"))
    return plans, notes


def _print_plan(plans: list[Plan], notes: list[str], source: Path, write: bool, force: bool) -> None:
    out = sys.stdout
    for note in notes:
        print(f"{source}: {note}", file=out)
    for p in plans:
        d, rel = p.made.draft, f"services/{p.made.id}.yaml"
        name = d.values.get("name") or "(no name)"
        head = {"create": f"create {rel}", "unchanged": f"unchanged {rel}",
                "change": f"change {rel} ({p.why} changed)" + ("" if force else ": kept; add --force to replace it"),
                "refused": f"cannot import: {rel} not written"}[p.action]
        print(f"{d.where} ({name}): {head}", file=out)
        for level, field, message in d.notes:
            print(f"  {level}: {field or 'record'}: {message}", file=out)


def run(kind: str, source: Path, root: Path, mapping_file: Path | None, write: bool, force: bool,
        today: dt.date | None = None) -> int:
    """Plan, print, and with `write` write. 0: all imported; 1: some records could not be."""
    if not source.exists():
        raise FileNotFoundError(f"no such file or folder: {source}")
    plans, notes = plan(kind, source, root, mapping_file, today or dt.date.today())
    _print_plan(plans, notes, source, write, force)
    folder = root / "services"
    written = 0
    if write:
        for p in plans:
            if p.action == "create" or (p.action == "change" and force):
                folder.mkdir(exist_ok=True)
                (folder / f"{p.made.id}.yaml").write_text(p.made.text, "utf-8")
                written += 1
    count = {a: sum(p.action == a for p in plans) for a in ("create", "change", "unchanged", "refused")}
    summary = (f"{count['create']} to create, {count['change']} to change, {count['unchanged']} unchanged, "
               f"{count['refused']} cannot be imported.")
    tail = f" Wrote {written} file(s)." if write else " Dry run: nothing written; add --write to write them."
    print(summary + tail, file=sys.stderr)
    return 1 if count["refused"] or not plans else 0
