"""`serve`: build, serve on 127.0.0.1, rebuild when a file changes and reload open pages."""

from __future__ import annotations

import functools
import html
import http.server
import json
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .diagnostics import ERROR, ConfigError, ContentError, Diagnostic, plural, text_lines

RELOAD_PATH = "/__reload"  # the number of good builds; `?after=N` waits for a newer one
STATUS_PATH = "/__status"  # JSON {build, version, errors}; `?after=V` waits for a newer version
BANNER_ID = "localoffer-build-errors"
SCRIPT_PATH = "/__status.js"
STYLE_PATH = "/__status.css"
# Only `serve` adds this to pages, as a file (pages allow no inline script or style). It starts
# from the state the page was served with (its data-state), then asks again and again with
# `?after=` the version it knows, which the server answers the moment a build succeeds (the page
# reloads) or fails (the banner shows the errors). The banner is built with DOM methods and
# textContent only: messages quote what editors typed.
STATUS_SCRIPT = """(function(){var me=document.currentScript,S=JSON.parse(me.dataset.state),shown='',id='%(id)s';
function draw(errors){var key=errors.join('\\n');if(key===shown)return;shown=key;
var old=document.getElementById(id);if(old)old.remove();if(!errors.length)return;
function el(tag,text){var e=document.createElement(tag);if(text)e.textContent=text;return e}
var box=el('section'),h=el('h2',errors.length===1?'The site did not build: 1 error':
'The site did not build: '+errors.length+' errors'),list=el('ul'),close=el('button','Dismiss');
box.id=id;box.setAttribute('role','alert');box.setAttribute('aria-labelledby',id+'-title');h.id=id+'-title';
errors.forEach(function(m){var li=el('li');li.appendChild(el('code',m));list.appendChild(li)});
close.type='button';close.addEventListener('click',function(){box.remove()});
box.addEventListener('keydown',function(e){if(e.key==='Escape')box.remove()});
box.append(h,el('p','This page shows the last good build. Fix these, save, and it reloads by itself.'),
list,close);document.body.prepend(box)}
var css=document.createElement('link');css.rel='stylesheet';css.href='%(style)s';document.head.append(css);
function ask(v){fetch('%(path)s?after='+v,{cache:'no-store'}).then(function(r){return r.json()})
.then(function(s){if(s.build!==S.build)location.reload();else{draw(s.errors);ask(s.version)}})
.catch(function(){setTimeout(function(){ask(v)},1000)})}
if(document.body)draw(S.errors);ask(S.version)})();
""" % {"id": BANNER_ID, "path": STATUS_PATH, "style": STYLE_PATH}
# Scoped to the banner and explicit about colours and fonts, so a theme's own styles for
# headings, lists or buttons cannot make it unreadable.
BANNER_CSS = (
    f"#{BANNER_ID}{{position:sticky;top:0;z-index:2147483647;box-sizing:border-box;max-height:60vh;"
    "overflow:auto;margin:0;padding:1rem 1.25rem;background:#fff;color:#0b0c0c;border:5px solid #d4351c;"
    "font:1.1rem/1.5 system-ui,sans-serif;text-align:left}"
    f"#{BANNER_ID} h2{{margin:0 0 .5rem;font:bold 1.4rem/1.3 system-ui,sans-serif;color:#0b0c0c}}"
    f"#{BANNER_ID} p{{margin:0 0 .5rem;color:#0b0c0c}}"
    f"#{BANNER_ID} ul{{margin:0 0 .75rem;padding-left:1.5rem;list-style:disc}}"
    f"#{BANNER_ID} code{{font:1rem/1.4 ui-monospace,monospace;white-space:pre-wrap;overflow-wrap:anywhere;"
    "color:#0b0c0c;background:none}"
    f"#{BANNER_ID} button{{font:inherit;padding:.3rem 1rem;color:#0b0c0c;background:#fff;"
    "border:2px solid #0b0c0c;border-radius:0;cursor:pointer}"
    f"#{BANNER_ID} button:focus{{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}}")
WAIT_SECONDS = 25  # an unanswered ask is answered anyway after this, and asked again
SETTLE_SECONDS = 0.01  # a save often arrives as several file events; they make one rebuild
QUIET_SECONDS = 1.0  # saving the cache and indexing wait until no change has come for this long


def _script_json(value) -> str:
    """JSON safe inside a <script> element, whatever text the messages quote."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def status_script(state: dict) -> bytes:
    """The tag that adds the banner script to a page, with the state the page is served with."""
    return f'<script src="{SCRIPT_PATH}" data-state="{html.escape(_script_json(state))}"></script>'.encode()


def _key(d: Diagnostic) -> tuple:
    """A warning's identity between builds: a line added above it moves it, it is not new."""
    return d.path, d.level, d.field, d.message


