"""How the package is kept: small modules, and the IRI scheme in one of them."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "mgi_graph"


def test_no_module_is_over_400_lines():
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in sorted(PACKAGE.rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


def test_the_iri_patterns_are_made_in_one_module():
    """Only ``mgi_graph/core/iris.py`` builds IRIs of the graph's own from parts: no other
    module formats ``ID[f"…"]``, takes ``str(ID)`` or writes the namespace in a string that is
    not a docstring; every other module asks ``iris``."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).as_posix() in ("core/iris.py", "core/namespaces.py"):
            continue  # the scheme, and the namespace it is in
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            name = isinstance(node, ast.Name) and node.id == "ID"
            made = (
                isinstance(node, ast.Subscript)
                and isinstance(node.value, ast.Name)
                and node.value.id == "ID"
                and isinstance(node.slice, ast.JoinedStr)
            )
            made |= (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "str"
                and any(isinstance(a, ast.Name) and a.id == "ID" for a in node.args)
            )
            made |= (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and "w3id.org/mgi-graph/id/" in node.value
            )
            if made and not name:
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []
