"""A short run of the hostile-input fuzzer (issue 16): benchmarks/fuzz_hostile.py runs the long one.

Mutated copies of this repository's own files go through `check`, and a mutated copy of the example bot
through rename, translate and extract: no traceback, no hang, every written file parses, a second run
changes nothing. The seeds are fixed, so a failure here reproduces with the same command line.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "fuzz_hostile", Path(__file__).resolve().parent.parent / "benchmarks" / "fuzz_hostile.py"
)
fuzz_hostile = sys.modules.setdefault("fuzz_hostile", importlib.util.module_from_spec(_SPEC))
_SPEC.loader.exec_module(fuzz_hostile)


def test_mutated_files_never_crash_or_hang_check():
    outcome = fuzz_hostile.fuzz_files(200, seed=16, batch=200, timeout=300)
    assert outcome.files == 200 and outcome.runs == 1
    assert outcome.failures == []


def test_a_mutated_project_goes_through_every_fix_safely_and_a_second_run_changes_nothing():
    outcome = fuzz_hostile.fuzz_projects(1, seed=16, timeout=300)
    assert outcome.failures == []
    assert outcome.written > 0  # the fixes did write: the checks above looked at real writes
