"""Hostile and pathological input (issue 16): never a traceback, never a hang, never a write outside the target.

Each test names the item of the issue it covers; every one failed on the code before the fix.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from check_helpers import RU_COMMENT, UZ_FUNCTION, check_json, cli_env, make_project, run_cli

LONG_EXPRESSION = "QUERY = " + " + ".join(['"a"'] * 500) + "\n"  # 500 terms: CPython compiles about 2,900
NESTED_BRACKETS = "VALUE = " + "[" * 150 + "1" + "]" * 150 + "\n"  # CPython allows 200
BEYOND_LIMITS = "QUERY = " + " + ".join(['"a"'] * 30_000) + "\n"  # more than CPython compiles


def _no_models(tmp_path: Path) -> dict[str, str]:
    return cli_env(
        tmp_path / "cache",
        ENGLISH_GUARD_MODELS_DIR=str(tmp_path / "no-models"),
        ARGOS_PACKAGES_DIR=str(tmp_path / "no-argos"),
    )


# -- item 1: deep syntax trees --------------------------------------------------------------------
def test_check_reads_a_500_term_expression_without_eg900(tmp_path):
    root = make_project(tmp_path / "p", {"generated.py": f"{RU_COMMENT}\n{LONG_EXPRESSION}"})
    code, report, _stderr = check_json(root, "--no-cache")
    assert report["errors"] == []
    assert [f["code"] for f in report["findings"]] == ["EG201"]


def test_check_reports_a_file_beyond_the_limits_once_and_checks_the_others(tmp_path):
    root = make_project(tmp_path / "p", {"huge.py": BEYOND_LIMITS, "other.py": RU_COMMENT + "\n"})
    code, report, _stderr = check_json(root, "--no-cache")
    assert code == 2
    assert [(e["path"], e["code"]) for e in report["errors"]] == [("huge.py", "EG900")]
    assert "too deeply nested" in report["errors"][0]["message"]
    assert [f["path"] for f in report["findings"]] == ["other.py"]


def test_translate_handles_nested_brackets_and_long_expressions(tmp_path):
    root = make_project(
        tmp_path / "p",
        {
            "nested.py": f"{RU_COMMENT}\n{NESTED_BRACKETS}",
            "long.py": f"{RU_COMMENT}\n{LONG_EXPRESSION}",
            "huge.py": f"{RU_COMMENT}\n{BEYOND_LIMITS}",
        },
    )
    done = run_cli(root, "translate", "--engine", "glossary", "--no-memory", ".", env=_no_models(tmp_path))
    assert "Traceback" not in done.stderr
    assert "huge.py: too deeply nested" in done.stderr
    assert "nested.py:1:" in done.stderr + done.stdout and "long.py:1:" in done.stderr + done.stdout


def test_rename_plans_files_with_deep_trees(tmp_path):
    root = make_project(
        tmp_path / "p",
        {
            "nested.py": f"def {UZ_FUNCTION}():\n    {NESTED_BRACKETS}",
            "long.py": f"def {UZ_FUNCTION}_2():\n    {LONG_EXPRESSION}",
            "huge.py": BEYOND_LIMITS,
        },
    )
    done = run_cli(root, "rename", ".", "--plan", "plan.toml")
    assert "Traceback" not in done.stderr, done.stderr
    assert "huge.py: too deeply nested" in done.stderr
    plan = (root / "plan.toml").read_text(encoding="utf-8")
    assert UZ_FUNCTION in plan and f"{UZ_FUNCTION}_2" in plan


def test_extract_handles_nested_brackets(tmp_path):
    root = make_project(
        tmp_path / "p",
        {
            "bot.py": f"def send(bot):\n    {NESTED_BRACKETS}    bot.send_message('Ваш заказ принят')\n",
            "huge.py": "print('Ваш заказ принят')\n" + BEYOND_LIMITS,
        },
    )
    done = run_cli(root, "extract", ".", "--source-lang", "ru", "--diff")
    assert "Traceback" not in done.stderr, done.stderr
    assert "huge.py" in done.stderr and "too deeply nested" in done.stderr
    assert 'msgid "Ваш заказ принят"' in done.stdout  # the message was found and queued for review


def test_migrate_survives_nested_brackets(tmp_path):
    root = make_project(tmp_path / "p", {"nested.py": f"{RU_COMMENT}\n{NESTED_BRACKETS}"})
    done = run_cli(root, "migrate", ".", "--engine", "glossary", "--allow-dirty", env=_no_models(tmp_path))
    assert "Traceback" not in done.stderr, done.stderr
    assert "RecursionError" not in done.stdout + done.stderr


# -- items 4, 5, 9, 12: walking and writing ---------------------------------------------------------
RENAMABLE = f"def {UZ_FUNCTION}():\n    return 1\n\n\nprint({UZ_FUNCTION}())\n"


def _plan_with_name(root: Path) -> Path:
    done = run_cli(root, "rename", ".", "--plan", "plan.toml", timeout=60)
    assert "Traceback" not in done.stderr, done.stderr
    plan = root / "plan.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('new_name = ""', 'new_name = "user_analytics"'), encoding="utf-8"
    )
    return plan


def test_rename_skips_a_fifo_named_like_python(tmp_path):
    root = make_project(tmp_path / "p", {"app.py": RENAMABLE})
    os.mkfifo(root / "pipe.py")
    _plan_with_name(root)  # a FIFO used to block the plan forever (the run times out instead of passing)
    done = run_cli(root, "rename", ".", "--apply", "plan.toml", timeout=60)
    assert done.returncode == 0, done.stderr
    assert "user_analytics" in (root / "app.py").read_text(encoding="utf-8")


def test_rename_never_rewrites_a_file_outside_the_project(tmp_path):
    outside = tmp_path / "outside.py"
    outside.write_text(RENAMABLE, encoding="utf-8")
    root = make_project(tmp_path / "p", {"app.py": RENAMABLE})
    (root / "linked.py").symlink_to(outside)
    _plan_with_name(root)
    done = run_cli(root, "rename", ".", "--apply", "plan.toml", timeout=60)
    assert "Traceback" not in done.stderr
    assert outside.read_text(encoding="utf-8") == RENAMABLE
    assert (root / "linked.py").is_symlink()


def _translate_from_review(root: Path, env: dict, *paths: str):
    """`translate --write` with an English translation a reviewer wrote (the glossary does not do comments)."""
    run_cli(root, "translate", "--engine", "glossary", "--no-memory", "--to-po", "review.po", *paths, env=env)
    review = root / "review.po"
    review.write_text(
        review.read_text(encoding="utf-8").replace('msgstr ""', 'msgstr "Check the rights first"'), encoding="utf-8"
    )
    return run_cli(root, "translate", "--no-memory", "--from-po", "review.po", "--write", *paths, env=env)


def test_translate_write_keeps_an_in_project_symlink_a_link(tmp_path):
    root = make_project(tmp_path / "p", {"real/notes.py": f"{RU_COMMENT}\nx = 1\n"})
    (root / "alias.py").symlink_to("real/notes.py")
    done = _translate_from_review(root, _no_models(tmp_path), "alias.py")
    assert "Traceback" not in done.stderr, done.stderr
    assert (root / "alias.py").is_symlink()
    assert os.readlink(root / "alias.py") == "real/notes.py"
    assert (root / "real/notes.py").read_text(encoding="utf-8") == "# Check the rights first\nx = 1\n"


def test_read_only_files_are_refused_not_replaced(tmp_path):
    from english_guard.safe_write import ReadOnlyFileError, atomic_write_bytes

    target = tmp_path / "locked.py"
    target.write_bytes(b"x = 1\n")
    target.chmod(0o444)
    with pytest.raises(ReadOnlyFileError):
        atomic_write_bytes(target, b"x = 2\n")
    assert target.read_bytes() == b"x = 1\n"


def test_translate_does_not_report_a_refused_file_as_written(tmp_path):
    source = f"{RU_COMMENT}\nx = 1\n".encode()
    root = make_project(tmp_path / "p", {"locked.py": source})
    (root / "locked.py").chmod(0o444)
    done = _translate_from_review(root, _no_models(tmp_path), ".")
    assert "Traceback" not in done.stderr
    assert (root / "locked.py").read_bytes() == source
    assert "locked.py: read-only file; nothing was changed" in done.stderr  # all files or none
    assert "translated 0 comments, docstrings and strings in 0 files" in done.stderr
    assert done.returncode != 0


BOT_REPLY = 'async def javob(message):\n    await message.answer("Assalomu alaykum, xush kelibsiz")\n'


def test_extract_never_writes_catalogs_through_a_locales_symlink_out_of_the_project(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep me\n", encoding="utf-8")
    root = make_project(tmp_path / "p", {"bot.py": BOT_REPLY})
    (root / "locales").symlink_to("../elsewhere")
    done = run_cli(root, "extract", ".", "--source-lang", "uz", "--engine", "glossary", env=_no_models(tmp_path))
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2
    assert "a symbolic link takes it out of the project" in done.stderr
    assert "nothing was written" in done.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
    assert (root / "bot.py").read_text(encoding="utf-8") == BOT_REPLY
    assert not (root / "i18n.py").exists()
    assert ": created" not in done.stdout and ": updated" not in done.stdout


def test_extract_names_only_files_really_written(tmp_path):
    from test_extract_bot import fill_review

    root = make_project(tmp_path / "p", {"bot.py": BOT_REPLY})
    command = ["extract", ".", "--source-lang", "uz", "--engine", "none"]
    run_cli(root, *command, env=_no_models(tmp_path))
    assert fill_review(root / "locales" / "messages.review.po", {"Assalomu alaykum, xush kelibsiz": "Hello"}) == 1
    (root / "bot.py").chmod(0o444)
    done = run_cli(root, *command, env=_no_models(tmp_path))
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2
    assert "bot.py" in done.stderr and "read-only" in done.stderr
    assert (root / "bot.py").read_text(encoding="utf-8") == BOT_REPLY
    assert "bot.py: updated" not in done.stdout
    # all or nothing: the helper and catalogs were put back, and nothing is reported as written
    assert ": created" not in done.stdout and not (root / "i18n.py").exists()


def test_check_never_writes_through_a_cache_symlink_out_of_the_project(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".gitignore").write_text("keep me\n", encoding="utf-8")
    root = make_project(tmp_path / "p", {"a.py": RU_COMMENT + "\n"})
    (root / ".english-guard-cache").symlink_to("../elsewhere")
    env = {k: v for k, v in cli_env().items() if k != "ENGLISH_GUARD_CACHE_DIR"}
    code, report, _stderr = check_json(root, env=env)
    assert [f["code"] for f in report["findings"]] == ["EG201"]
    assert sorted(p.name for p in elsewhere.iterdir()) == [".gitignore"]
    assert (elsewhere / ".gitignore").read_text(encoding="utf-8") == "keep me\n"


def test_cache_entries_that_are_fifos_or_tampered_are_recomputed(tmp_path):
    root = make_project(tmp_path / "p", {"a.py": RU_COMMENT + "\n"})
    env = cli_env(tmp_path / "cache")
    first = check_json(root, env=env)[1]
    assert check_json(root, env=env)[1]["findings"] == first["findings"]  # served whole from a run record
    [results] = (tmp_path / "cache").rglob("results.json")
    stored = json.loads(results.read_text(encoding="utf-8"))
    for result in stored["results"].values():
        for finding in result[0]:  # the finding rows (english_guard.cache.ROW_FIELDS)
            finding[0] = "one"  # the line, of the wrong type: used as it is, the report would break
    results.write_text(json.dumps(stored), encoding="utf-8")
    assert check_json(root, env=env)[1]["findings"] == first["findings"]
    for part in (tmp_path / "cache").rglob("*.json"):  # the index, the results and the run records
        part.unlink()
        os.mkfifo(part)
    assert check_json(root, env=env)[1]["findings"] == first["findings"]


# -- items 6, 10: all or nothing across files ----------------------------------------------------
def test_a_failed_write_mid_commit_puts_every_file_back(tmp_path):
    from english_guard.fixes.transaction import Change, TransactionError, commit

    (tmp_path / "a.py").write_bytes(b"a = 1\n")
    (tmp_path / "b.py").write_bytes(b"b = 1\n")
    (tmp_path / "blocker").write_bytes(b"a file where the last change needs a folder\n")
    changes = [
        Change("a.py", b"a = 1\n", b"a = 2\n"),
        Change("b.py", b"b = 1\n", b"b = 2\n"),
        Change("blocker/c.py", None, b"c = 2\n"),
    ]
    with pytest.raises(TransactionError, match="every file was put back"):
        commit(tmp_path, changes, ".english-guard/test")
    assert (tmp_path / "a.py").read_bytes() == b"a = 1\n" and (tmp_path / "b.py").read_bytes() == b"b = 1\n"
    assert not (tmp_path / ".english-guard/test/commit.json").exists()


def test_an_interrupted_rename_apply_is_finished_by_the_next_run_and_a_third_is_a_no_op(tmp_path):
    root = make_project(tmp_path / "p", {"app.py": RENAMABLE, "other.py": f"from app import {UZ_FUNCTION}\n"})
    _plan_with_name(root)
    # Kill the commit after its first file: the journal is written, one file is new, one is old.
    script = (
        "import sys\nfrom english_guard.fixes import transaction\nfrom english_guard.cli import main\n"
        "real = transaction.roll_forward\n"
        "def stop_after_one(root, entries, state, progress_paths=None, progress=None, messages=None):\n"
        "    real(root, entries[:1], state)\n    raise SystemExit(9)\n"
        "transaction.roll_forward = stop_after_one\n"
        "main(['rename', '.', '--apply', 'plan.toml'])\n"
    )
    killed = run_cli(root, "-c", script, command=[sys.executable])
    assert killed.returncode == 9
    assert (root / ".english-guard/rename/commit.json").is_file()
    texts = [(root / name).read_text(encoding="utf-8") for name in ("app.py", "other.py")]
    assert sum("user_analytics" in text for text in texts) == 1  # half applied, as a kill leaves it
    finished = run_cli(root, "rename", ".", "--apply", "plan.toml")
    assert "Traceback" not in finished.stderr, finished.stderr
    assert "finished the interrupted rename" in finished.stderr
    assert all("user_analytics" in (root / n).read_text(encoding="utf-8") for n in ("app.py", "other.py"))
    assert UZ_FUNCTION not in (root / "app.py").read_text(encoding="utf-8")
    before = {n: (root / n).read_bytes() for n in ("app.py", "other.py")}
    again = run_cli(root, "rename", ".", "--apply", "plan.toml")
    assert "Traceback" not in again.stderr
    assert {n: (root / n).read_bytes() for n in ("app.py", "other.py")} == before


# -- item 11: the tool's own files -------------------------------------------------------------------
def test_check_output_into_a_missing_folder_is_one_error(tmp_path):
    root = make_project(tmp_path / "p", {"a.py": "x = 1\n"})
    done = run_cli(root, "check", ".", "-o", "missing/report.txt")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "missing/report.txt: cannot write the report" in done.stderr


def test_deeply_nested_baseline_and_plan_are_refused_in_one_line(tmp_path):
    root = make_project(tmp_path / "p", {"app.py": RENAMABLE})
    (root / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    done = run_cli(root, "check", ".", "--baseline", "deep.json")
    assert "Traceback" not in done.stderr and "deep.json: the baseline nests more than" in done.stderr
    (root / "deep.toml").write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    done = run_cli(root, "rename", ".", "--apply", "deep.toml")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "deep.toml: the plan nests more than" in done.stderr


def test_a_new_name_the_coding_cookie_cannot_hold_is_refused(tmp_path):
    root = make_project(tmp_path / "p", {"app.py": "# -*- coding: ascii -*-\n" + RENAMABLE})
    plan = _plan_with_name(root)
    plan.write_text(plan.read_text(encoding="utf-8").replace('"user_analytics"', '"café_analytics"'), encoding="utf-8")
    done = run_cli(root, "rename", ".", "--apply", "plan.toml")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "cannot be written in the file's encoding (ascii)" in done.stderr
    assert UZ_FUNCTION in (root / "app.py").read_text(encoding="ascii")


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_words_file_that_is_a_fifo_or_a_device_is_refused(tmp_path, kind):
    root = make_project(
        tmp_path / "p",
        {"a.py": "x = 1\n"},
        pyproject="[tool.english-guard]\nwords-file = " + ('"words.txt"' if kind == "fifo" else '"/dev/zero"') + "\n",
    )
    if kind == "fifo":
        os.mkfifo(root / "words.txt")
    done = run_cli(root, "check", "--no-cache", ".", timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "the words file is not a regular file" in done.stdout + done.stderr


# -- items 3, 12: model packages -------------------------------------------------------------------
def _package(folder: Path, metadata: dict | str) -> Path:
    """A package folder with the given metadata.json (the checks on it run before the model is touched)."""
    folder.mkdir(parents=True)
    (folder / "metadata.json").write_text(
        metadata if isinstance(metadata, str) else json.dumps(metadata), encoding="utf-8"
    )
    (folder / "model").mkdir()
    (folder / "model" / "model.bin").write_bytes(b"not loaded by these tests")
    (folder / "sentencepiece.model").write_bytes(b"not loaded by these tests")
    return folder


BAD_METADATA = {
    "wrong type": {"type": "translate", "from_code": "ru", "to_code": "en", "from_codes": 5},
    "deep nesting": '{"type": "translate", "from_code": "ru", "to_code": "en", "x": '
    + "[" * 50_000
    + "]" * 50_000
    + "}",
    "not an object": "[1, 2]",
    "huge": '{"type": "translate", "from_code": "ru", "to_code": "en", "pad": "' + "x" * (2 * 1024 * 1024) + '"}',
}


@pytest.mark.parametrize("metadata", BAD_METADATA.values(), ids=BAD_METADATA.keys())
def test_a_broken_installed_package_is_listed_and_skipped_never_fatal(tmp_path, metadata):
    argos = tmp_path / "argos"
    _package(argos / "translate-ru_en-broken", metadata)
    env = cli_env(ENGLISH_GUARD_MODELS_DIR=str(tmp_path / "own"), ARGOS_PACKAGES_DIR=str(argos))
    listing = run_cli(tmp_path, "models", "list", env=env)
    assert "Traceback" not in listing.stderr, listing.stderr
    assert "translate-ru_en-broken" in listing.stdout + listing.stderr
    root = make_project(tmp_path / "p", {"a.py": RU_COMMENT + "\n"})
    done = run_cli(root, "translate", "--no-memory", ".", env=env)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.count("skipped a broken model package") == 1


@pytest.mark.parametrize("metadata", BAD_METADATA.values(), ids=BAD_METADATA.keys())
def test_models_install_refuses_a_package_with_bad_metadata_in_one_line(tmp_path, metadata):
    folder = _package(tmp_path / "translate-ru_en-0_1", metadata)
    env = cli_env(ENGLISH_GUARD_MODELS_DIR=str(tmp_path / "own"), ARGOS_PACKAGES_DIR=str(tmp_path / "argos"))
    done = run_cli(tmp_path, "models", "install", str(folder), env=env)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    assert "metadata.json" in done.stderr
    assert not (tmp_path / "own" / "translate-ru_en-0_1").exists()


def test_a_vocabulary_that_is_not_json_is_refused_in_one_line(tmp_path):
    folder = tmp_path / "nllb-tiny"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"not loaded")
    (folder / "shared_vocabulary.json").write_text("this is not JSON", encoding="utf-8")
    (folder / "sentencepiece.bpe.model").write_bytes(b"not loaded")
    env = cli_env(ENGLISH_GUARD_MODELS_DIR=str(tmp_path / "own"), ARGOS_PACKAGES_DIR=str(tmp_path / "argos"))
    done = run_cli(tmp_path, "models", "install", str(folder), env=env)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    assert "shared_vocabulary.json" in done.stderr and "not valid JSON" in done.stderr


def test_an_archive_that_unpacks_to_far_more_than_its_size_is_refused(tmp_path):
    import zipfile

    archive = tmp_path / "translate-ru_en-0_1.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as packed:
        packed.writestr(
            "translate-ru_en-0_1/metadata.json", json.dumps({"type": "translate", "from_code": "ru", "to_code": "en"})
        )
        packed.writestr("translate-ru_en-0_1/model/model.bin", b"\0" * (64 * 1024 * 1024))  # 64 MB of zeros
    assert archive.stat().st_size < 1024 * 1024
    env = cli_env(ENGLISH_GUARD_MODELS_DIR=str(tmp_path / "own"), ARGOS_PACKAGES_DIR=str(tmp_path / "argos"))
    done = run_cli(tmp_path, "models", "install", str(archive), env=env)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    assert "zip bomb" in done.stderr
    assert not (tmp_path / "own").exists() or not any((tmp_path / "own").iterdir())
