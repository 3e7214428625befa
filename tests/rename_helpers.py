"""Shared helpers for the rename tests: a tmp copy of the fixture bot, running the CLI, hashing a tree."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import tokenize
from pathlib import Path

from click.testing import CliRunner

from english_guard.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "rename_bot"


def copy_fixture(tmp_path: Path) -> Path:
    target = tmp_path / "rename_bot"
    shutil.copytree(FIXTURE, target, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    return target


def run_cli(project: Path, *args: str, monkeypatch):
    monkeypatch.chdir(project)
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and ".pytest_cache" not in p.parts and p.suffix == ".py"
    }


def tokens_with_gaps(source: bytes):
    """Python tokens plus the exact text between them (whitespace, comments are tokens too)."""
    text = source.decode("utf-8-sig")
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    out = []
    last = 0
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.ENDMARKER:
            break
        begin = starts[token.start[0] - 1] + token.start[1]
        end = starts[token.end[0] - 1] + token.end[1]
        out.append(("gap", text[last:begin]))
        out.append((tokenize.tok_name[token.type], text[begin:end]))
        last = max(last, end)
    out.append(("gap", text[last:]))
    return out


def assert_only_names_changed(old: bytes, new: bytes, renames: dict[str, set[str]]) -> None:
    """Byte for byte outside the renamed tokens: every difference is a NAME (or a name inside a
    string) replaced by one of its planned new names."""
    old_tokens, new_tokens = tokens_with_gaps(old), tokens_with_gaps(new)
    assert len(old_tokens) == len(new_tokens)
    for (kind_a, text_a), (kind_b, text_b) in zip(old_tokens, new_tokens, strict=True):
        assert kind_a == kind_b
        if text_a == text_b:
            continue
        if kind_a == "NAME":
            assert text_b in renames.get(text_a, set()), (text_a, text_b)
        elif kind_a in {"STRING", "FSTRING_MIDDLE"}:  # f-strings and getattr/__all__ literals
            words_a, words_b = re.findall(r"\w+|\W", text_a), re.findall(r"\w+|\W", text_b)
            assert len(words_a) == len(words_b), (text_a, text_b)
            for word_a, word_b in zip(words_a, words_b, strict=True):
                assert word_a == word_b or word_b in renames.get(word_a, set()), (text_a, text_b)
        else:
            raise AssertionError(f"{kind_a} changed: {text_a!r} -> {text_b!r}")
