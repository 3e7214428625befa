"""The real-world benchmark's own integrity, without its corpus: labels, repository list and split,
the item enumeration, the scorer's matching, and extraction from a real git snapshot."""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "realworld"
LANGS = {"en", "uz", "ru", "uk", "kk", "tr", "de", "es", "pt", "fr", "it", "pl", "az", "id", "zh", "ja", "ar"}
KINDS = {"comment", "docstring", "identifier", "string"}


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"realworld_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


score = _load("score")
sample = _load("sample")
extract = _load("extract")


def _repos() -> dict[str, dict]:
    with (BENCH / "repos.tsv").open(encoding="utf-8", newline="") as fh:
        return {row["repo"]: row for row in csv.DictReader(fh, delimiter="\t")}


def _labels(split: str) -> list[dict]:
    path = BENCH / "labels" / f"{split}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def test_repos_tsv_rows_are_complete_and_pinned():
    repos = _repos()
    assert repos
    for name, row in repos.items():
        assert len(row["commit"]) == 40 and int(row["commit"], 16) >= 0, name
        assert row["role"] in {"foreign", "control"}, name
        foreign_splits = {"tune", "test", "test2", "test3", "test4", "test5"}
        control_splits = {"control", "control2", "control3", "control4", "control5"}
        assert row["split"] in (foreign_splits if row["role"] == "foreign" else control_splits), name
        assert row["notes"].strip(), name


def test_test_split_covers_the_required_languages_and_controls_the_required_repos():
    repos = _repos().values()
    test = [r for r in repos if r["split"] == "test"]
    assert len(test) >= 8
    langs = {r["category"] for r in test}
    assert {"uz", "ru", "uk"} <= langs and len(langs) >= 5
    assert sum(r["category"] == "uk" for r in test) >= 2
    controls = {r["repo"] for r in repos if r["role"] == "control" and r["split"] == "control"}
    assert {"psf/requests", "pallets/click", "pallets/flask", "encode/httpx"} <= controls
    assert len(controls) >= 6


# Each session's held-out part: its split, its controls' split, the languages it must hold, and the splits
# that came before it.
HELDOUT_PARTS = [
    ("test2", "control2", {"uz", "ru", "uk"}, {"tune", "test", "control"}),
    ("test3", "control3", {"uz", "ru", "uk", "kk", "es"}, {"tune", "test", "control", "test2", "control2"}),
    (
        "test4",
        "control4",
        {"uz", "ru", "uk", "kk", "de"},
        {"tune", "test", "control", "test2", "control2", "test3", "control3"},
    ),
    (
        "test5",
        "control5",
        {"uz", "ru", "uk", "de", "az", "pl"},
        {"tune", "test", "control", "test2", "control2", "test3", "control3", "test4", "control4"},
    ),
]


@pytest.mark.parametrize(("split", "control_split", "languages", "earlier_splits"), HELDOUT_PARTS)
def test_each_heldout_split_is_new_and_covers_its_languages(split, control_split, languages, earlier_splits):
    repos = _repos().values()
    part = [r for r in repos if r["split"] == split]
    assert len(part) >= 8 and all(r["role"] == "foreign" for r in part)
    langs = [r["category"] for r in part]
    assert languages <= set(langs) and len(set(langs)) >= 5 and langs.count("uz") >= 2
    controls = [r for r in repos if r["split"] == control_split]
    assert len(controls) >= 2 and all(r["role"] == "control" for r in controls)
    # New means: no repository of the part or its controls was in any earlier part of the benchmark.
    earlier = {r["repo"] for r in repos if r["split"] in earlier_splits}
    assert not earlier & {r["repo"] for r in part + controls}


def test_each_split_is_scored_with_its_own_control_group():
    assert score.control_group("test2") == "control2"
    assert score.control_group("test3") == "control3"
    assert score.control_group("test4") == "control4"
    assert score.control_group("test5") == "control5"
    assert {score.control_group(split) for split in ("tune", "test", "all")} == {"control"}


@pytest.mark.parametrize("split", ["tune", "test", "test2", "test3", "test4", "test5"])
def test_labels_parse_and_belong_to_their_split(split):
    repos = _repos()
    labels = _labels(split)
    if split == "tune":
        assert len(labels) >= 300
    seen = set()
    for lab in labels:
        assert set(lab) == {
            "repo",
            "path",
            "kind",
            "line",
            "end_line",
            "col",
            "name",
            "text_sha1",
            "lang",
            "user_facing",
        }, lab
        assert repos[lab["repo"]]["split"] == split and repos[lab["repo"]]["role"] == "foreign"
        assert lab["kind"] in KINDS and lab["lang"] in LANGS
        assert 1 <= lab["line"] <= lab["end_line"] and lab["col"] >= 0
        assert len(lab["text_sha1"]) == 40 and int(lab["text_sha1"], 16) >= 0
        assert (lab["user_facing"] in (True, False)) if lab["kind"] == "string" else lab["user_facing"] is None
        assert bool(lab["name"]) == (lab["kind"] == "identifier")
        key = (lab["repo"], lab["path"], lab["kind"], lab["line"], lab["col"], lab["name"])
        assert key not in seen, key
        seen.add(key)


