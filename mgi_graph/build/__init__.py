"""The build: every stage in order, outputs published at once, the manifest that tells a
build current, and the answers it keeps for the canned queries.
"""
