"""Reading a rules file (TOML): any problem is an :class:`InputError` naming the file.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.toml"
>>> _ = p.write_text("a = [1", encoding="utf-8")
>>> try:
...     read_toml(p, "test rules")
... except InputError as e:
...     print(str(e).split(": ", 1)[1][:27])
cannot read the test rules:
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from mgi_graph.core.errors import InputError


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """The table in the TOML file at ``path`` (``what`` says what it holds, for errors)."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"cannot read the {what}: {exc}", path=path) from None
