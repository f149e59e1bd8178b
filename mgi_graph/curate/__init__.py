"""The curated knowledge and what grows it: countries (ISO 3166), the registry of bodies and
instruments, the name matcher, candidate names, and the proposals of new entries.
"""
