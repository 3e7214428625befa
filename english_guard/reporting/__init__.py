"""Reporters: findings -> text, json, sarif, github, gitlab."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "sarif", "github", "gitlab")


def render(format_name: str, run, **options) -> str:
    module = importlib.import_module(f"english_guard.reporting.{format_name}_format")
    return module.render(run, **options)
