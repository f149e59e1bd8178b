"""Linking a corpus to Wikidata: candidates for its entries (:mod:`.wikidata`), fetched in
batches from a SPARQL endpoint (:mod:`.fetch`), kept with the decisions on them in
``curation/links.ttl`` (:mod:`mgi_graph.curate.links_file`)."""
