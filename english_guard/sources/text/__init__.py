"""Readers for the files that live beside the code: YAML and Helm templates, Dockerfiles, shell scripts,
TOML/INI/.env files and Markdown/reStructuredText docs.

Every reader is `read_xxx(path, text, config) -> list[Segment]`: it lexes the decoded text in one
linear pass, never raises on bad input, and returns kind="prose" segments with the exact position
of the prose (comment markers, quotes and delimiters excluded). Readers stay dumb: directives,
shebangs and commented-out code are returned too (with a `context` hint); the language detection
decides that they are English.
"""