SOURCE_SUFFIXES = (".yaml", ".yml", ".md", ".toml", ".html", ".css", ".js")


def _names(root: Path, changed: set[Path]) -> str:
    """The changed files, for people: an editor's temporary files and the folders are left out."""
    rels = sorted(p.relative_to(root).as_posix() if root in p.parents else p.name for p in changed
                  if p.is_file() or not p.exists() and p.suffix in SOURCE_SUFFIXES)
    return ", ".join(rels[:3]) + (f" and {len(rels) - 3} more" if len(rels) > 3 else "")


class Builds:
    """Runs rebuilds and counts them: `number` the good ones, `version` every outcome (a failure
    too); the pages' script waits on them. Prints only what each rebuild changed."""

    def __init__(self, rebuild, after=None, root: Path = Path("."), verbose: bool = False,
                 hint: str = "localoffer check --verbose"):
        self.rebuild = rebuild  # rebuild(changed files or None) -> pipeline.Result
        self.after = after  # after(result): slower work once the pages are published
        self.root, self.verbose, self.hint = root, verbose, hint
        self.number = 0
        self.version = 0
        self.problems: list[str] = []  # the failed last build's errors, as the terminal shows them
        self.shown: Counter = Counter()  # the warnings the terminal has shown
        self.reported = False  # the first build's warnings have been printed
        self.gone = 0  # warnings the last build no longer has
        self.serving = True  # there is a site to serve (false only before a first good build)
        self.published = threading.Condition()
        self.pending = threading.Event()
        self.changed: set[Path] = set()
        self.lock = threading.Lock()

    def note(self, path: Path) -> None:
        with self.lock:
            self.changed.add(path)
        self.pending.set()

    def _warnings(self, diags: list[Diagnostic], failed: bool = False) -> list[str]:
        """Every warning (overdue ones summed up) after the first build; then only new ones. A
        failed build may carry no warnings at all, so it adds to what was shown, never removes."""
        warnings = [d for d in diags if d.level != ERROR]
        seen, now = self.shown.copy(), Counter(map(_key, warnings))
        self.shown = self.shown | now if failed else now
        if not self.reported:
            self.reported = True
            return text_lines(warnings, self.verbose, self.hint)
        new = []
        for d in warnings:
            if seen[_key(d)] > 0:
                seen[_key(d)] -= 1
            else:
                new.append(d)
        self.gone = 0 if failed else sum(n for n in seen.values() if n > 0)
        return text_lines(new, verbose=True)

    def run(self, changed: set[Path] | None = None):
        """Rebuild and publish; the Result, or None when the build failed."""
        started = time.perf_counter()
        names = _names(self.root, changed) if changed else ""
        what = f" ({names})" if names else ""
        try:
            result = self.rebuild(changed)
        except (ContentError, ConfigError) as exc:
            lines = text_lines([d for d in exc.diagnostics if d.level == ERROR])
            for line in self._warnings(exc.diagnostics, failed=True) + lines:
                print(line, file=sys.stderr)
            then = "still serving the last good site" if self.serving else "nothing to serve until it builds"
            print(f"Build failed{what}: {plural(len(lines), 'error')}; {then}.", file=sys.stderr, flush=True)
            with self.published:
                self.version += 1
                self.problems = lines
                self.published.notify_all()
            return None
        fixed, self.serving = bool(self.problems), True
        with self.published:
            self.number += 1
            self.version += 1
            self.problems = []
            self.published.notify_all()
        lines = self._warnings(result.diagnostics)
        for line in lines:
            print(line, file=sys.stderr)
        seconds = f"{time.perf_counter() - started:.2f} s"
        if changed is None:
            print(f"Built {plural(result.pages, 'page')} in {seconds}", file=sys.stderr, flush=True)
        elif names or result.rendered or fixed or self.gone or lines:  # not for a folder's own event
            notes = ["the errors are fixed"] if fixed else []
            notes += [f"{plural(self.gone, 'warning')} fewer"] if self.gone else []
            print(f"Rebuilt {plural(result.rendered, 'page')} in {seconds}{what}"
                  + "".join(f"; {n}" for n in notes), file=sys.stderr, flush=True)
        return result

    def state(self) -> dict:
        with self.published:
            return {"build": self.number, "version": self.version, "errors": list(self.problems)}

    def wait_after(self, number: int, timeout: float = WAIT_SECONDS) -> int:
        with self.published:
            self.published.wait_for(lambda: self.number != number, timeout)
            return self.number

    def wait_version(self, version: int, timeout: float = WAIT_SECONDS) -> dict:
        with self.published:
            self.published.wait_for(lambda: self.version != version, timeout)
        return self.state()

    def loop(self) -> None:
        """Rebuild on each burst of changes. `after` waits for a quiet moment: it holds Python
        while it saves, and the browser is loading the new pages just then."""
        unfinished = None
        while True:
            if not self.pending.wait(QUIET_SECONDS if unfinished is not None else None):
                if self.after is not None:
                    self.after(unfinished)
                unfinished = None
                continue
            time.sleep(SETTLE_SECONDS)
            self.pending.clear()
            with self.lock:
                changed, self.changed = self.changed, set()
            result = self.run(changed)
            if result is not None:
                if unfinished is not None:
                    result.unsaved = result.unsaved or unfinished.unsaved
                unfinished = result


