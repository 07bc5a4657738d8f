"""`serve` on 127.0.0.1: serves the site, rebuilds when a file changes, keeps the last good site."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

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


@pytest.fixture
def served(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(SITES / "valid" / "basic", root)
    port = _free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1780272000"}
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--root", str(root),
                             "--port", str(port), "--no-search"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"

    def up():
        try:
            return _get(base + "/__reload")[0] == 200
        except OSError:
            return False

    try:
        _wait_for(up)
        yield root, base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serves_pages_with_a_reload_script(served):
    _, base = served
    status, html = _get(base + "/services/speech-therapy/")
    assert status == 200 and "Speech Therapy Drop-in" in html and "/__reload" in html
    assert 'href="/a-z/"' in html  # links fit the local address, not the production sub-path


def test_unknown_address_gets_the_404_page(served):
    _, base = served
    status, html = _get(base + "/no/such/page/")
    assert status == 404 and "Testshire 404 page" in html


def test_edit_rebuilds_and_bumps_the_reload_counter(served):
    root, base = served
    before = _get(base + "/__reload")[1]
    path = root / "services/speech-therapy.yaml"
    path.write_text(path.read_text().replace("Speech Therapy Drop-in", "Talking Drop-in"))
    _wait_for(lambda: _get(base + "/__reload")[1] != before)
    assert "Talking Drop-in" in _get(base + "/services/speech-therapy/")[1]


def test_broken_edit_keeps_serving_the_last_good_site(served):
    root, base = served
    before = _get(base + "/__reload")[1]
    path = root / "services/speech-therapy.yaml"
    path.write_text(path.read_text().replace("max: 11", "max: 99"))
    time.sleep(1.5)
    assert _get(base + "/__reload")[1] == before
    assert "Speech Therapy Drop-in" in _get(base + "/services/speech-therapy/")[1]
