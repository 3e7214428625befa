"""Babel message catalogs for a project's user-facing strings: template, PO files, MO files.

Babel does the catalog work (extraction, merge/update, compilation); this package only
decides which files to touch and writes a file only when its content really changes,
so that running `extract` twice leaves every catalog byte for byte as it was.
"""
