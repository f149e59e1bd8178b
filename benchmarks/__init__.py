"""Benchmarks for mgi-graph: ``python -m benchmarks`` (see ``python -m benchmarks --help``)."""
