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
from collections.abc import Callable, Iterator
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
        wait_until_answers(
            url,
            proc,
            30,
            lambda: (
                "oxigraph server did not start: "
                + (proc.stderr.read().decode() if proc.stderr else "")
            ),
        )
        yield url
    finally:
        stop(proc)


def wait_until_answers(
    url: str, proc: subprocess.Popen[bytes], seconds: float, why: Callable[[], str]
) -> None:
    """Wait until the SPARQL endpoint ``url`` answers ``ASK {}``; if ``proc`` ends first or
    ``seconds`` pass, fail with ``why()``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(why()) from None
            time.sleep(0.1)


def stop(proc: subprocess.Popen[bytes], seconds: float = 30) -> None:
    """Terminate a server, killing it if it does not stop within ``seconds``."""
    proc.terminate()
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {d}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
ServerThreads = 10
MaxClientConnections = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
MaxCachedProxyConnections = 10
ProxyConnectionCacheTimeout = 15
DavRoot = DAV

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
DefaultQuery = SELECT * WHERE {{ ?s ?p ?o }} LIMIT 10
"""


@contextlib.contextmanager
def virtuoso_server(folder: Path) -> Iterator[str]:
    """A fresh Virtuoso (Debian package ``virtuoso-opensource``) with its database in
    ``folder``, listening on 127.0.0.1 only; the anonymous SPARQL user may update.
    Yield the base URL (``/sparql``, ``/sparql-graph-crud``)."""
    exe, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if exe is None or isql is None:
        raise RuntimeError(
            "Virtuoso is not installed: the test set-up installs the Debian package "
            "virtuoso-opensource (see .ci/run)"
        )
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=folder, sql_port=sql_port, http_port=http_port))
    proc = subprocess.Popen(
        [exe, "+foreground", "+configfile", str(ini)],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_until_answers(
            base + "/sparql",
            proc,
            120,
            lambda: (
                "Virtuoso did not start: "
                + (folder / "virtuoso.log").read_text(errors="replace")[-2000:]
            ),
        )
        subprocess.run(
            [isql, str(sql_port), "dba", "dba", 'exec=grant SPARQL_UPDATE to "SPARQL";'],
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield base
    finally:
        stop(proc)
