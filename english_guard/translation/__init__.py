"""Offline translation into English: engines, installed models and the translation memory.

This package is only imported by `translate`, `models` and the migration; `check` never imports it,
so the lint path stays light. The neural engines import `ctranslate2` and `sentencepiece` (the
`english-guard[translate]` extra) only when a model is actually loaded.
"""
