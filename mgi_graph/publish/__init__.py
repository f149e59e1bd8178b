"""Serving the graph over SPARQL and pushing it to a SPARQL 1.1 store."""