def test_session15_heldout_part_has_the_positives_it_was_drawn_for():
    # The brief of session 15 asked for at least 50 comments, 25 docstrings and 20 identifiers that are not
    # English among test5's labels, and a label for every repository of the part.
    labels = _labels("test5")
    foreign = [lab for lab in labels if lab["lang"] != "en"]
    assert sum(lab["kind"] == "comment" for lab in foreign) >= 50
    assert sum(lab["kind"] == "docstring" for lab in foreign) >= 25
    assert sum(lab["kind"] == "identifier" for lab in foreign) >= 20
    part = {name for name, row in _repos().items() if row["split"] == "test5"}
    assert {lab["repo"] for lab in labels} == part


def test_splits_are_disjoint_by_repository():
    tune = {lab["repo"] for lab in _labels("tune")}
    test = {lab["repo"] for lab in _labels("test")}
    test2 = {lab["repo"] for lab in _labels("test2")}
    test3 = {lab["repo"] for lab in _labels("test3")}
    test4 = {lab["repo"] for lab in _labels("test4")}
    test5 = {lab["repo"] for lab in _labels("test5")}
    assert tune and not tune & test and not (tune | test) & test2 and not (tune | test | test2) & test3
    assert not (tune | test | test2 | test3) & test4
    assert not (tune | test | test2 | test3 | test4) & test5


SOURCE = '''"""Modul hujjati."""
import numpy as np
from os import path


class Talaba:
    """Talaba haqida."""

    def __init__(self, ism):
        self.ism = ism  # talabaning ismi
        self.yosh = 3

    def salom(self):
        return f"Salom, {self.ism}!" + b"bytes ok".decode() + "ab" + 'uzun matn'
'''


def test_sample_enumerates_every_kind_without_the_tool():
    items = sample.file_items("m.py", SOURCE)
    by_kind = {k: [it for it in items if it["kind"] == k] for k in KINDS}
    assert [it["text"] for it in by_kind["docstring"]] == ["Modul hujjati.", "Talaba haqida."]
    assert [it["text"] for it in by_kind["comment"]] == ["# talabaning ismi"]
    assert {it["name"] for it in by_kind["identifier"]} == {"np", "Talaba", "ism", "yosh", "salom"}
    ism = next(it for it in by_kind["identifier"] if it["name"] == "ism")
    assert ism["line"] == 9  # the parameter, before self.ism on line 10
    # Bytes, short literals and the docstrings are not string items; placeholders do not count as letters.
    assert sorted(it["text"] for it in by_kind["string"]) == ["Salom, {self.ism}!", "uzun matn"]
    fstring = next(it for it in by_kind["string"] if it["text"].startswith("Salom"))
    assert (fstring["line"], fstring["col"]) == (14, 15)


def test_sample_keeps_comments_and_strings_of_a_file_that_does_not_parse():
    items = sample.file_items("old.py", 'print "salom dunyo"  # eski kod\n')
    assert {(it["kind"], it["text"]) for it in items} == {("comment", "# eski kod"), ("string", "salom dunyo")}


def test_sample_draw_is_seeded_and_independent_of_other_kinds():
    items = [{"kind": "comment", "n": i} for i in range(50)] + [{"kind": "string", "n": i} for i in range(5)]
    first = sample.draw(items, "o/r", "comment", 10, 7)
    assert first == sample.draw(items + [{"kind": "string", "n": 99}], "o/r", "comment", 10, 7)
    assert len(first) == 10 and first != sample.draw(items, "o/r", "comment", 10, 8)
    assert len(sample.draw(items, "o/r", "string", 10, 7)) == 5


def _label(kind, line, lang, *, col=0, end=None, name="", uf=None):
    return {
        "repo": "o/r",
        "path": "a.py",
        "kind": kind,
        "line": line,
        "end_line": end or line,
        "col": col,
        "name": name,
        "text_sha1": "0" * 40,
        "lang": lang,
        "user_facing": uf,
    }


