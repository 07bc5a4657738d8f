"""`check --external` against a local server on 127.0.0.1 with good, missing, slow, moved and
refusing addresses: each broken or moved link is reported where it is written; nothing here
reaches the internet."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from localoffer_ssg import cli, external
from localoffer_ssg.load import load_sources

REPO = Path(__file__).resolve().parent.parent
BASE = REPO / "tests" / "sites" / "invalid" / "link-to-file-on-computer"


class _Handler(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []

    def _answer(self, body: bool) -> None:
        self.seen.append((self.command, self.path))
        path = self.path
        if path == "/slow":
            time.sleep(2)
        if path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif path in ("/good", "/no-head"):
            self.send_response(200)
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/good")
        elif path == "/elsewhere-for-now":
            self.send_response(302)
            self.send_header("Location", "/good")
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):  # noqa: N802
        self._answer(False)

    def do_GET(self):  # noqa: N802
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    _Handler.seen = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _site(tmp_path: Path, url: str) -> Path:
    root = tmp_path / "site"
    shutil.copytree(BASE, root)
    other = root / "services" / "speech-therapy.yaml"  # its made-up address must not be looked up
    other.write_text("".join(line for line in other.read_text("utf-8").splitlines(True) if "website" not in line))
    refused = f"http://127.0.0.1:{_closed_port()}/"
    (root / "services" / "swim-club.yaml").write_text(f"""name: Swim Club
summary: Swimming sessions for disabled children and young people.
description: |
  See [our timetable]({url}/good) and [prices]({url}/missing).
  The [booking page]({url}/slow) and [the old leaflet]({url}/moved).
  A [temporary page]({url}/elsewhere-for-now), [a picky server]({url}/no-head), [gone]({refused}).
themes: [leisure]
age_range: {{min: 5, max: 18}}
contact:
  website: {url}/missing
last_reviewed: 2026-01-15
""", "utf-8")
    return root


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    monkeypatch.setattr(external, "TIMEOUT", 0.5)


def _found(root: Path) -> list[str]:
    return [str(d) for d in external.check(root, load_sources(root))]


def _at(root: Path, url: str, after: str = "") -> str:
    """file:line:col where `url` is written (after `after` on its line)."""
    lines = (root / "services" / "swim-club.yaml").read_text("utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if url in line and after in line)
    return f"services/swim-club.yaml:{number + 1}:{lines[number].find(url, lines[number].find(after)) + 1}"


def test_broken_and_moved_links_are_reported_where_they_are_written(server, tmp_path):
    root = _site(tmp_path, server)
    found = _found(root)
    assert len(found) == 5, found
    text = "\n".join(found)
    missing = f"{server}/missing"
    assert f"{_at(root, missing, '[prices]')}: warning: description: link {missing} gives HTTP error 404" in text
    assert f"{_at(root, missing, 'website')}: warning: contact.website: link {missing} gives HTTP error 404" in text
    assert f"{_at(root, server + '/slow')}: warning: description: link {server}/slow could not be reached " \
        "(timed out)" in text
    assert f"link {server}/moved has moved permanently to {server}/good; update the link" in text
    assert "Connection refused" in text
    assert not any(word in text for word in ("/good ", "/no-head", "/elsewhere-for-now"))
    assert ("GET", "/no-head") in _Handler.seen  # HEAD refused, so the page itself was asked for
    assert _Handler.seen.count(("HEAD", "/slow")) == 2  # one retry after a time-out


def test_a_second_run_does_not_ask_again_for_links_that_worked(server, tmp_path):
    root = _site(tmp_path, server)
    first = _found(root)
    assert (root / ".cache" / "external-links.json").is_file()
    _Handler.seen = []
    assert _found(root) == first  # the broken ones are tried again, and are still broken
    asked = {path for _, path in _Handler.seen}
    assert "/good" not in asked and "/no-head" not in asked and "/missing" in asked


def test_the_command_warns_and_fails_only_under_strict(server, tmp_path, capsys):
    root = _site(tmp_path, server)
    assert cli.main(["check", "--root", str(root), "--external"]) == 0
    assert "gives HTTP error 404" in capsys.readouterr().err
    assert cli.main(["check", "--root", str(root), "--external", "--strict"]) == 1
    assert "error: description: link" in capsys.readouterr().err
