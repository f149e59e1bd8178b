"""A real Oxigraph SPARQL server for tests: started on 127.0.0.1 on a free port, stopped after.

The ``oxigraph`` command comes with the ``oxigraph`` package of the test extras.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path


def oxigraph_command() -> str:
    """The path of the ``oxigraph`` executable installed beside this Python."""
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
        "oxigraph"
    )
    if found is None:
        raise RuntimeError("the oxigraph server is not installed: pip install -e '.[test]'")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def oxigraph_server(data: Path, store: Path) -> Iterator[str]:
    """Load ``data`` (N-Triples) into a store at ``store``, serve it read-only; yield the
    query URL."""
    exe = oxigraph_command()
    subprocess.run(
        [exe, "load", "--location", str(store), "--file", str(data)],
        check=True,
        capture_output=True,
    )
    port = free_port()
    proc = subprocess.Popen(
        [exe, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                probe = url + "?query=ASK%7B%7D"
                with urllib.request.urlopen(probe, timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    raise RuntimeError(f"oxigraph server did not start: {err}") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
