"""The string benchmark's held-out sets stay consistent without their trees: every labelled literal
belongs to a repository of the set it is scored with, and drawing takes one set's rows only."""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "strings"
LABEL_FILES = {
    "heldout": "labels.json",
    "heldout2": "labels-heldout2.json",
    "heldout3": "labels-heldout3.json",
    "heldout4": "labels-heldout4.json",
    "heldout5": "labels-heldout5.json",
}


def _load_sample():
    spec = importlib.util.spec_from_file_location("strings_sample", BENCH / "sample.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


sample = _load_sample()


def _rows() -> list[dict]:
    with (BENCH / "heldout.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_each_repository_is_pinned_and_in_one_set():
    rows = _rows()
    assert {row["split"] for row in rows} == set(LABEL_FILES)
    assert len({row["repo"] for row in rows}) == len(rows)
    for row in rows:
        assert len(row["commit"]) == 40 and int(row["commit"], 16) >= 0, row["repo"]


@pytest.mark.parametrize("split", sorted(LABEL_FILES))
def test_labels_belong_to_their_set(split):
    repos = {row["repo"] for row in _rows() if row["split"] == split}
    labels = json.loads((BENCH / LABEL_FILES[split]).read_text(encoding="utf-8"))
    assert len(labels) >= 80 * len(repos)
    places = set()
    for item in labels:
        assert set(item) == {"repo", "path", "line", "column", "sha1", "label"}, item
        assert item["repo"] in repos and item["label"] in sample.LABELS
        assert item["line"] >= 1 and item["column"] >= 1 and len(item["sha1"]) == 12
        place = (item["repo"], item["path"], item["line"], item["column"])
        assert place not in places, place
        places.add(place)
    # Every repository of the set is labelled, and has prose to measure recall on.
    assert {item["repo"] for item in labels} == repos
    for repo in repos:
        assert any(item["repo"] == repo and item["label"] == "foreign" for item in labels), repo


def test_draw_takes_the_rows_of_one_set(tmp_path):
    tsv = tmp_path / "repos.tsv"
    tsv.write_text(
        "repo\tcommit\tsplit\tlanguage\twhere\n" + "a/one\tc\theldout\tuz\tx\n" + "b/two\tc\theldout2\tuz\tx\n",
        encoding="utf-8",
    )
    assert sample._repos(tsv, "heldout") == ["a/one"]
    assert sample._repos(tsv, "heldout2") == ["b/two"]
