"""The package's version, in one place (the root package and the build read it here).

>>> __version__
'0.1.0'
"""

__version__ = "0.1.0"
