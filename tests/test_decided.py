"""The word decisions taken at build time (english_guard.language.decided) are the live decisions."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

from english_guard.language import decided

ROOT = Path(__file__).resolve().parent.parent
REBUILD = "the word table is stale: run `python tools/build_decided_words.py` and commit its output"

# Decides (word, identifier, allowed words) triples read from stdin, as `words.classify_word` does in a new
# process; with FORCE, the table answers from the first word on. Prints the decisions and the table's size.
DECIDE = """
import json, sys
from english_guard.language import decided
from english_guard.language.words import classify_word
if sys.argv[1] == "force":
    decided.load()
out = []
for word, identifier, allowed in json.load(sys.stdin):
    found = classify_word(word, frozenset(allowed), identifier)
    out.append([found.text, found.key, found.verdict, found.strength, found.languages, found.reason])
entries = decided._table.load()
print(json.dumps([len(entries[0]) + len(entries[1]), out]))
"""


def _decisions(triples: list, with_table: bool) -> tuple[int, list]:
    env = dict(os.environ, ENGLISH_GUARD_DECIDED="on" if with_table else "off")
    done = subprocess.run(
        [sys.executable, "-c", DECIDE, "force" if with_table else "live"],
        input=json.dumps(triples),
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    size, out = json.loads(done.stdout)
    return size, out


def test_the_table_is_current():
    table = decided.read_table()
    assert table is not None, REBUILD
    assert table[0] == decided.fingerprint(), REBUILD


def test_every_entry_is_the_live_decision_with_and_without_allowed_words():
    table = decided.read_table()
    assert table is not None, REBUILD
    _fingerprint, prose, identifier = table
    triples = [[word, False, []] for word in prose] + [[word, True, []] for word in identifier]
    # Allowed words change a decision through the word's key and a plural's stem (`klients`): every 50th entry
    # again with its key allowed, its key less the last letter allowed, and an unrelated word allowed.
    for word, as_identifier, _allowed in triples[::50]:
        key = word.lower().replace("'", "").replace("`", "")
        triples += [[word, as_identifier, [key]], [word, as_identifier, [key[:-1]]], [word, as_identifier, ["zzq"]]]
    size, with_table = _decisions(triples, with_table=True)
    live_size, live = _decisions(triples, with_table=False)
    assert size == len(prose) + len(identifier) > 20_000, REBUILD  # the table did answer
    assert live_size == 0  # and was switched off
    differing = [triple for triple, old, new in zip(triples, with_table, live, strict=True) if old != new]
    assert not differing, f"{REBUILD}; first differing words: {differing[:5]}"


def test_the_stored_entries_are_the_words_of_code(tmp_path: Path):
    """The table holds the common words of code as names and as prose, and ASCII words only."""
    table = decided.read_table()
    assert table is not None, REBUILD
    _fingerprint, prose, identifier = table
    assert {"self", "value", "lineno", "isdir", "kwargs"} <= set(identifier)
    assert {"the", "Return", "returns"} <= set(prose)
    assert all(word.isascii() for word in (*prose, *identifier))
    # Nothing rests on the GPL hunspell-uz forms: the table is derived from the wordfreq lexicon only.
    assert not [entry for entry in (*prose.values(), *identifier.values()) if "Uzbek word list" in entry[4]]


def test_a_stale_or_missing_table_is_not_used(tmp_path: Path, monkeypatch):
    stale = tmp_path / "decided.bin"
    decided.write_table(stale, {"value": (None, "english", 0, (), "made up")}, {})
    monkeypatch.setattr(decided, "DATA", stale)
    monkeypatch.setattr(decided, "fingerprint", lambda: "another version of the rules")
    table = decided._Table()
    table.load()
    assert table.entry("value", frozenset(), False) is None
    monkeypatch.setattr(decided, "DATA", tmp_path / "missing.bin")
    assert decided.read_table() is None


def test_a_module_installed_without_its_source_changes_the_fingerprint(monkeypatch):
    """Bytecode-only installs cannot show which rules the table was built with: it is then not used."""
    current = decided.fingerprint()
    monkeypatch.setattr(decided, "SOURCES", (*decided.SOURCES, "a_module_without_source"))
    assert decided.fingerprint() != current


def test_a_data_file_left_out_changes_the_fingerprint(monkeypatch):
    """Deleting the GPL word list (README, "Lexicon licences") makes the table inapplicable, not wrong."""
    current = decided.fingerprint()
    monkeypatch.setattr(decided, "DATA_FILES", (*decided.DATA_FILES[:-1], "uzbek-hunspell-left-out.txt.gz"))
    assert decided.fingerprint() != current


def test_a_small_run_decides_its_words_live(tmp_path: Path, monkeypatch):
    """The table is read only once a run has decided `LOAD_AFTER` words; then it answers."""
    own = tmp_path / "decided.bin"
    decided.write_table(own, {"value": (None, "english", 0, (), "stored")}, {})
    monkeypatch.setattr(decided, "DATA", own)
    table = decided._Table()
    answers = [table.entry("value", frozenset(), False) for _ in range(decided.LOAD_AFTER + 1)]
    assert answers[: decided.LOAD_AFTER] == [None] * decided.LOAD_AFTER
    assert answers[-1] == (None, "english", 0, (), "stored")
    assert table.entry("value", frozenset({"value"}), False) is None  # an allowed word is decided live
    assert table.entry("values", frozenset(), False) is None  # a word not stored too


def _language_imports(module: str) -> set[str]:
    tree = ast.parse((ROOT / "english_guard" / "language" / f"{module}.py").read_text(encoding="utf-8"))
    return {
        node.module.rsplit(".", 1)[1]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("english_guard.language.")
    }


def test_the_fingerprint_covers_every_module_that_decides_words():
    seen: set[str] = set()
    todo = ["words"]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(_language_imports(module))
    assert seen - {"decided"} <= set(decided.SOURCES)
    for name in decided.DATA_FILES:
        assert (ROOT / "english_guard" / "language" / "data" / name).is_file()
