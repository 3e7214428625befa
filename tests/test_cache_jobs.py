"""The result cache (keyed by file, content, configuration and tool version; safe under concurrent
runs; `--no-cache`; a read-only tree) and `--jobs N` parallelism, with real `english-guard` processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from check_helpers import (
    CLI,
    PYPROJECT,
    RU_NEW_COMMENT,
    UZ_COMMENT,
    UZ_COMMENT_2,
    UZ_FUNCTION,
    YAML_SOURCE,
    check_json,
    cli_env,
    located,
    make_project,
    write,
)

from english_guard.cache import RESULTS, ROW_FIELDS, _well_formed, content_digest
from english_guard.checker import PARALLEL_THRESHOLD


def _module(index: int) -> str:
    lines = [f'"""Module number {index}."""', "", ""]
    if index % 3 == 0:
        lines.append(UZ_COMMENT if index % 2 else RU_NEW_COMMENT)
    lines.append(f"def {UZ_FUNCTION}_{index}(value):" if index % 5 == 0 else f"def compute_{index}(value):")
    lines.append(f"    # Scale the value by {index}.")
    lines.append(f"    return value * {index}")
    if index % 4 == 0:
        lines.append(UZ_COMMENT_2)
    return "\n".join(lines) + "\n"


def _tree(root: Path, count: int = 32) -> Path:
    files = {f"pkg/module_{i:02d}.py": _module(i) for i in range(count)}
    files["deploy/values.yaml"] = YAML_SOURCE
    root = make_project(root, files)
    # Settled files, as in a real checkout: the cache keeps their modification times from the first run on
    # (a file changed within two seconds of a run is hashed again next time, which a slow machine would hit).
    old = time.time() - 3600
    for file in root.rglob("*"):
        if file.is_file():
            os.utime(file, (old, old))
    return root


@pytest.fixture
def tree(tmp_path) -> Path:
    return _tree(tmp_path / "tree")


def _indexes(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("*/index.json"))


def _entries(cache_dir: Path) -> dict[str, list]:
    """Every file recorded in the cache's indexes: path -> [size, modification time, content digest]."""
    entries: dict[str, list] = {}
    for index in _indexes(cache_dir):
        for path, record in json.loads(index.read_text(encoding="utf-8"))["files"].items():
            entries[f"{index.parent.name}/{path}"] = record
    return entries


def _results(cache_dir: Path) -> list[list]:
    return [
        result
        for index in _indexes(cache_dir)
        for result in json.loads((index.parent / RESULTS).read_text(encoding="utf-8"))["results"].values()
    ]


def _edit_result(cache_dir: Path, relative: str, data: bytes, edit, reader: str = "python") -> None:
    """Change the stored result of one file in place (as a person could by hand)."""
    [index] = _indexes(cache_dir)
    results = index.parent / RESULTS
    stored = json.loads(results.read_text(encoding="utf-8"))
    edit(stored["results"][content_digest(data, reader, relative)])
    results.write_text(json.dumps(stored), encoding="utf-8")


def _served_from_cache(result: dict) -> None:
    findings = result[0]  # a stored result is [findings, unused, error, candidates, facts], a finding a row
    findings[0][ROW_FIELDS.index("message")] = "served from the cache"


def test_second_run_reuses_the_cached_results(tree, tmp_path):
    cache = tmp_path / "cache"
    env = cli_env(cache)
    code, first, _stderr = check_json(tree, env=env)
    assert code == 1 and first["findings"]
    entries = _entries(cache)
    assert len(entries) == first["summary"]["files"] == 34  # one per file, pyproject.toml included
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    [index] = _indexes(cache)
    written = index.stat().st_mtime_ns
    code, second, _stderr = check_json(tree, env=env)
    assert (code, second) == (1, first)
    assert _entries(cache) == entries and index.stat().st_mtime_ns == written  # nothing recomputed or rewritten
    # Proof that the second run read the cache: a result edited by hand comes back as it was edited.
    relative = "pkg/module_03.py"
    _edit_result(cache, relative, (tree / relative).read_bytes(), _served_from_cache)
    _code, third, _stderr = check_json(tree, env=env)
    assert [f["message"] for f in third["findings"] if f["path"] == relative][0] == "served from the cache"
    assert located(third) == located(first)


