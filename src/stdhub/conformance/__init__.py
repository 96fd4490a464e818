"""Executable data standards: check a data file against a standard's Table Schema."""