SOURCE_FOLDERS = ("services", "content", "layouts", "static")  # watched with all they hold


class _Watcher(FileSystemEventHandler):
    """Notes changed source files. Only the sources are watched (the site root itself, without
    its subfolders, plus SOURCE_FOLDERS): the output folder changes with every build, and
    watching its thousands of folders would slow every rebuild."""

    def __init__(self, root: Path, out: Path, builds: Builds, observer):
        self.root, self.out, self.builds, self.observer = root, out, builds, observer
        self.watched: set[str] = set()

    def watch(self) -> None:
        self.observer.schedule(self, str(self.root), recursive=False)
        for name in SOURCE_FOLDERS:
            if name not in self.watched and (self.root / name).is_dir():
                self.observer.schedule(self, str(self.root / name), recursive=True)
                self.watched.add(name)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        self._note(event.src_path)
        if event.event_type == "moved" and getattr(event, "dest_path", None):
            self._note(event.dest_path)  # an editor's hidden temporary file renamed over a source

    def _note(self, name) -> None:
        path = Path(str(name)).resolve()
        if path == self.out or self.out in path.parents:
            return
        parts = path.relative_to(self.root).parts if self.root in path.parents else ()
        if not parts or any(p.startswith((".", "_")) or p.endswith("~") for p in parts):
            return
        if len(parts) == 1 and parts[0] in SOURCE_FOLDERS and parts[0] not in self.watched:
            self.watch()  # a source folder made after serve started
        self.builds.note(path)


def _inside(file: Path, directory: Path) -> bool:
    """http.server already drops '..' from paths; this also refuses links that lead out."""
    try:
        file.resolve().relative_to(directory.resolve())
    except (OSError, ValueError):
        return False
    return True


def _handler(directory: Path, builds: Builds):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            path, _, query = self.path.partition("?")
            after = query.removeprefix("after=")
            if path == RELOAD_PATH:
                number = builds.wait_after(int(after)) if after.isdigit() else builds.number
                self._send(200, str(number).encode(), "text/plain")
                return
            if path == STATUS_PATH:
                state = builds.wait_version(int(after)) if after.isdigit() else builds.state()
                self._send(200, json.dumps(state).encode(), "application/json")
                return
            if path == SCRIPT_PATH:
                self._send(200, STATUS_SCRIPT.encode(), "text/javascript")
                return
            if path == STYLE_PATH:
                self._send(200, BANNER_CSS.encode(), "text/css")
                return
            # The state is read before the page: a build published in between makes at worst
            # one needless reload, never a missed one.
            script = status_script(builds.state())
            file = Path(self.translate_path(self.path))
            if not _inside(file, directory):
                self._send(404, b"Not found", "text/plain")  # never a file beside the site
                return
            if file.is_dir():
                file = file / "index.html"
            if file.suffix == ".html" and file.is_file() and self.path.endswith(("/", ".html")):
                self._send(200, file.read_bytes().replace(b"</body>", script + b"</body>", 1))
            elif not file.exists() and (directory / "404.html").is_file():
                self._send(404, (directory / "404.html").read_bytes().replace(b"</body>", script + b"</body>", 1))
            else:
                super().do_GET()

        def _send(self, status: int, body: bytes, kind: str = "text/html") -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args) -> None:  # noqa: A002
            pass

    return functools.partial(Handler, directory=str(directory))


def serve(root: Path, out: Path, port: int, rebuild, after=None, verbose: bool = False,
          hint: str = "localoffer check --verbose", host: str = "127.0.0.1") -> int:
    """Serve until interrupted. `rebuild(changed)` builds the site and returns a pipeline Result;
    `after(result)` runs once each new build is showing (saving the cache, indexing)."""
    builds = Builds(rebuild, after, root, verbose, hint)
    builds.serving = out.is_dir()
    first = builds.run()
    if first is None and not out.is_dir():
        return 1
    if first is not None and after is not None:
        after(first)
    server = http.server.ThreadingHTTPServer((host, port), _handler(out, builds))
    observer = Observer()
    _Watcher(root, out, builds, observer).watch()
    observer.start()
    threading.Thread(target=builds.loop, daemon=True).start()
    print(f"Serving on http://{host}:{server.server_address[1]}/ (Ctrl+C to stop)", file=sys.stderr,
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.server_close()
    return 0
