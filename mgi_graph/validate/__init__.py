"""Checking the graph against the SHACL shapes, with results a researcher can read."""