def test_changed_content_or_configuration_invalidates(tree, tmp_path):
    cache = tmp_path / "cache"
    env = cli_env(cache)
    _code, first, _stderr = check_json(tree, env=env)
    relative = "pkg/module_03.py"
    _edit_result(cache, relative, (tree / relative).read_bytes(), _served_from_cache)
    # A changed file is checked again; the unchanged ones still come from the cache.
    changed = "pkg/module_06.py"
    write(tree, changed, (tree / changed).read_text(encoding="utf-8") + UZ_COMMENT_2 + "\n")
    _code, second, _stderr = check_json(tree, env=env)
    assert len(_entries(cache)) == 34 and len(_results(cache)) == 34  # the old result of the changed file is gone
    assert (
        sum(1 for f in second["findings"] if f["path"] == changed)
        == sum(1 for f in first["findings"] if f["path"] == changed) + 1
    )
    assert "served from the cache" in {f["message"] for f in second["findings"]}
    # A changed setting (here: one more allowed word) starts a new cache folder: nothing stale is served.
    write(tree, "pyproject.toml", PYPROJECT + 'allowed-words = ["kubernetes"]\n')
    _code, third, _stderr = check_json(tree, env=env)
    assert len([p for p in cache.iterdir() if p.is_dir()]) == 2
    assert "served from the cache" not in {f["message"] for f in third["findings"]}
    assert located(third) == located(second)


def test_no_cache_writes_nothing(tree, tmp_path):
    cache = tmp_path / "cache"
    code, report, _stderr = check_json(tree, "--no-cache", env=cli_env(cache))
    assert code == 1 and report["findings"]
    assert not cache.exists()
    # Without ENGLISH_GUARD_CACHE_DIR the cache lives in the project; --no-cache leaves the tree untouched.
    before = sorted(p.relative_to(tree) for p in tree.rglob("*"))
    check_json(tree, "--no-cache")
    assert sorted(p.relative_to(tree) for p in tree.rglob("*")) == before
    check_json(tree)
    default = tree / ".english-guard-cache"
    assert (default / "CACHEDIR.TAG").is_file() and (default / ".gitignore").read_text() == "*\n"
    assert len(_entries(default)) == 34


