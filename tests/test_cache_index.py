"""The compact cache index and what a run served from it does: its rows come back field by field, a run
with ten thousand cached findings reports exactly what the fresh run did while reading nothing but the
index, and a cached run does not load the language engine. The JSON reports' fast indented writer gives
the very text of `json.dumps(..., indent=2)`. (Times are measured in benchmarks/, not asserted here.)"""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import time
from pathlib import Path

import pytest
from check_helpers import CLI, cli_env, make_project

from english_guard import __version__
from english_guard.cache import INDEX, RESULTS, RUN_PREFIX, ResultCache
from english_guard.config import load_config
from english_guard.records import Candidate, FileError, FileResult, Finding
from english_guard.reporting import indented_json

# ----------------------------------------------------------------------------------- indented JSON ---


def _random_json(rng: random.Random, depth: int = 0) -> object:
    plain = [
        lambda: rng.randint(-(10**12), 10**12),
        lambda: rng.choice([0.5, -0.0, 1e300, 3.0, 1 / 3, float("inf"), float("nan"), 2.5e-8]),
        lambda: rng.choice([True, False, None]),
        lambda: "".join(rng.choice('ab "\\/\n\t\x00é中\u2028🙂{}[],:') for _ in range(rng.randint(0, 8))),
    ]
    if depth < 3 and rng.random() < 0.1:  # a list of objects of plain values, as a report's findings
        return [{plain[3](): rng.choice(plain)() for _ in range(rng.randint(1, 4))} for _ in range(rng.randint(1, 4))]
    if depth < 4 and rng.random() < 0.45:
        size = rng.choice([0, 1, 2, 5])
        if rng.random() < 0.5:
            return [_random_json(rng, depth + 1) for _ in range(size)]
        return {plain[3](): _random_json(rng, depth + 1) for _ in range(size)}
    return rng.choice(plain)()


def test_the_indented_writer_gives_the_text_of_json_dumps_with_indent():
    rng = random.Random(20261206)
    for _ in range(3000):
        value = _random_json(rng)
        assert indented_json.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2), value
    # Tuples are lists; keys that are not strings are written as json.dumps writes them.
    findings = [{"text": '"},\n      {"', "line": 1}, {"text": "}, {", "{": "}"}, {"é": 0.5}]
    for value in [(1, "a"), {"a": (2, 3)}, {1: "one", None: [True]}, [{2.5: {}}], {"k": {"n": [{}]}}, findings]:
        assert indented_json.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
    assert math.isnan(json.loads(indented_json.dumps([float("nan")]))[0])


# ------------------------------------------------------------------------------------- the index ---


def _finding(path: str, line: int, suggestion: str | None = None, confidence: float = 0.75) -> Finding:
    return Finding(
        path,
        line,
        5,
        line,
        18,
        "EG101",
        "identifier",
        "function",
        "hisoblash_qiymat",
        "uz",
        confidence,
        "m é",
        suggestion,
    )


