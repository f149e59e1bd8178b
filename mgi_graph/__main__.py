"""``python -m mgi_graph`` runs the command line."""

from mgi_graph.cli import run

run()
