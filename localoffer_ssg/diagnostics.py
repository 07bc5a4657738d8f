"""Messages about content, in the `path:line:col: level: field: message` form editors act on."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from typing import Iterable

ERROR = "error"
WARNING = "warning"

# Control characters and text-direction marks that a message may quote from a file: written to a
# terminal or a CI log as they are, they could clear the screen or reorder what is shown.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`text` with hidden and control characters written as U+XXXX."""
    return _HIDDEN.sub(lambda m: f"U+{ord(m[0]):04X}", text)


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    level: str
    field: str
    message: str
    kind: str = ""  # e.g. 'overdue', so options can treat some warnings apart

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        field = f"{self.field}: " if self.field else ""
        return visible(f"{where}: {self.level}: {field}{self.message}")


class ContentError(Exception):
    """Raised when content has errors; carries every diagnostic of the run."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} problem(s)")
        self.diagnostics = diagnostics

    def __reduce__(self):  # survive the trip back from a worker process
        return (type(self), (self.diagnostics,))


class ConfigError(Exception):
    """Raised for a broken site.toml or unusable options (exit code 2)."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' Did you mean ...?' hint, or an empty string when nothing is close."""
    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def one_of(choices: Iterable[str]) -> str:
    return ", ".join(sorted(choices))


def apply_strictness(diags: Iterable[Diagnostic], strict: bool, fail_overdue: bool) -> list[Diagnostic]:
    """--strict turns warnings into errors; an overdue review only with --fail-overdue."""
    out = []
    for d in diags:
        escalate = d.level == WARNING and (fail_overdue if d.kind == "overdue" else strict)
        out.append(replace(d, level=ERROR) if escalate else d)
    return out


def errors(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diags if d.level == ERROR]


def sort_unique(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diags))


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def counts(diags: Iterable[Diagnostic]) -> str:
    """'2 errors, 1 warning': the tally that ends a text report."""
    diags = list(diags)
    n_err = len(errors(diags))
    return f"{plural(n_err, 'error')}, {plural(len(diags) - n_err, 'warning')}"


def overdue_line(overdue: list[Diagnostic], hint: str) -> str:
    """One line for every record past its review date: a long list would bury real problems."""
    services = sum(d.path.startswith("services/") for d in overdue)
    parts = [plural(n, word) for n, word in ((services, "service"), (len(overdue) - services, "page")) if n]
    verb = "is past its" if len(overdue) == 1 else "are past their"
    return f"{' and '.join(parts)} {verb} review date: run `{hint}` to list them"


def text_lines(diags: Iterable[Diagnostic], verbose: bool = False,
               hint: str = "localoffer check --verbose") -> list[str]:
    """Warnings, then errors last so none hides among warnings; overdue reviews are summed up in
    one line unless `verbose`. Each group keeps file order."""
    diags = list(diags)
    warnings = sorted(d for d in diags if d.level != ERROR)
    overdue = [] if verbose else [d for d in warnings if d.kind == "overdue"]
    lines = [str(d) for d in warnings if not (overdue and d.kind == "overdue")]
    if overdue:
        lines.append(f"warning: {overdue_line(overdue, hint)}")
    return lines + [str(d) for d in sorted(errors(diags))]
