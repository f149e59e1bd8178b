"""Reading sources: the catalogue of source documents, their text (UTF-8 captures and PDF),
the profile layout and the profile parser, and quotes of their passages with offsets.
"""
