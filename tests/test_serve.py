"""`serve` on 127.0.0.1: serves the site, rebuilds when a file changes, keeps the last good site."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from .conftest import REPO, SITES


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def _start(root, log, date="1780272000"):
    """`serve` on a free port, its messages in `log`; returns the process and the base address."""
    port = _free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": date}
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--root", str(root),
                             "--port", str(port), "--no-search"], env=env,
                            stdout=log, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"

    def up():
        try:
            return _get(base + "/__reload")[0] == 200
        except OSError:
            return proc.poll() is not None and pytest.fail(f"serve stopped: {log.name}")

    _wait_for(up)
    return proc, base


@pytest.fixture
def served(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(SITES / "valid" / "basic", root)
    with open(tmp_path / "serve.log", "w") as log:
        proc, base = _start(root, log)
        try:
            yield root, base
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def _status(base: str, after: int | None = None) -> dict:
    return json.loads(_get(base + "/__status" + ("" if after is None else f"?after={after}"))[1])


def _write(path, text: str) -> None:
    """Save as many editors do: a hidden temporary file renamed over the old one, in one step."""
    (path.parent / f".{path.name}.tmp").write_text(text)
    os.replace(path.parent / f".{path.name}.tmp", path)


def _edit(path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    _write(path, text.replace(old, new))


MESSAGE = "services/speech-therapy.yaml:9:26: error: age_range.max: must be at most 25 (got 99)"


def test_serves_pages_with_a_reload_script(served):
    _, base = served
    status, html = _get(base + "/services/speech-therapy/")
    assert status == 200 and "Speech Therapy Drop-in" in html and "/__status" in html
    assert 'href="/a-z/"' in html  # links fit the local address, not the production sub-path


def test_unknown_address_gets_the_404_page(served):
    _, base = served
    status, html = _get(base + "/no/such/page/")
    assert status == 404 and "Testshire 404 page" in html and "/__status" in html


def test_edit_rebuilds_and_bumps_the_reload_counter(served):
    root, base = served
    before = _get(base + "/__reload")[1]
    path = root / "services/speech-therapy.yaml"
    path.write_text(path.read_text().replace("Speech Therapy Drop-in", "Talking Drop-in"))  # in place
    _wait_for(lambda: _get(base + "/__reload")[1] != before)
    assert "Talking Drop-in" in _get(base + "/services/speech-therapy/")[1]


def test_broken_edit_keeps_serving_the_last_good_site_and_reports_the_error(served):
    root, base = served
    good = _status(base)
    assert good["errors"] == []
    path = root / "services/speech-therapy.yaml"
    _edit(path, "max: 11", "max: 99")
    broken = _wait_for(lambda: (s := _status(base))["errors"] and s)
    assert broken["errors"] == [MESSAGE] and broken["build"] == good["build"]
    assert _get(base + "/__reload")[1] == str(good["build"])  # open pages are not reloaded
    status, html = _get(base + "/services/speech-therapy/")
    assert status == 200 and "Speech Therapy Drop-in" in html  # the last good page, still served
    assert MESSAGE in html  # a page opened now shows the error too
    _edit(path, "max: 99", "max: 12")
    fixed = _wait_for(lambda: (s := _status(base))["build"] != good["build"] and s)
    assert fixed["errors"] == []
    assert MESSAGE not in _get(base + "/__status")[1] + _get(base + "/services/speech-therapy/")[1]


def test_an_open_page_waiting_for_news_is_told_of_the_failure(served):
    root, base = served
    known = _status(base)["version"]
    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(_status, base, known)  # as the page's script asks
        _edit(root / "services/speech-therapy.yaml", "max: 11", "max: 99")
        assert waiting.result(timeout=20)["errors"] == [MESSAGE]


def test_messages_quoting_markup_stay_text_in_the_served_page(served):
    root, base = served
    _edit(root / "services/speech-therapy.yaml", "[health]", '["</script><b id=injected>x</b>"]')
    _wait_for(lambda: _status(base)["errors"])
    html = _get(base + "/services/speech-therapy/")[1]
    assert "is not a theme in site.toml" in html and "<b id=injected>" not in html
    assert "\\u003c/script\\u003e\\u003cb id=injected\\u003ex\\u003c/b\\u003e" in html


def test_terminal_shows_what_each_rebuild_changed(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(SITES / "valid" / "basic", root)
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        proc, base = _start(root, log, date="1830297600")  # 2028-01-01: every record overdue
        try:
            path = root / "services/speech-therapy.yaml"
            _edit(path, "Speech Therapy Drop-in", "Talking Drop-in")
            _wait_for(lambda: "Rebuilt" in log_path.read_text())
            _edit(path, "max: 11", "max: 99")
            _wait_for(lambda: "Build failed" in log_path.read_text())
            _edit(path, "max: 99", "max: 11")
            _wait_for(lambda: "errors are fixed" in log_path.read_text())
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    lines = [line for line in log_path.read_text().splitlines() if not line.startswith("Serving on")]
    assert lines[0] == ("warning: 3 services and 1 page are past their review date: run "
                        f"`localoffer check --root {root} --verbose` to list them")
    assert re.fullmatch(r"Built \d+ pages in \d+\.\d\d s", lines[1])
    assert re.fullmatch(r"Rebuilt \d+ pages? in \d+\.\d\d s \(services/speech-therapy\.yaml\)", lines[2])
    assert lines[3:5] == [MESSAGE, "Build failed (services/speech-therapy.yaml): 1 error; still serving the "
                          "last good site."]
    assert re.fullmatch(r"Rebuilt \d+ pages? in .* \(services/speech-therapy\.yaml\); the errors are fixed",
                        lines[5])
    assert len(lines) == 6  # the overdue records were not listed again


def _raw(base: str, request: bytes) -> bytes:
    """Send bytes as they are (no client tidies the path first) and read the whole answer."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("path", ["/../site.toml", "/%2e%2e/site.toml", "/..%2fsite.toml", "/%2E%2E%2Fsite.toml",
                                  "/services/..%2f..%2fsite.toml", "/..\\site.toml", "//../site.toml", "/leak"])
def test_refuses_paths_outside_the_site(served, path):
    root, base = served
    (root / "_site" / "leak").symlink_to(root / "site.toml")  # a link in the output leading out
    secret = (root / "site.toml").read_text().splitlines()[1].encode()
    answer = _raw(base, f"GET {path} HTTP/1.0\r\n\r\n".encode())
    assert secret not in answer and answer.split(b" ")[1] in (b"404", b"400"), answer[:80]


@pytest.mark.parametrize("request_bytes", [b"\x00\xff\xfe garbage\r\n\r\n", b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n",
                                           b"GET / HTTP/9.9\r\n\r\n", b"GET /?after=" + b"9" * 5000 + b" HTTP/1.0\r\n\r\n",
                                           b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X: y\r\n" * 200 + b"\r\n",
                                           b"GET /__status?after=abc HTTP/1.0\r\n\r\n", b"GET"])
def test_survives_malformed_requests(served, request_bytes):
    _, base = served
    try:
        _raw(base, request_bytes)
    except OSError:
        pass  # the server may close the connection mid-request: that is fine
    assert _get(base + "/__reload")[0] == 200 and _get(base + "/")[0] == 200


def test_listens_on_the_loopback_address_only(served):
    _, base = served
    port = int(base.rsplit(":", 1)[1])
    listening = [line.split()[1] for line in open("/proc/net/tcp").read().splitlines()[1:]
                 if line.split()[3] == "0A" and int(line.split()[1].split(":")[1], 16) == port]
    assert listening == ["0100007F:%04X" % port]
