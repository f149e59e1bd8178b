"""A researcher's own corpus: adding documents (``add``) and reviewing proposed entries
(``review``).
"""
