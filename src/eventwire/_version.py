"""The package version, in a leaf module: modules that print or record it import it from
here, never from the package root (which imports most of the package)."""

__version__ = "0.1.0"
