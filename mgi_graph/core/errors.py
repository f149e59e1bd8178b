"""The project's own error type: every problem with input names the file, the line and why.

>>> str(InputError("bad heading", path="p.txt", line=12))
'p.txt:12: bad heading'
>>> str(InputError("no such file", path="p.txt"))
'p.txt: no such file'
"""

from __future__ import annotations

import os
from pathlib import Path

EXIT_OK = 0
EXIT_NONCONFORMING = 1
EXIT_USAGE = 2


def shown(path: str | Path) -> str:
    """A path as it is shown to the user: bytes of its name that are no UTF-8 escaped.

    >>> shown(os.fsdecode(b"profile-\\xff.txt"))
    'profile-\\\\xff.txt'
    """
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


class MgiError(Exception):
    """Base of every error mgi-graph reports to its user (exit code 2)."""

    exit_code = EXIT_USAGE


class InputError(MgiError):
    """Input that cannot be read or understood, located by file, line and column."""

    def __init__(
        self,
        reason: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.reason = reason
        # A file name that is no valid UTF-8 is shown with its odd bytes escaped (\xff).
        self.path = shown(path) if path is not None else None
        self.line = line
        self.column = column
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.path is None:
            return self.reason
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.reason}"


class NonConformingError(MgiError):
    """The built graph does not conform to the SHACL shapes (exit code 1)."""

    exit_code = EXIT_NONCONFORMING
