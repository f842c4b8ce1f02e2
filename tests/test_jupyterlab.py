"""Interactive use: the Jupyter server that `jupyter lab` runs opens the jupytext
sources in notebooks/ as notebooks, and its Python kernel imports the package.

Starts a real jupyter server on localhost (no browser), asks its contents API for
each notebooks/*.py as a notebook and saves it back (the file must keep every byte,
and is restored whatever happens), then runs one cell of notebook 01 in a kernel
started by that server's kernel spec.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "framing-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def _put(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, method="PUT", data=json.dumps(body).encode(),
                                     headers={"Authorization": f"token {TOKEN}",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=20) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    runtime = tmp_path_factory.mktemp("jupyter-runtime")
    port = _free_port()
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime),
           "JUPYTER_CONFIG_DIR": str(runtime / "config")}
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "server", "--no-browser", f"--port={port}",
         "--ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}", "--allow-root",
         f"--ServerApp.root_dir={ROOT}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                _get(f"{base}/api/status")
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"jupyter server exited: {process.stderr.read().decode()[-2000:]}")
                time.sleep(0.5)
        else:
            pytest.fail("jupyter server did not answer within 60 s")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "notebooks").glob("*.py")))
def test_jupyter_opens_the_py_source_as_a_notebook(server, name):
    model = _get(f"{server}/api/contents/notebooks/{name}?type=notebook&content=1")
    assert model["type"] == "notebook"
    cells = model["content"]["cells"]
    assert cells[0]["cell_type"] == "markdown" and cells[0]["source"].startswith("# 0")
    parameters = [c for c in cells if "parameters" in c["metadata"].get("tags", [])]
    assert len(parameters) == 1 and "corpus = None" in parameters[0]["source"]


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "notebooks").glob("*.py")))
def test_saving_an_opened_notebook_leaves_the_tracked_file_unchanged(server, name):
    """What JupyterLab does when it opens a notebook and autosaves it: read it as a
    notebook and write it back through the server (jupytext). The tracked .py must keep
    every byte: before the header named its metadata filter, jupytext added
    format_version and jupytext_version lines on the first save. The file is put back
    as it was whatever happens."""
    path = ROOT / "notebooks" / name
    before = path.read_bytes()
    try:
        model = _get(f"{server}/api/contents/notebooks/{name}?type=notebook&content=1")
        _put(f"{server}/api/contents/notebooks/{name}",
             {"type": "notebook", "format": "json", "content": model["content"]})
        after = path.read_bytes()
    finally:
        path.write_bytes(before)
    assert after == before


def test_the_python_kernel_imports_the_package(server):
    """The server's default kernel runs in this environment, so `from analysis import
    figures` works in JupyterLab without installing anything else."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import start_new_kernel

    specs = _get(f"{server}/api/kernelspecs")
    name = specs["default"]
    assert name in KernelSpecManager().find_kernel_specs()
    outputs: list[dict] = []
    manager, client = start_new_kernel(kernel_name=name)
    try:
        reply = client.execute_interactive(
            "import analysis, sys; from analysis import figures; print(analysis.__file__)",
            timeout=60, output_hook=lambda msg: outputs.append(msg))
        assert reply["content"]["status"] == "ok"
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    printed = "".join(m["content"].get("text", "") for m in outputs
                      if m["msg_type"] == "stream")
    assert Path(printed.strip()).resolve().is_relative_to(ROOT / "analysis")