def test_scorer_matches_findings_to_sampled_labels_only():
    labels = [
        _label("identifier", 3, "uz", name="sonlar"),
        _label("comment", 5, "uz"),
        _label("docstring", 7, "ru", end=9),
        _label("string", 12, "uz", col=30, uf=True),  # a second, unsampled literal starts at col 10
        _label("string", 14, "en", col=4, uf=False),
        _label("string", 16, "uz", col=8, uf=False),  # neutral in the main figures
        _label("comment", 20, "de"),  # missed
    ]
    findings = [
        {"path": "a.py", "line": 40, "column": 1, "kind": "identifier", "text": "obj.sonlar", "language": "uz"},
        {"path": "a.py", "line": 5, "column": 5, "kind": "comment", "text": "#", "language": "tr"},
        {"path": "a.py", "line": 8, "column": 1, "kind": "docstring", "text": "", "language": "ru"},
        {"path": "a.py", "line": 12, "column": 11, "kind": "string", "text": "", "language": "uz"},  # unsampled
        {"path": "a.py", "line": 12, "column": 31, "kind": "string", "text": "", "language": "uz"},
        {"path": "a.py", "line": 14, "column": 6, "kind": "string", "text": "", "language": "es"},  # after f"
        {"path": "a.py", "line": 16, "column": 9, "kind": "string", "text": "", "language": "uz"},
        {"path": "b.py", "line": 20, "column": 1, "kind": "comment", "text": "", "language": "de"},  # other file
    ]
    hits = score.match(findings, labels)
    assert sorted(hits) == [0, 1, 2, 3, 4, 5]
    assert hits[3][0]["column"] == 31
    res = score.score_split(labels, hits)
    assert (res["identifier"]["tp"], res["identifier"]["naming"]) == (1, 1.0)
    assert (res["comment"]["tp"], res["comment"]["fn"], res["comment"]["naming"]) == (1, 1, 0.0)
    assert res["docstring"]["recall"] == 1.0
    assert (res["string"]["tp"], res["string"]["fp"], res["string"]["positives"]) == (1, 1, 1)
    assert res["string"]["precision"] == 0.5
    assert (res["string (all)"]["tp"], res["string (all)"]["positives"]) == (2, 2)
    assert res["overall"]["by_lang"]["de"] == {"positives": 1, "tp": 0, "recall": 0.0, "naming": None, "named_as": {}}


def test_scorer_lets_a_string_finding_match_a_docstring_label_and_back():
    labels = [_label("docstring", 1, "uz", end=3), _label("string", 6, "uz", col=4, uf=True)]
    findings = [
        {"path": "a.py", "line": 2, "column": 1, "kind": "string", "language": "uz"},
        {"path": "a.py", "line": 6, "column": 5, "kind": "docstring", "language": "uz"},
    ]
    assert sorted(score.match(findings, labels)) == [0, 1]


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@e",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@e",
            "HOME": str(cwd),
            "PATH": "/usr/bin:/bin",
        },
    ).stdout


def test_extract_writes_the_recorded_commit_from_a_bare_snapshot(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    _git(work, "init", "-q")
    (work / "pkg").mkdir()
    (work / "pkg" / "a.py").write_text("# birinchi\n", encoding="utf-8")
    _git(work, "add", "-A")
    _git(work, "commit", "-qm", "one")
    first = _git(work, "rev-parse", "HEAD").strip()
    (work / "pkg" / "a.py").write_text("# ikkinchi\n", encoding="utf-8")
    _git(work, "commit", "-qam", "two")
    mirror = tmp_path / "mirror"
    _git(tmp_path, "clone", "-q", "--bare", str(work), str(mirror / "me+tiny" / "repo"))
    tsv = tmp_path / "repos.tsv"
    tsv.write_text(
        "repo\tcommit\tcategory\tsplit\trole\tnotes\n"
        f"me/tiny\t{first}\tuz\ttune\tforeign\tsynthetic\n"
        f"me/absent\t{first}\tuz\ttest\tforeign\tno snapshot\n",
        encoding="utf-8",
    )
    target = tmp_path / "corpus"
    result = subprocess.run(
        [sys.executable, str(BENCH / "extract.py"), str(target), "--repos", str(tsv)],
        env={"MIRROR": str(mirror), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1  # the absent snapshot is reported, the other row still extracted
    assert "MISSING snapshot for me/absent" in result.stderr
    assert (target / "me+tiny" / "pkg" / "a.py").read_text(encoding="utf-8") == "# birinchi\n"


def test_whole_literals_spreads_a_finding_over_the_pieces_of_a_concatenation(tmp_path):
    (tmp_path / "m.py").write_text(
        'msg = ("Salom, do\'stim "\n       "qalaysiz?\\n"\n       "see the docs")\nother = ("plain" "text")\n',
        encoding="utf-8",
    )
    assert score.literal_spans((tmp_path / "m.py").read_text(encoding="utf-8")) == {(1, 7): 3}

    def label(line, col, lang):
        return {"path": "m.py", "kind": "string", "line": line, "end_line": line, "col": col, "lang": lang, "name": ""}

    labels = [label(1, 7, "uz"), label(2, 7, "uz"), label(3, 7, "en"), label(4, 9, "en")]
    findings = [
        {"path": "m.py", "kind": "string", "line": 1, "column": 8, "code": "EG401", "language": "uz"},
        {"path": "m.py", "kind": "string", "line": 4, "column": 10, "code": "EG401", "language": "uz"},
    ]
    hits = score.match(findings, labels)
    assert set(hits) == {0, 3}  # piece by piece: the second Uzbek piece is missed
    score.spread_over_pieces(findings, labels, hits, tmp_path)
    # The whole expression was found: both Uzbek pieces count, its English piece is neutral; the one-line
    # English concatenation keeps its false positive.
    assert set(hits) == {0, 1, 3}
