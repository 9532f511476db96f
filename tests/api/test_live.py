"""Over a real socket: uvicorn on 127.0.0.1, the reference's Python client, schemathesis, and
the /docs page rendered by a real headless Chromium."""

import ast
import json
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

import pytest

from tests.api.conftest import port_free, serve

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"


def test_live_server_answers_over_http(live_server):
    with urllib.request.urlopen(f"{live_server}/health") as response:
        assert json.loads(response.read())["status"] == "healthy"
    request = urllib.request.Request(
        f"{live_server}/api/v1/context/analyze",
        method="POST",
        data=json.dumps({"context": "a bakery"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request) as response:
        assert json.loads(response.read())["domain"] == "retail"


@pytest.mark.skipif(not port_free(8000), reason="the reference client needs localhost:8000")
def test_reference_python_client_runs_unchanged(settings):
    """examples/python_client.py is the reference's example, byte for byte in its logic."""
    with serve(settings, port=8000):
        result = subprocess.run(
            [sys.executable, str(ROOT / "examples" / "python_client.py")],
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert result.returncode == 0, result.stderr
    files = result.stdout.strip().splitlines()[-1]
    assert files.startswith("Files: {")
    paths = ast.literal_eval(files.removeprefix("Files: "))
    assert set(paths) == {"patients", "doctors", "appointments"}
    assert all(Path(p).is_file() for p in paths.values())


def test_schemathesis_finds_no_server_errors(live_server, tmp_path):
    """A bounded property-based run over /openapi.json: no 5xx, responses as documented."""
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "schemathesis"),
            "run",
            f"{live_server}/openapi.json",
            "--max-examples",
            "12",
            "--checks",
            "not_a_server_error,status_code_conformance",
            "--request-timeout",
            "30",
            "--generation-deterministic",
            "--phases",
            "examples,fuzzing",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-4000:]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is installed by .ci/run")
def test_docs_page_renders_the_endpoints_in_chromium(live_server):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--virtual-time-budget=15000",
        "--window-size=1280,800",
    ]
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run(
            [CHROMIUM, *flags, f"--user-data-dir={profile}", "--dump-dom", f"{live_server}/docs"],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert "/api/v1/context/analyze" in dom.stdout, dom.stderr[-2000:]
    assert "/api/v1/jobs/{job_id}/download/{schema_name}" in dom.stdout
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                CHROMIUM,
                *flags,
                f"--user-data-dir={profile}",
                f"--screenshot={ARTIFACTS / 'docs.png'}",
                f"{live_server}/docs",
            ],
            capture_output=True,
            timeout=120,
        )
    assert (ARTIFACTS / "docs.png").stat().st_size > 10_000
