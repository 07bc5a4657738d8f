"""Command line: a thin layer over the pipeline. Exit 0 fine, 1 content errors, 2 usage/config."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from . import links, markdown, pipeline
from .diagnostics import (ERROR, ConfigError, ContentError, Diagnostic, apply_strictness, counts, errors, plural,
                          text_lines, visible)

COMMANDS = ("build", "check", "serve", "import", "report", "reviewed")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="localoffer", description="Build a SEND Local Offer website.")
    sub = parser.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=Path("."), help="site folder (with site.toml)")
    common.add_argument("-v", "--verbose", action="store_true", help="list every record past its review date")
    b = sub.add_parser("build", parents=[common], help="build the site into _site/")
    b.add_argument("--out", type=Path, help="output folder (default: ROOT/_site)")
    b.add_argument("--base-url", help="override site.toml's base_url, e.g. /local-offer/")
    b.add_argument("--no-search", action="store_true", help="skip the search index")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--fail-overdue", action="store_true", help="treat overdue reviews as errors")
    b.add_argument("--no-cache", action="store_true", help="rebuild every page, ignoring .cache/")
    c = sub.add_parser("check", parents=[common], help="check content without writing anything")
    c.add_argument("--format", choices=("text", "github", "json"), default="text")
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    c.add_argument("--fail-overdue", action="store_true", help="treat overdue reviews as errors")
    c.add_argument("--links", action="store_true", help="also build to a temporary folder and check every internal link")
    c.add_argument("--external", action="store_true",
                   help="also try every link to another site (warnings; errors with --strict)")
    s = sub.add_parser("serve", parents=[common], help="build, serve and rebuild on change")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this computer only)")
    s.add_argument("--no-search", action="store_true", help="skip the search index")
    i = sub.add_parser("import", parents=[common], help="make services/*.yaml from a spreadsheet or an ORUK export",
                       description="List what would be created or changed; with --write, write it.")
    i.add_argument("kind", choices=("csv", "oruk"), help="csv: a spreadsheet saved as CSV; oruk: ORUK JSON")
    i.add_argument("source", type=Path, help="the CSV file, or an ORUK JSON file or folder of them")
    i.add_argument("--mapping", type=Path, help="import mapping (default: localoffer_ssg/data/import-mapping.toml)")
    i.add_argument("--write", action="store_true", help="write the new service files (default: a dry run)")
    i.add_argument("--force", action="store_true", help="with --write, also replace existing service files")
    r = sub.add_parser("report", parents=[common], help="what editors should look at: reviews, gaps, links")
    r.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    r.add_argument("--reviews", action="store_true", help="only records past or coming up to their review date")
    m = sub.add_parser("reviewed", parents=[common], help="set last_reviewed in service or page files")
    m.add_argument("files", nargs="+", help="files such as services/swim-club.yaml")
    m.add_argument("--date", type=_date, help="the date checked, like 2026-06-01 (default: today)")
    return parser


def _date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-06-01") from None


def check_hint(root: Path) -> str:
    """The command that lists what a text report sums up."""
    return "localoffer check" + ("" if root == Path(".") else f" --root {root}") + " --verbose"


def _print(diags: list[Diagnostic], fmt: str = "text", args=None) -> None:
    """Machines (json, github) get every diagnostic; people get text_lines(), errors last."""
    if fmt == "json":
        print(json.dumps([asdict(d) for d in diags], indent=2))
    elif fmt == "github":
        for d in diags:
            print(visible(f"::{d.level} file={d.path},line={d.line or 1},col={d.col or 1},"
                          f"title={d.field or d.level}::{d.message}"))
    else:
        root = getattr(args, "root", Path("."))
        for line in text_lines(diags, getattr(args, "verbose", False), check_hint(root)):
            print(line, file=sys.stderr)


def _check(args) -> int:
    opts = pipeline.Options(root=args.root, strict=args.strict, fail_overdue=args.fail_overdue)
    config, diags = pipeline.check(opts)
    if args.links and not errors(diags):
        with tempfile.TemporaryDirectory() as tmp:
            opts.out = Path(tmp) / "site"
            result = pipeline.build(pipeline.Options(**{**vars(opts), "search": False}))
            diags += [Diagnostic(p, 0, 0, ERROR, "", m) for p, m in links.broken(result.out, config.base_path)]
    if args.external and not errors(diags):
        from . import external, load

        found = external.check(config.root, load.load_sources(config.root))
        diags += apply_strictness(found, args.strict, False)
    _print(diags, args.format, args)
    if args.format == "text":
        print(f"{counts(diags)}." if errors(diags) else "No errors found." + (
            f" {plural(len(diags), 'warning')}." if diags else ""), file=sys.stderr)
    return 1 if errors(diags) else 0


def _build_opts(args) -> pipeline.Options:
    return pipeline.Options(root=args.root, out=getattr(args, "out", None), base_url=getattr(args, "base_url", None),
                            search=not args.no_search, strict=getattr(args, "strict", False),
                            cache=not getattr(args, "no_cache", False),
                            fail_overdue=getattr(args, "fail_overdue", False))


def _engine_note() -> None:
    """Said once a run: without the Rust renderer the build works, only more slowly."""
    if markdown.engine() != "markdown-it-pyrs" and os.environ.get("LOCALOFFER_MARKDOWN") != "python":
        print("note: markdown-it-pyrs is not installed, so Markdown is rendered by markdown-it-py, which gives "
              "the same pages more slowly; `bash install.sh` installs it", file=sys.stderr)


def _build(args) -> int:
    _engine_note()
    result = pipeline.build(_build_opts(args))
    _print(result.diagnostics, "text", args)
    for note in result.notes:  # what git could not date: not a fault in the content
        print(f"warning: {note}", file=sys.stderr)
    notes = [f"{result.rendered} rendered, the rest unchanged"] if result.rendered < result.pages else []
    notes += [plural(len(result.diagnostics), "warning")] if result.diagnostics else []
    print(f"Built {result.pages} pages into {result.out}" + (f" ({'; '.join(notes)})" if notes else ""),
          file=sys.stderr)
    return 0


def _report(args) -> int:
    from . import report

    found, diags = report.make(args.root)
    if args.format == "json":
        print(report.to_json(found))
    elif args.reviews:
        print("\n".join(report.reviews(found, args.format == "markdown")))
    else:
        print(report.to_text(found, args.format == "markdown"), end="")
    return 1 if errors(diags) else 0


def _reviewed(args) -> int:
    from . import reviewed

    outcomes = reviewed.mark(args.root, args.files, args.date or pipeline.today())
    for o in outcomes:
        print(f"{o.path}: {o.message}" if o.ok else f"{o.path}: error: {o.message}",
              file=sys.stdout if o.ok else sys.stderr)
    return 0 if all(o.ok for o in outcomes) else 1


def _serve(args) -> int:
    from .serve import serve

    _engine_note()
    opts = _build_opts(args)
    opts.base_url = f"http://{args.host}:{args.port}/"
    root = args.root.resolve()
    out = root / "_site"
    opts.out = out
    kept: list = [None]  # the last good build's cache, kept in memory between rebuilds

    def rebuild(changed: set[Path] | None) -> pipeline.Result:
        result = pipeline.build(opts, kept[0], changed, finish_now=False)
        kept[0] = result.cache
        return result

    return serve(root, out, args.port, rebuild, lambda result: pipeline.finish(opts, result),
                 verbose=args.verbose, hint=check_hint(args.root), host=args.host)


def _import(args) -> int:
    from . import importing

    return importing.run(args.kind, args.source, args.root, args.mapping, args.write, args.force)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["build", *argv]
    args = _parser().parse_args(argv)
    try:
        return {"build": _build, "check": _check, "serve": _serve, "import": _import, "report": _report,
                "reviewed": _reviewed}[args.command](args)
    except ContentError as exc:
        fmt = getattr(args, "format", "text")
        _print(exc.diagnostics, fmt, args)
        if fmt == "text":
            stopped = " Build stopped: nothing was written." if args.command == "build" else ""
            print(f"{counts(exc.diagnostics)}.{stopped}", file=sys.stderr)
        return 1
    except ConfigError as exc:
        for d in exc.diagnostics:
            print(d, file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def run() -> None:
    """The `localoffer` command. A build or check is the process's last act: the objects it makes
    are never searched for cycles, neither while it runs nor when the interpreter exits."""
    argv = sys.argv[1:]
    one_shot = not argv or argv[0] != "serve"
    if one_shot:
        gc.disable()
    code = main(argv)
    if one_shot:
        gc.freeze()  # the exit's last collection skips frozen objects
    sys.exit(code)
