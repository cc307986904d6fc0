"""claimgraph: ML efficiency papers and their quantitative claims, as a queryable graph."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("claimgraph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
