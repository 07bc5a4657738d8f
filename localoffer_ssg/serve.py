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
# Polls the build number and reloads when it changes; only ever added by `serve`.
RELOAD_SCRIPT = (b"<script>(function(){var v=null;setInterval(function(){fetch('" + RELOAD_PATH.encode()
                 + b"').then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v)"
                 b"location.reload();v=t}).catch(function(){})},500)})();</script>")


class Builds:
    """Counts successful builds; the reload script compares the count."""

    def __init__(self, rebuild):
        self.rebuild = rebuild
        self.number = 0
        self.pending = threading.Event()

    def run(self) -> bool:
        started = time.perf_counter()
        try:
            result = self.rebuild()
        except (ContentError, ConfigError) as exc:
            for diag in exc.diagnostics:
                print(diag, file=sys.stderr)
            print("Build failed; still serving the last good site.", file=sys.stderr)
            return False
        for diag in result.diagnostics:
            print(diag, file=sys.stderr)
        self.number += 1
        print(f"Built {result.pages} pages in {time.perf_counter() - started:.2f}s", file=sys.stderr)
        return True

    def loop(self) -> None:
        while True:
            self.pending.wait()
            time.sleep(0.1)  # let a burst of saves settle into one rebuild
            self.pending.clear()
            self.run()


class _Watcher(FileSystemEventHandler):
    def __init__(self, root: Path, out: Path, builds: Builds):
        self.root, self.out, self.builds = root, out, builds

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        path = Path(str(event.src_path)).resolve()
        if path == self.out or self.out in path.parents:
            return
        parts = path.relative_to(self.root).parts if self.root in path.parents else ()
        if not parts or any(p.startswith((".", "_")) or p.endswith("~") for p in parts):
            return
        self.builds.pending.set()


def _handler(directory: Path, builds: Builds):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            if self.path == RELOAD_PATH:
                body = str(builds.number).encode()
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


def serve(root: Path, out: Path, port: int, rebuild) -> int:
    """Serve until interrupted. `rebuild` builds the site and returns a pipeline Result."""
    builds = Builds(rebuild)
    if not builds.run() and not out.is_dir():
        return 1
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _handler(out, builds))
    observer = Observer()
    observer.schedule(_Watcher(root, out, builds), str(root), recursive=True)
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
