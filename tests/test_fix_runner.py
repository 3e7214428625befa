"""One runner for every fix (issue 13; issues 12 and 16): `translate --write` and `extract` write through the
verification gate and the all-or-nothing transaction, like `rename --apply` and `migrate --write`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from check_helpers import RU_COMMENT, make_project
from click.testing import CliRunner

from english_guard.cli import main
from english_guard.fixes.runner import apply_changes, changes_of, diff_of
from english_guard.fixes.transaction import Change

ENGLISH = "# Check the user's rights before sending"


def _reviewed_translation(root: Path, monkeypatch) -> None:
    """A review file with a reviewer's English for the Russian comment (the glossary does no comments)."""
    monkeypatch.setenv("ENGLISH_GUARD_MODELS_DIR", str(root / ".no-models"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(root / ".no-argos"))
    monkeypatch.chdir(root)
    done = CliRunner().invoke(main, ["translate", ".", "--engine", "glossary", "--no-memory", "--to-po", "review.po"])
    assert done.exit_code == 0, done.output
    review = (root / "review.po").read_text(encoding="utf-8")
    source = RU_COMMENT.removeprefix("# ")
    review = review.replace(f'msgid "{source}"\nmsgstr ""', f'msgid "{source}"\nmsgstr "{ENGLISH[2:]}"')
    (root / "review.po").write_text(review, encoding="utf-8")


def _translate_write(*extra: str):
    return CliRunner().invoke(
        main, ["translate", ".", "--no-memory", "--from-po", "review.po", "--write", "--test-command", "none", *extra]
    )


def test_translate_write_failing_midway_puts_every_file_back(tmp_path, monkeypatch):
    files = {f"m{n}.py": f"{RU_COMMENT}\nx{n} = {n}\n" for n in range(3)}
    root = make_project(tmp_path / "p", files)
    _reviewed_translation(root, monkeypatch)
    real_replace = os.replace

    def failing_replace(source, target):  # the disk refuses the second file once the first is in place
        if str(target).endswith("m1.py"):
            raise OSError(28, "No space left on device", str(target))
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    done = _translate_write()
    monkeypatch.setattr(os, "replace", real_replace)
    assert done.exit_code == 2, done.output
    assert "every file was put back" in done.output
    for name, text in files.items():
        assert (root / name).read_text(encoding="utf-8") == text  # m0.py too: written, then put back
    assert "translated 0 comments, docstrings and strings in 0 files" in done.output
    assert not (root / ".english-guard/translate/commit.json").exists()
    # Nothing is left in the way: the next run writes every file.
    again = _translate_write()
    assert again.exit_code == 0, again.output
    assert all((root / name).read_text(encoding="utf-8").startswith(ENGLISH + "\n") for name in files)


def test_translate_write_runs_the_verification_gate(tmp_path, monkeypatch):
    """A test that passed before the translation and fails after stops `translate --write`."""
    root = make_project(
        tmp_path / "p",
        {
            "app.py": f"{RU_COMMENT}\nx = 1\n",
            "tests/test_app.py": (
                "from pathlib import Path\n\n\ndef test_comment_is_russian():\n"
                "    assert 'Проверяем' in (Path(__file__).parent.parent / 'app.py').read_text(encoding='utf-8')\n"
            ),
        },
    )
    _reviewed_translation(root, monkeypatch)
    before = (root / "app.py").read_bytes()
    command = f"{sys.executable} -m pytest -q -p no:cacheprovider tests"
    done = _translate_write("--test-command", command)
    assert done.exit_code == 2, done.output
    assert "test_comment_is_russian" in done.output and "Nothing was written" in done.output
    assert (root / "app.py").read_bytes() == before


def test_extract_that_breaks_an_import_is_refused_by_the_gate(tmp_path, monkeypatch):
    root = make_project(
        tmp_path / "p",
        {
            "app/__init__.py": "",
            "app/shop.py": 'import click\n\n\ndef done():\n    click.echo("Order accepted")\n',
        },
    )
    monkeypatch.chdir(root)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    # The gettext module named here does not exist: the rewritten code would not import.
    done = CliRunner().invoke(
        main,
        ["extract", ".", "--source-lang", "uz", "--engine", "none", "--import", "from app.missing import _"],
    )
    assert done.exit_code == 2, done.output
    assert "`from app.missing import _` no longer resolves after the change" in done.output
    assert "Nothing was written" in done.output
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".english-guard" not in p.parts}
    assert after == before  # no code, no catalog, no review file


def test_extract_that_breaks_a_test_is_refused_by_the_gate(tmp_path, monkeypatch):
    """The project's tests run on a copy before and after `extract`: a test that passed before and fails after
    (it reads the Uzbek reply in the source) stops the write."""
    root = make_project(
        tmp_path / "p",
        {
            "app/__init__.py": "",
            "app/i18n.py": "def _(text):\n    return text\n",
            "app/shop.py": 'import click\n\n\ndef done():\n    click.echo("Buyurtma qabul qilindi")\n',
            "tests/test_shop.py": (
                "from pathlib import Path\n\n\ndef test_the_reply_is_uzbek():\n"
                "    source = (Path(__file__).parent.parent / 'app' / 'shop.py').read_text(encoding='utf-8')\n"
                "    assert 'Buyurtma qabul qilindi' in source\n"
            ),
            "answers.po": 'msgid ""\nmsgstr ""\n\nmsgid "Buyurtma qabul qilindi"\nmsgstr "Order accepted"\n',
        },
    )
    monkeypatch.chdir(root)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    command = f"{sys.executable} -m pytest -q -p no:cacheprovider tests"
    options = [
        "--source-lang",
        "uz",
        "--engine",
        "none",
        "--from-po",
        "answers.po",
        "--import",
        "from app.i18n import _",
    ]
    done = CliRunner().invoke(main, ["extract", ".", *options, "--test-command", command])
    assert done.exit_code == 2, done.output
    assert "test_the_reply_is_uzbek" in done.output and "Nothing was written" in done.output
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".english-guard" not in p.parts}
    assert after == before
    # The same extraction without that test is written.
    (root / "tests" / "test_shop.py").unlink()
    done = CliRunner().invoke(main, ["extract", ".", *options, "--test-command", command])
    assert done.exit_code == 0, done.output
    assert 'click.echo(_("Order accepted"))' in (root / "app" / "shop.py").read_text(encoding="utf-8")


def test_the_runner_writes_through_an_in_project_link_and_diffs_what_it_writes(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.py").write_bytes(b"a = 1\n")
    (tmp_path / "alias.py").symlink_to("real/a.py")
    changes = changes_of(tmp_path, [(tmp_path / "alias.py", b"a = 1\n", b"a = 2\n"), (tmp_path / "same.py", b"", b"")])
    assert changes == [Change("real/a.py", b"a = 1\n", b"a = 2\n")]  # the link's target; unchanged files dropped
    assert diff_of(changes) == "--- a/real/a.py\n+++ b/real/a.py\n@@ -1 +1 @@\n-a = 1\n+a = 2\n"
    written = apply_changes(tmp_path, changes, state=".english-guard/test", verify=None)
    assert written.changes == changes and not written.blocked
    assert (tmp_path / "alias.py").is_symlink() and (tmp_path / "real" / "a.py").read_bytes() == b"a = 2\n"
