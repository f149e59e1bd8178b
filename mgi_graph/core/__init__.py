"""The ground floor: errors, the corpus's folders, the vocabulary and its IRIs, RDF and TOML
files read with clear errors, files written atomically. Imports no other part of the package.
"""
