"""stdhub: the platform on which a province runs its standardization programme."""

__version__ = "0.1.0"
