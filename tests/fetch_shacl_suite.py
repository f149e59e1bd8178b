"""Fetch the W3C SHACL test suite from pySHACL's source distribution on the package registry
(the suite ships there, in ``test/resources/sht_tests``), for the installed pySHACL version.

    python tests/fetch_shacl_suite.py

Writes ``tests/w3c/sht_tests/`` (not in the repository: see .gitignore) and, beside it,
``tests/w3c/SOURCE``, naming the distribution and its SHA-256. Does nothing if that version
is there already. Run at install time, as the README's test command does: the tests
themselves never reach the network.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).parent / "w3c"
SUITE = HERE / "sht_tests"
SOURCE = HERE / "SOURCE"
PREFIX = "test/resources/sht_tests/"


def main() -> int:
    wanted = f"pyshacl-{version('pyshacl')}"
    if SUITE.is_dir() and SOURCE.is_file() and SOURCE.read_text().startswith(wanted + " "):
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
             "--dest", tmp, f"pyshacl=={version('pyshacl')}"],
            check=True,
        )  # fmt: skip
        (sdist,) = Path(tmp).glob("pyshacl-*.tar.gz")
        digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
        staging = Path(tmp) / "sht_tests"
        with tarfile.open(sdist) as tar:
            for member in tar.getmembers():
                name = member.name.split("/", 1)[-1]
                if member.isfile() and name.startswith(PREFIX):
                    target = staging / name.removeprefix(PREFIX)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with tar.extractfile(member) as src:  # type: ignore[union-attr]
                        target.write_bytes(src.read())
        if not (staging / "core" / "manifest.ttl").is_file():
            print(f"{sdist.name}: no {PREFIX}core/manifest.ttl inside", file=sys.stderr)
            return 2
        HERE.mkdir(exist_ok=True)
        shutil.rmtree(SUITE, ignore_errors=True)
        shutil.move(str(staging), SUITE)
        SOURCE.write_text(f"{wanted} {sdist.name} sha256:{digest}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
