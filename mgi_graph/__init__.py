"""mgi-graph: an open knowledge graph of migration governance.

>>> from mgi_graph import __version__
>>> __version__
'0.1.0'
"""

from __future__ import annotations

from mgi_graph.core.version import __version__

__all__ = ["Graph", "Result", "__version__"]


def __getattr__(name: str) -> object:
    """``mgi_graph.Graph`` and ``mgi_graph.Result`` (see :mod:`mgi_graph.api`), imported
    when first asked for, so that the command line starts without them."""
    if name in ("Graph", "Result"):
        from mgi_graph import api

        return getattr(api, name)
    raise AttributeError(f"module 'mgi_graph' has no attribute {name!r}")