def test_concurrent_runs_on_one_tree_agree_and_leave_a_sound_cache(tree, tmp_path):
    _code, reference, _stderr = check_json(tree, "--no-cache")
    cache = tmp_path / "cache"
    env = cli_env(cache)
    command = [*CLI, "check", "--format", "json"]
    processes = [
        subprocess.Popen([*command, *extra], cwd=tree, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for extra in ([], ["--jobs", "1"], ["--jobs", "2"])
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    for process, (stdout, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 1, stderr.decode()
        assert json.loads(stdout) == reference
    assert not list(cache.rglob("*.tmp"))
    assert len(_entries(cache)) == 34
    for result in _results(cache):
        assert _well_formed(result)
    _code, warm, _stderr = check_json(tree, env=env)
    assert warm == reference


def test_jobs_two_gives_the_same_report_as_jobs_one(tree):
    code_one, one, _stderr = check_json(tree, "--no-cache", "--jobs", "1")
    code_two, two, _stderr = check_json(tree, "--no-cache", "--jobs", "2")
    assert one["summary"]["files"] >= PARALLEL_THRESHOLD  # enough files for the process pool to be used
    assert (code_two, two) == (code_one, one)
    assert len(one["findings"]) >= 20


def test_an_unwritable_cache_location_still_checks(tree, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    env = cli_env(blocker / "cache")  # cannot be created, even by root
    _code, reference, _stderr = check_json(tree, "--no-cache")
    code, report, stderr = check_json(tree, env=env)
    assert (code, report) == (1, reference)
    assert stderr == ""


def test_a_read_only_tree_still_checks(tmp_path):
    """The project folder cannot be written (the default cache location is inside it)."""
    base = Path(tempfile.mkdtemp(prefix="eg-readonly-"))
    try:
        os.chmod(base, 0o755)
        root = _tree(base / "tree", count=6)
        _code, reference, _stderr = check_json(root, "--no-cache")
        command = list(CLI)
        if os.geteuid() == 0:
            # root writes anywhere: run as an unprivileged user instead.
            probe = subprocess.run(
                [
                    "setpriv",
                    "--reuid=65534",
                    "--regid=65534",
                    "--clear-groups",
                    "--",
                    sys.executable,
                    "-c",
                    "import english_guard",
                ],
                capture_output=True,
                check=False,
            )
            if probe.returncode != 0:
                pytest.skip("cannot run english-guard as an unprivileged user here")
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", *command]
        for folder in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
            os.chmod(folder, 0o555)
        completed = subprocess.run(
            [*command, "check", "--format", "json"],
            cwd=root,
            capture_output=True,
            text=True,
            env=cli_env(),
            timeout=120,
            check=False,
        )
        assert completed.returncode == 1, completed.stderr
        assert "Traceback" not in completed.stderr
        assert json.loads(completed.stdout) == reference
        assert not (root / ".english-guard-cache").exists()
    finally:
        for folder in [base, *[p for p in base.rglob("*") if p.is_dir()]]:
            os.chmod(folder, 0o755)
        shutil.rmtree(base)


def test_a_corrupt_cache_entry_is_recomputed(tree, tmp_path):
    cache = tmp_path / "cache"
    env = cli_env(cache)
    _code, first, _stderr = check_json(tree, env=env)
    [index] = _indexes(cache)
    index.write_text('{"version": 1, "files": {"pkg/module_03.py": [', encoding="utf-8")  # a half-written file
    _code, second, stderr = check_json(tree, env=env)
    assert second == first and stderr == ""
    assert len(_entries(cache)) == 34  # rebuilt whole
    # A result of the wrong shape is recomputed, not reported.
    relative = "pkg/module_03.py"
    _edit_result(cache, relative, (tree / relative).read_bytes(), lambda result: result.pop(0))  # no findings row
    _code, third, stderr = check_json(tree, env=env)
    assert third == first and stderr == ""


def test_the_default_jobs_follow_the_cores_this_process_may_use(tree):
    """Under `taskset` (or a container's CPU set) only the allowed cores count; the report is the same."""
    if not shutil.which("taskset"):
        pytest.skip("taskset is not installed")
    _code, reference, _stderr = check_json(tree, "--no-cache")
    completed = subprocess.run(
        [
            "taskset",
            "-c",
            "0",
            sys.executable,
            "-c",
            "from english_guard.checker import available_cores; print(available_cores())",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert completed.stdout.strip() == "1"
    pinned = subprocess.run(
        ["taskset", "-c", "0", *CLI, "check", "--no-cache", "--format", "json"],
        cwd=tree,
        capture_output=True,
        text=True,
        env=cli_env(),
        check=False,
    )
    assert json.loads(pinned.stdout) == reference


def test_a_change_to_english_guard_itself_invalidates(tree, tmp_path):
    """The key holds the tool's version and a digest of its own code and data: an upgraded (here: edited)
    english-guard never reuses results of the old one."""
    import english_guard

    tool = tmp_path / "tool"
    shutil.copytree(
        Path(english_guard.__file__).parent,
        tool / "english_guard",
        ignore=shutil.ignore_patterns("__pycache__", "*.building*"),
    )
    cache = tmp_path / "cache"
    env = cli_env(cache, PYTHONPATH=str(tool))
    where = subprocess.run(
        [sys.executable, "-P", "-c", "import english_guard; print(english_guard.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.strip().startswith(str(tool))  # the copy runs, not the installed package
    _code, first, _stderr = check_json(tree, env=env)
    folders = [p.name for p in cache.iterdir() if p.is_dir()]
    assert len(folders) == 1 and folders[0].startswith(english_guard.__version__ + "-")
    rules = tool / "english_guard" / "rules.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# A change to the tool.\n", encoding="utf-8")
    _code, second, _stderr = check_json(tree, env=env)
    assert second == first
    assert len([p for p in cache.iterdir() if p.is_dir()]) == 2
    assert len(_entries(cache)) == 2 * 34


def test_an_unchanged_size_and_modification_time_reuse_the_result_without_reading(tree, tmp_path):
    """As git and ruff do: a settled file whose size and mtime are unchanged is not read or hashed again;
    a file changed just before the run is recorded without its stat, so it is hashed next time."""
    cache = tmp_path / "cache"
    env = cli_env(cache)
    relative = "pkg/module_03.py"
    path = tree / relative
    old = time.time() - 3600
    for file in tree.rglob("*"):
        if file.is_file():
            os.utime(file, (old, old))
    _code, first, _stderr = check_json(tree, env=env)
    records = _entries(cache)
    assert all(record[1] > 0 for record in records.values())  # settled files keep their stat
    # Same size, new content, the old modification time put back: the recorded result is served.
    original = path.read_bytes()
    swapped = original.replace(b"Module number 3.", b"Module number 9.")
    assert len(swapped) == len(original) and swapped != original
    stat = path.stat()
    path.write_bytes(swapped)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    _code, second, _stderr = check_json(tree, env=env)
    assert second == first
    # A file changed just now is hashed: its record carries no modification time until it settles.
    write(tree, relative, original.decode("utf-8") + UZ_COMMENT_2 + "\n")
    _code, third, _stderr = check_json(tree, env=env)
    assert (
        len([f for f in third["findings"] if f["path"] == relative])
        == len([f for f in first["findings"] if f["path"] == relative]) + 1
    )
    [record] = [r for key, r in _entries(cache).items() if key.endswith("/" + relative)]
    assert record[1] == -1
