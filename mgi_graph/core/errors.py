"""The project's own error type: every problem with input names the file, the line and why.

>>> str(InputError("bad heading", path="p.txt", line=12))
'p.txt:12: bad heading'
>>> str(InputError("no such file", path="p.txt"))
'p.txt: no such file'
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_NONCONFORMING = 1
EXIT_USAGE = 2


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
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.reason}"


class NonConformingError(MgiError):
    """The built graph does not conform to the SHACL shapes (exit code 1)."""

    exit_code = EXIT_NONCONFORMING
