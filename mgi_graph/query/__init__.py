"""The canned queries (``queries/``) and running SPARQL: on the embedded store, on a file,
or on a remote SPARQL 1.1 endpoint, with parameters bound as RDF terms.
"""
