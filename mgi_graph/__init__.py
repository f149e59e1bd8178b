"""mgi-graph: an open knowledge graph of migration governance.

>>> from mgi_graph import __version__
>>> __version__
'0.1.0'
"""

from __future__ import annotations

__version__ = "0.1.0"
