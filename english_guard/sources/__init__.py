"""Readers that turn a file into segments (kind, text, exact position).

`registry.reader_for(path, config)` picks the reader by file name and extension.
"""
