"""``docs/cli.md``, the command-line reference, is the live ``--help`` of every command.

Refresh it after changing a command's options or docstring::

    MGI_GRAPH_REFRESH_DOCS=1 .venv/bin/python -m pytest -q tests/test_cli_reference.py
"""

from __future__ import annotations

import os

from mgi_graph.cli import build_parser
from tests.conftest import ROOT

REFERENCE = ROOT / "docs" / "cli.md"


def reference() -> str:
    """The reference as the help texts give it, at a width of 100 columns."""
    os.environ["COLUMNS"] = "100"
    try:
        parser = build_parser()
        sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
        parts = [
            "# Command-line reference",
            "",
            "Generated from `mgi-graph --help` and each command's `--help` "
            "(`tests/test_cli_reference.py`).",
            "",
            "## mgi-graph",
            "",
            "```",
            parser.format_help().rstrip(),
            "```",
        ]
        for name, command in sub.choices.items():  # type: ignore[attr-defined]
            parts += ["", f"## mgi-graph {name}", "", "```", command.format_help().rstrip(), "```"]
        return "\n".join(parts) + "\n"
    finally:
        del os.environ["COLUMNS"]


def test_the_cli_reference_is_the_live_help():
    text = reference()
    if os.environ.get("MGI_GRAPH_REFRESH_DOCS"):
        REFERENCE.write_text(text, encoding="utf-8")
    assert REFERENCE.read_text(encoding="utf-8") == text, (
        "docs/cli.md differs from the live --help: refresh it (see this module)"
    )


def test_every_command_and_option_is_in_the_reference():
    text = REFERENCE.read_text(encoding="utf-8")
    for needle in ("## mgi-graph review", "review list", "--allow-update", "## mgi-graph sparql"):
        assert needle in text, needle
