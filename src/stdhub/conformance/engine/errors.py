"""Exceptions raised by the engine; each message says what is wrong and where."""


class SpecError(ValueError):
    """A data standard (Table Schema) that is malformed or names unknown things."""


class CodeListError(ValueError):
    """A code list file or lookup that cannot be honoured."""


class SourceError(OSError):
    """A data file that cannot be opened or read at all (bad data is reported, not raised)."""