def test_a_result_comes_back_from_the_compact_index_field_by_field(tmp_path, monkeypatch):
    project = make_project(tmp_path / "p", {"a.py": "x = 1\n"})
    monkeypatch.setenv("ENGLISH_GUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(project)
    config = load_config(None, start=".")
    original = FileResult("a.py")
    original.findings = [_finding("a.py", 1), _finding("a.py", 2, "compute_value", 1)]
    original.unused_directives = [_finding("a.py", 3)]
    original.error = FileError("a.py", "cannot parse: invalid syntax", 4, None)
    original.candidates = [
        Candidate(_finding("a.py", 6), (("uz", 1.25), ("*", 0.5))),
        Candidate(_finding("a.py", 7), ()),
    ]
    original.facts = {"languages": {"uz": 3.5, "en": 1}, "flows": {"shown": ["texts.WELCOME"]}}
    first = ResultCache(config, __version__)
    digest, hit = first.lookup("a.py", "python")
    assert digest is not None and hit is None
    first.store(digest, original)
    first.save()
    again = ResultCache(config, __version__)
    assert again.lookup("a.py", "python") == (digest, original)
    stored = json.loads((again.folder / RESULTS).read_text(encoding="utf-8"))
    # Rows, not objects with named keys: the results stay small and quick to read.
    assert stored["results"][digest][0][1] == [2, 5, 2, 18, "EG101", "identifier", "function"] + [
        "hisoblash_qiymat",
        "uz",
        1,
        "m é",
        "compute_value",
    ]


# ------------------------------------------------------------------------- a cached run, observed ---

UZBEK_WORDS = ["foydalanuvchi", "hisoblash", "qiymat", "royxat", "buyurtma", "manzil", "tolov", "mahsulot", "narx"]

# Runs `english-guard ARGS` in this process and prints, after its output, the modules it loaded and the
# files it opened (the checker's own code and data aside).
OBSERVED_RUN = """
import builtins, io, json, os, sys
opened = []
real_open = io.open
def recording_open(file, *args, **kwargs):
    opened.append(os.fspath(file) if not isinstance(file, int) else "<fd>")
    return real_open(file, *args, **kwargs)
builtins.open = io.open = recording_open
from english_guard.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps({"modules": sorted(sys.modules), "opened": opened}))
"""


def _observed(project: Path, cache: Path, *args: str) -> tuple[str, dict]:
    done = subprocess.run(
        [*CLI[:-2], "-c", OBSERVED_RUN, *args],
        cwd=project,
        env=cli_env(cache),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    output, _newline, observed = done.stdout.rstrip("\n").rpartition("\n")
    return output + "\n", json.loads(observed)


def _settled(root: Path) -> None:
    """Files as in a checkout: changed long before the run, so the cache keeps their modification times."""
    old = time.time() - 3600
    for file in root.rglob("*"):
        if file.is_file():
            os.utime(file, (old, old))


# The language engine, the readers and the judging steps: a run served from the cache needs none of them.
ENGINE = (
    "english_guard.findings",
    "english_guard.screen",
    "english_guard.settings",
    "english_guard.suppression",
    "english_guard.deceptive_characters",
    "english_guard.sources.string_roles",
    "english_guard.language.verdict",
    "english_guard.language.lexicon",
    "english_guard.language.words",
    "english_guard.sources.python",
    "sqlite3",
    "fasttext",
)


@pytest.fixture(scope="module")
def many_findings(tmp_path_factory) -> Path:
    """100 modules of 100 Uzbek names each: ten thousand findings."""
    files = {}
    for module in range(100):
        lines = [f"{UZBEK_WORDS[i % 9]}_{UZBEK_WORDS[(i // 9) % 9]}_{module}_{i} = {i}" for i in range(100)]
        files[f"pkg/m{module:03d}.py"] = "\n".join(lines) + "\n"
    project = make_project(tmp_path_factory.mktemp("many") / "project", files)
    _settled(project)
    return project


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_ten_thousand_cached_findings_are_reported_as_the_fresh_run_did(many_findings, tmp_path, output_format):
    cache = tmp_path / "cache"
    fresh, _observed_fresh = _observed(many_findings, cache, "check", "--format", output_format)
    [index] = cache.glob(f"*/{INDEX}")
    results = index.parent / RESULTS
    written = {part: part.stat().st_mtime_ns for part in (index, results)}
    if output_format == "json":
        assert json.loads(fresh)["summary"] == {"files": 101, "findings": 10_000, "errors": 0}
    # From the stored results: the index and the results read once each, neither written again, no source
    # file opened, no engine loaded; the run's resolved findings are recorded.
    cached, observed = _observed(many_findings, cache, "check", "--format", output_format)
    assert cached == fresh
    assert observed["opened"].count(str(index)) == 1 and observed["opened"].count(str(results)) == 1
    assert {part: part.stat().st_mtime_ns for part in written} == written
    assert not [path for path in observed["opened"] if path.endswith(".py")]
    assert not [module for module in ENGINE if module in observed["modules"]]
    [record] = index.parent.glob(f"{RUN_PREFIX}*.json")
    # The same run again is served from that record: the results are not even read.
    again, observed = _observed(many_findings, cache, "check", "--format", output_format)
    assert again == fresh
    assert str(results) not in observed["opened"] and observed["opened"].count(str(record)) == 1
    assert not [path for path in observed["opened"] if path.endswith(".py")]
    assert not [module for module in ENGINE if module in observed["modules"]]
    assert {part: part.stat().st_mtime_ns for part in written} == written


def test_a_run_record_serves_only_the_very_same_run(tmp_path):
    """A changed file or another set of files is decided afresh, and a changed file changed back is served."""
    project = make_project(
        tmp_path / "p",
        {"uz.py": "# Foydalanuvchi uchun hisoblash.\nx = 1\n", "other.py": "# Ro'yxatni tozalash va qayta hisoblash\n"},
    )
    _settled(project)
    cache = tmp_path / "cache"

    def paths(*args: str) -> list[str]:
        report, observed = _observed(project, cache, "check", "--format", "json", *args)
        return sorted(f["path"] for f in json.loads(report)["findings"])

    assert paths() == ["other.py", "uz.py"]
    assert paths() == ["other.py", "uz.py"]  # all from the results: recorded
    assert len(list(cache.glob(f"*/{RUN_PREFIX}*.json"))) == 1
    assert paths() == ["other.py", "uz.py"]  # from the record
    assert paths("uz.py") == ["uz.py"]
    (project / "other.py").write_text("# Sum the values.\n", encoding="utf-8")
    assert paths() == ["uz.py"]
    (project / "other.py").write_text("# Ro'yxatni tozalash va qayta hisoblash\n", encoding="utf-8")
    assert paths() == ["other.py", "uz.py"]


def test_a_cached_run_loads_no_language_engine_and_the_same_run_again_writes_nothing(tmp_path):
    project = make_project(
        tmp_path / "p",
        {
            "clean.py": '"""Sum helpers."""\n\n\ndef add(first, second):\n    return first + second\n',
            "uz.py": "# Foydalanuvchi uchun hisoblash.\nx = 1\n",
        },
    )
    _settled(project)
    cache = tmp_path / "cache"
    fresh, observed_fresh = _observed(project, cache, "check")
    assert "english_guard.findings" in observed_fresh["modules"]  # the probe sees the engine when it loads
    cached, observed = _observed(project, cache, "check")
    assert cached == fresh and "(Uzbek)" in cached
    assert [module for module in (*ENGINE, "pathspec") if module in observed["modules"]] == []
    # The first run served from the cache records the run; the same run again writes nothing at all.
    again, observed = _observed(project, cache, "check")
    assert again == fresh
    assert [module for module in (*ENGINE, "tempfile", "pathspec") if module in observed["modules"]] == []


def test_a_run_on_changed_files_appends_to_the_results_and_a_full_run_prunes_them(tmp_path):
    project = make_project(
        tmp_path / "p",
        {"a.py": "# Foydalanuvchi uchun hisoblash.\nx = 1\n", "b.py": "y = 2\n", "c.py": "# Sum the values.\nz = 3\n"},
    )
    _settled(project)
    cache = tmp_path / "cache"
    reference, _observed_run = _observed(project, cache, "check", "--format", "json")
    [results] = cache.glob(f"*/{RESULTS}")

    def stored() -> dict:
        return json.loads(results.read_text(encoding="utf-8"))["results"]

    before = results.read_bytes()
    assert len(stored()) == 4  # three modules and pyproject.toml
    (project / "a.py").write_text("# Foydalanuvchi uchun hisoblash.\nx = 10\n", encoding="utf-8")
    _output, observed = _observed(project, cache, "check", "a.py")
    assert "tempfile" not in observed["modules"]  # a small run writes its files without that module's import
    # Appended: the text before is kept byte for byte, and the file is one valid JSON object.
    assert results.read_bytes().startswith(before[:-2]) and len(stored()) == 5
    (project / "b.py").write_text("y = 20\n", encoding="utf-8")
    full, _observed_run = _observed(project, cache, "check", "--format", "json")
    assert json.loads(full)["findings"] == json.loads(reference)["findings"]
    assert len(stored()) == 4  # written whole: the results of the old a.py and b.py are gone
