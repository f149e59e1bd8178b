"""Where triples are kept: the in-memory store the build assembles into, the deterministic
serialisations (N-Triples, Turtle, JSON-LD), and the persistent Oxigraph store on disk.
"""
