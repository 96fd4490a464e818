"""Files in and out of the standard registry: CSV and Excel (.xlsx) import, CSV/xlsx/JSON export.

``importer.import_standards`` is the one import path (CLI, web, tasks);
``exporter`` writes any queryset of standards in the customary columns.
"""
