"""Pure helpers for the tabular files people send and receive (no Django, no app).

- ``encoding``: which text encoding a file uses, and which encodings may be asked for;
- ``cells``: spreadsheet cells that cannot run as formulas (CSV/Excel formula injection);
- ``sniff``: what a file is by its bytes, whatever its name says;
- ``zipsize``: an .xlsx workbook's inflated size, checked before it is opened.

Both the registry's importer and the conformance engine use them, so the rules are
written once.
"""
