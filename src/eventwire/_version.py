"""The package version, in a leaf module: modules that print or record it import it from
here, never from the package root (which imports most of the package). pyproject.toml reads
it too, so this is the one place a release sets its number; every record's `meta.version`
carries it, and a store tells which of its articles an earlier release coded."""

__version__ = "0.3.7"
