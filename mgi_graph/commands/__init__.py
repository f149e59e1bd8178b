"""What each command of ``mgi-graph`` does, given its parsed arguments (the parser is in
:mod:`mgi_graph.cli`). Each command's help text is the docstring of its function.
"""
