"""The fixed choices the command line offers, in a module that imports nothing: the parser is
made at every start, and importing the modules that use these choices (:mod:`.output` with
the engines, :mod:`.server` with the HTTP client) cost about 30 ms of each start.

>>> FORMATS, PROTOCOLS
(('table', 'markdown', 'csv', 'tsv', 'json'), ('gsp', 'update', 'staged'))
"""

from __future__ import annotations

#: Formats of a result table (see :func:`mgi_graph.query.output.render`).
FORMATS = ("table", "markdown", "csv", "tsv", "json")

#: Ways ``push`` replaces the graph in a remote store (see :func:`mgi_graph.publish.server.push`).
PROTOCOLS = ("gsp", "update", "staged")

#: The named graph ``push`` writes by default.
DEFAULT_GRAPH = "https://w3id.org/mgi-graph/graph"

__all__ = ["DEFAULT_GRAPH", "FORMATS", "PROTOCOLS"]
