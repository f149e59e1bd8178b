"""What every engine answers with: a :class:`Table` of plain strings, or an
:class:`EngineError` a user can read."""

from __future__ import annotations

from dataclasses import dataclass

from mgi_graph.core.errors import MgiError

__all__ = ["EngineError", "Table"]


class EngineError(MgiError):
    """A query could not be run (syntax error, unreachable endpoint…); exit code 2."""


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
