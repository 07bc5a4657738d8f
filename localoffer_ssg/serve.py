"""`serve`: build, serve on 127.0.0.1, rebuild when a file changes and reload open pages."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .diagnostics import ConfigError, ContentError

RELOAD_PATH = "/__reload"
# Asks for the build number, then asks again with `?after=` it, which the server answers only
# when a newer build is published: the page reloads the moment it is. Only `serve` adds this.
RELOAD_SCRIPT = (b"<script>(function(){function ask(v){fetch('" + RELOAD_PATH.encode() + b"'+(v===null?'':"
                 b"'?after='+v)).then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v)"
                 b"location.reload();else ask(t)}).catch(function(){setTimeout(function(){ask(v)},1000)})}"
                 b"ask(null)})();</script>")
WAIT_SECONDS = 25  # an unanswered ask is answered anyway after this, and asked again
SETTLE_SECONDS = 0.01  # a save often arrives as several file events; they make one rebuild
QUIET_SECONDS = 1.0  # saving the cache and indexing wait until no change has come for this long


class Builds:
    """Runs rebuilds and counts the successful ones; the reload script waits on the count."""

    def __init__(self, rebuild, after=None):
        self.rebuild = rebuild  # rebuild(changed files or None) -> pipeline.Result
        self.after = after  # after(result): slower work once the pages are published
        self.number = 0
        self.published = threading.Condition()
        self.pending = threading.Event()
        self.changed: set[Path] = set()
        self.lock = threading.Lock()

    def note(self, path: Path) -> None:
        with self.lock:
            self.changed.add(path)
        self.pending.set()

    def run(self, changed: set[Path] | None = None):
        """Rebuild and publish; the Result, or None when the build failed."""
        started = time.perf_counter()
        try:
            result = self.rebuild(changed)
        except (ContentError, ConfigError) as exc:
            for diag in exc.diagnostics:
                print(diag, file=sys.stderr)
            print("Build failed; still serving the last good site.", file=sys.stderr)
            return None
        with self.published:
            self.number += 1
            self.published.notify_all()
        for diag in result.diagnostics:
            print(diag, file=sys.stderr)
        print(f"Built {result.pages} pages ({result.rendered} changed) in {time.perf_counter() - started:.2f}s",
              file=sys.stderr)
        return result

    def wait_after(self, number: int, timeout: float = WAIT_SECONDS) -> int:
        with self.published:
            self.published.wait_for(lambda: self.number != number, timeout)
            return self.number

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
        path = Path(str(event.src_path)).resolve()
        if path == self.out or self.out in path.parents:
            return
        parts = path.relative_to(self.root).parts if self.root in path.parents else ()
        if not parts or any(p.startswith((".", "_")) or p.endswith("~") for p in parts):
            return
        if len(parts) == 1 and parts[0] in SOURCE_FOLDERS and parts[0] not in self.watched:
            self.watch()  # a source folder made after serve started
        self.builds.note(path)
        if event.event_type == "moved" and getattr(event, "dest_path", None):
            self.builds.note(Path(str(event.dest_path)).resolve())


def _handler(directory: Path, builds: Builds):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            if self.path.split("?")[0] == RELOAD_PATH:
                after = self.path.partition("?after=")[2]
                number = builds.wait_after(int(after)) if after.isdigit() else builds.number
                body = str(number).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            file = Path(self.translate_path(self.path))
            if file.is_dir():
                file = file / "index.html"
            if file.suffix == ".html" and file.is_file() and self.path.endswith(("/", ".html")):
                body = file.read_bytes().replace(b"</body>", RELOAD_SCRIPT + b"</body>", 1)
                self._send(200, body)
            elif not file.exists() and (directory / "404.html").is_file():
                self._send(404, (directory / "404.html").read_bytes())
            else:
                super().do_GET()

        def _send(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args) -> None:  # noqa: A002
            pass

    return functools.partial(Handler, directory=str(directory))


def serve(root: Path, out: Path, port: int, rebuild, after=None) -> int:
    """Serve until interrupted. `rebuild(changed)` builds the site and returns a pipeline Result;
    `after(result)` runs once each new build is showing (saving the cache, indexing)."""
    builds = Builds(rebuild, after)
    first = builds.run()
    if first is None and not out.is_dir():
        return 1
    if first is not None and after is not None:
        after(first)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _handler(out, builds))
    observer = Observer()
    _Watcher(root, out, builds, observer).watch()
    observer.start()
    threading.Thread(target=builds.loop, daemon=True).start()
    print(f"Serving on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop)", file=sys.stderr,
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.server_close()
    return 0
