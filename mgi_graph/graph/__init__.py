"""Assembling the graph: profiles and findings, mentions of registry entries, curated
statements, developments and figures with their evidence, editions compared, VoID.
"""
