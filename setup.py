"""The wheel carries the package's knowledge and the shipped corpus as package data.

The folders ``ontology/``, ``queries/`` and ``data/`` stay at the top of the source tree, where
researchers read and edit them; a wheel copies them into ``mgi_graph/share/``, which
``mgi_graph.core.paths`` reads through ``importlib.resources``. An editable install reads them where
they are, so nothing is copied then.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

#: The top-level folders a wheel carries (the shipped corpus and the package's knowledge).
SHARED = ("ontology", "queries", "data")


class BuildWithShare(build_py):
    """``build_py`` that also copies :data:`SHARED` into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        here = Path(__file__).resolve().parent
        for folder in SHARED:
            for src in sorted((here / folder).rglob("*")):
                if src.is_file() and "__pycache__" not in src.parts:
                    dest = Path(self.build_lib) / "mgi_graph" / "share" / src.relative_to(here)
                    self.mkpath(str(dest.parent))
                    self.copy_file(str(src), str(dest))


# setuptools' own scratch folder, kept apart from ``build/``, where the graph is built.
setup(
    cmdclass={"build_py": BuildWithShare},
    options={"build": {"build_base": ".setuptools-build"}},
)
