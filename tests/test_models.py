"""`english-guard models`: installing real packages built by the test, refusing hostile ones."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import argos_builder
import pytest
from click.testing import CliRunner

from english_guard.cli import main


@pytest.fixture(scope="module")
def package_folder(tmp_path_factory) -> Path:
    """An unzipped valid ru -> en package, copied by each test that needs a variant."""
    return argos_builder.build_package_folder(tmp_path_factory.mktemp("pkg") / "translate-ru_en-0_1", "ru")


@pytest.fixture
def models_dir(tmp_path, monkeypatch) -> Path:
    models = tmp_path / "eg-models"
    monkeypatch.setenv("ENGLISH_GUARD_MODELS_DIR", str(models))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos-packages"))
    return models


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(folder: Path) -> list[str]:
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def variant(package_folder: Path, tmp_path: Path, change=None, top: str = "translate-ru_en-0_1") -> Path:
    folder = tmp_path / "variant" / top
    shutil.copytree(package_folder, folder)
    if change is not None:
        change(folder)
    return argos_builder.zip_folder(folder, tmp_path / f"{top}.argosmodel", top=top)


def test_install_list_remove(models_dir, package_folder, tmp_path):
    archive = variant(package_folder, tmp_path)
    result = run("models", "install", str(archive))
    assert result.exit_code == 0, result.output
    assert "installed translate-ru_en-0_1 (Russian (ru) -> English)" in result.output
    assert (models_dir / "translate-ru_en-0_1" / "model" / "model.bin").is_file()
    assert not [p for p in models_dir.iterdir() if p.name.startswith(".")]  # no staging leftovers

    listing = run("models", "list")
    assert "translate-ru_en-0_1 0.1  [argos]  Russian (ru) -> en" in listing.output

    again = run("models", "install", str(archive))  # reinstalling replaces the old copy in one step
    assert again.exit_code == 0
    assert snapshot(models_dir) == sorted(snapshot(models_dir))

    removed = run("models", "remove", "ru")
    assert removed.exit_code == 0 and "removed" in removed.output
    assert list(models_dir.iterdir()) == []
    assert run("models", "remove", "ru").exit_code == 2


HOSTILE = {
    "zip slip": ("../evil.txt", "outside the package folder"),
    "absolute path": ("/tmp/evil.txt", "absolute path"),
}


@pytest.mark.parametrize("entry,message", list(HOSTILE.values()), ids=list(HOSTILE))
def test_path_escapes_are_refused(models_dir, package_folder, tmp_path, entry, message):
    archive = variant(package_folder, tmp_path)
    with zipfile.ZipFile(archive, "a") as zf:
        zf.writestr(entry, b"owned")
    models_dir.mkdir()
    (models_dir / "keep.txt").write_text("existing", encoding="utf-8")
    before = snapshot(models_dir)
    result = run("models", "install", str(archive))
    assert result.exit_code == 2
    assert message in result.output and "nothing was installed" in result.output
    assert snapshot(models_dir) == before
    assert not (tmp_path / "evil.txt").exists()


def test_symlink_entry_is_refused(models_dir, package_folder, tmp_path):
    archive = variant(package_folder, tmp_path)
    link = zipfile.ZipInfo("translate-ru_en-0_1/model/link")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(archive, "a") as zf:
        zf.writestr(link, "/etc/passwd")
    result = run("models", "install", str(archive))
    assert result.exit_code == 2 and "symbolic links are not allowed" in result.output
    assert snapshot(models_dir) == []


def test_truncated_archive_is_refused(models_dir, package_folder, tmp_path):
    archive = variant(package_folder, tmp_path)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    result = run("models", "install", str(archive))
    assert result.exit_code == 2 and "truncated" in result.output
    assert snapshot(models_dir) == []


def test_corrupt_member_is_refused_and_nothing_is_left(models_dir, package_folder, tmp_path):
    archive = variant(package_folder, tmp_path)
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo("translate-ru_en-0_1/model/model.bin")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 100
    data[start : start + 200] = bytes(200)  # damage the compressed model bytes, keep the directory intact
    archive.write_bytes(bytes(data))
    result = run("models", "install", str(archive))
    assert result.exit_code == 2 and "corrupt or truncated" in result.output
    assert snapshot(models_dir) == []


def test_not_a_zip_is_refused(models_dir, tmp_path):
    fake = tmp_path / "fake.argosmodel"
    fake.write_text("hello", encoding="utf-8")
    result = run("models", "install", str(fake))
    assert result.exit_code == 2 and "not a valid .argosmodel (zip) archive" in result.output


BAD_CONTENT = {
    "missing metadata": (lambda f: (f / "metadata.json").unlink(), "no metadata.json"),
    "metadata not json": (lambda f: (f / "metadata.json").write_text("{oops", encoding="utf-8"), "not valid JSON"),
    "wrong language code": (
        lambda f: (f / "metadata.json").write_text(json.dumps(argos_builder.argos_metadata("Russian!")), "utf-8"),
        "'from_code' must be a language code",
    ),
    "wrong type": (
        lambda f: (f / "metadata.json").write_text(json.dumps(argos_builder.argos_metadata("ru", type="sbd")), "utf-8"),
        "is not a translation model",
    ),
    "missing model": (lambda f: (f / "model" / "model.bin").unlink(), "the CTranslate2 model is missing"),
    "missing tokenizer": (lambda f: (f / "sentencepiece.model").unlink(), "sentencepiece.model is missing"),
    "old BPE package": (lambda f: (f / "sentencepiece.model").rename(f / "bpe.model"), "uses a BPE tokenizer"),
}


@pytest.mark.parametrize("change,message", list(BAD_CONTENT.values()), ids=list(BAD_CONTENT))
def test_bad_package_content_is_refused(models_dir, package_folder, tmp_path, change, message):
    archive = variant(package_folder, tmp_path, change)
    result = run("models", "install", str(archive))
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert snapshot(models_dir) == []  # the staging folder is gone too


def test_two_top_level_folders_are_refused(models_dir, package_folder, tmp_path):
    archive = variant(package_folder, tmp_path)
    with zipfile.ZipFile(archive, "a") as zf:
        zf.writestr("other/readme.txt", b"x")
    result = run("models", "install", str(archive))
    assert result.exit_code == 2 and "exactly one top-level folder" in result.output


def test_reinstall_failure_keeps_the_working_install(models_dir, package_folder, tmp_path):
    good = variant(package_folder, tmp_path)
    assert run("models", "install", str(good)).exit_code == 0
    before = snapshot(models_dir)
    broken = variant(package_folder, tmp_path / "b", lambda f: (f / "model" / "model.bin").unlink())
    assert run("models", "install", str(broken)).exit_code == 2
    assert snapshot(models_dir) == before


def test_install_by_code_without_argostranslate_explains(models_dir, monkeypatch):
    monkeypatch.setitem(sys.modules, "argostranslate", None)  # as on a machine without it
    monkeypatch.setitem(sys.modules, "argostranslate.package", None)
    result = run("models", "install", "de")
    assert result.exit_code == 2
    assert "argostranslate" in result.output and "models install FILE" in result.output


def test_broken_folder_is_listed_as_unusable(models_dir, package_folder):
    models_dir.mkdir()
    shutil.copytree(package_folder, models_dir / "half")
    (models_dir / "half" / "model" / "model.bin").unlink()
    result = run("models", "list")
    assert result.exit_code == 0
    assert "unusable:" in result.output and "model.bin not found" in result.output


def test_multilingual_folder_install_detects_languages(models_dir, tmp_path):
    folder = argos_builder.build_multilingual_model(tmp_path / "nllb-tiny")
    result = run("models", "install", str(folder))
    assert result.exit_code == 0, result.output
    metadata = json.loads((models_dir / "nllb-tiny" / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["family"] == "nllb" and set(metadata["languages"]) == {"uz", "ru", "de", "fr"}
    assert "[multilingual]" in run("models", "list").output


def test_folder_with_a_symlink_is_refused(models_dir, tmp_path):
    folder = argos_builder.build_multilingual_model(tmp_path / "nllb-tiny")
    os.symlink("/etc/passwd", folder / "leak")
    result = run("models", "install", str(folder))
    assert result.exit_code == 2 and "symbolic links" in result.output
    assert snapshot(models_dir) == []


def test_package_installed_by_argostranslate_is_found_and_used(tmp_path, package_folder):
    """A package that argostranslate itself installed is found and used."""
    try:
        import argostranslate  # noqa: F401
    except ImportError:
        pytest.skip("argostranslate is not installed (pip install --no-deps argostranslate)")
    archive = variant(package_folder, tmp_path)
    env = dict(os.environ)
    env.update(
        {
            "HOME": str(tmp_path / "home"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "ENGLISH_GUARD_MODELS_DIR": str(tmp_path / "eg-models"),
        }
    )
    env.pop("ARGOS_PACKAGES_DIR", None)
    # Without torch/stanza (pip install --no-deps argostranslate), install_from_path extracts the package
    # and only then fails to clear its language cache (argostranslate.translate imports stanza).
    code = (
        "import sys, argostranslate.package as p\n"
        "try:\n    p.install_from_path(sys.argv[1])\n"
        "except ModuleNotFoundError as exc:\n    if exc.name != 'stanza':\n        raise\n"
    )
    subprocess.run([sys.executable, "-c", code, str(archive)], env=env, check=True, timeout=120)
    assert (tmp_path / "data" / "argos-translate" / "packages" / "translate-ru_en-0_1").is_dir()

    cli = [sys.executable, "-m", "english_guard"]
    listing = subprocess.run([*cli, "models", "list"], env=env, capture_output=True, text=True, timeout=120)
    assert "argos-translate models in" in listing.stdout
    assert "translate-ru_en-0_1 0.1  [argos]  Russian (ru) -> en" in listing.stdout

    source = tmp_path / "work" / "a.py"
    source.parent.mkdir()
    (source.parent / "pyproject.toml").write_text("[tool.english-guard]\n", encoding="utf-8")
    shutil.copyfile(Path(__file__).parent / "fixtures" / "translate" / "inline_ru.py", source)
    text = source.read_text(encoding="utf-8")
    result = subprocess.run(
        [*cli, "translate", str(source), "--write"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=source.parent,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert source.read_text(encoding="utf-8").startswith("x = 1  # ")
    assert source.read_text(encoding="utf-8") != text

    removed = subprocess.run([*cli, "models", "remove", "ru"], env=env, capture_output=True, text=True, timeout=60)
    assert removed.returncode == 2 and "argospm remove" in removed.stderr


def test_m2m100_folder_is_recognised(models_dir, tmp_path):
    folder = argos_builder.build_multilingual_model(
        tmp_path / "m2m-tiny", language_tokens=["__en__", "__uz__", "__ru__"]
    )
    result = run("models", "install", str(folder))
    assert result.exit_code == 0, result.output
    metadata = json.loads((models_dir / "m2m-tiny" / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["family"] == "m2m100" and metadata["languages"] == ["ru", "uz"]


def test_folder_without_language_tokens_is_refused(models_dir, tmp_path):
    folder = argos_builder.build_multilingual_model(tmp_path / "plain", language_tokens=["__xx"])
    result = run("models", "install", str(folder))
    assert result.exit_code == 2 and "no English language token" in result.output
    assert snapshot(models_dir) == []


def test_install_by_code_with_an_unreachable_index_fails_cleanly(tmp_path):
    try:
        import argostranslate  # noqa: F401
    except ImportError:
        pytest.skip("argostranslate is not installed (pip install --no-deps argostranslate)")
    env = dict(os.environ)
    env.update(
        {
            "HOME": str(tmp_path / "home"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "ENGLISH_GUARD_MODELS_DIR": str(tmp_path / "eg-models"),
            "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",  # nothing listens there: a quick, certain failure
        }
    )
    result = subprocess.run(
        [sys.executable, "-m", "english_guard", "models", "install", "de"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "cannot download the Argos package index" in result.stderr and "nothing was installed" in result.stderr
    assert not (tmp_path / "eg-models").exists() or not list((tmp_path / "eg-models").iterdir())


def test_unzipped_package_folder_installs_and_broken_folder_can_be_removed(models_dir, package_folder):
    result = run("models", "install", str(package_folder))
    assert result.exit_code == 0, result.output
    assert (models_dir / "translate-ru_en-0_1" / "sentencepiece.model").is_file()
    shutil.copytree(package_folder, models_dir / "leftover")
    (models_dir / "leftover" / "metadata.json").unlink()
    removed = run("models", "remove", "leftover")
    assert removed.exit_code == 0 and not (models_dir / "leftover").exists()
    assert (models_dir / "translate-ru_en-0_1").is_dir()
