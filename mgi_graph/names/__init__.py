"""Name finding: the names of bodies, laws, instruments and agreements in a text, by the
rules of its language (``data/languages/<code>.toml``).

:mod:`.rules` reads a language's rules; :mod:`.finder` finds the names in a text.
"""

from mgi_graph.names.finder import FoundName, find_names
from mgi_graph.names.rules import NameRules, name_rules

__all__ = ["FoundName", "NameRules", "find_names", "name_rules"]
