"""A project's own names (chart and package names) are names, not foreign words; folder names are not."""

from __future__ import annotations

import json

from click.testing import CliRunner

from english_guard.cli import main
from english_guard.project_names import project_names


def test_names_come_from_manifests_not_folders(tmp_path):
    chart = tmp_path / "deploy" / "helm"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text('apiVersion: v2\nname: {{ .Values.x | default "savdo" }}\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "raqam-bot"\n', encoding="utf-8")
    names = project_names(str(chart / "templates" / "deployment.yaml"))
    assert {"savdo", "raqam"} <= names  # the package is three folders up
    assert not {"deploy", "helm", "templates", "deployment"} & names  # folders and files are not names
    assert {"raqam", "bot"} <= project_names(str(tmp_path / "app.py"))
    deep = tmp_path / "a" / "b" / "c" / "d"
    deep.mkdir(parents=True)
    assert "raqam" not in project_names(str(deep / "x.py"))  # manifests are searched four folders up


def test_a_comment_naming_the_project_is_english(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "raqam"\n', encoding="utf-8")
    source = tmp_path / "app.py"
    source.write_text("# Start the raqam web server.\n# Raqam serverini ishga tushiramiz.\n", encoding="utf-8")
    report = json.loads(CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", str(source)]).output)
    assert [f["line"] for f in report["findings"]] == [2]


def test_uzbek_folder_and_file_names_do_not_exempt_their_words(tmp_path):
    """In an Uzbek project the folders are Uzbek words: a comment made of them is still Uzbek."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "dokon"\n', encoding="utf-8")
    folder = tmp_path / "buyurtma"
    folder.mkdir()
    source = folder / "sozlamalar.py"
    source.write_text("# buyurtma sozlamalar\n", encoding="utf-8")
    assert not {"buyurtma", "sozlamalar"} & project_names(str(source))
    report = json.loads(CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", str(source)]).output)
    assert [f["line"] for f in report["findings"]] == [1]


def test_names_around_links_and_relative_paths(tmp_path, monkeypatch):
    """A linked file's names are those around its target; a folder is resolved as `Path.resolve` would (a link
    before `..` included), and a relative path is read from the current folder of the call."""
    (tmp_path / "shop" / "app").mkdir(parents=True)
    (tmp_path / "kassa").mkdir()
    (tmp_path / "shop" / "pyproject.toml").write_text('name = "savdo"\n', encoding="utf-8")
    (tmp_path / "kassa" / "Chart.yaml").write_text("name: kassa\n", encoding="utf-8")
    (tmp_path / "kassa" / "real.py").write_text("", encoding="utf-8")
    (tmp_path / "shop" / "app" / "link.py").symlink_to(tmp_path / "kassa" / "real.py")
    (tmp_path / "shop" / "app" / "charts").symlink_to(tmp_path / "kassa")
    monkeypatch.chdir(tmp_path / "shop" / "app")
    assert "kassa" in project_names("link.py") and "savdo" not in project_names("link.py")
    assert "savdo" in project_names("x.py") and "kassa" not in project_names("x.py")
    assert "kassa" in project_names("charts/real.py")
    assert project_names("charts/../x.py") == project_names(str(tmp_path / "x.py"))  # the link's parent
    monkeypatch.chdir(tmp_path / "kassa")
    assert "kassa" in project_names("x.py") and "savdo" not in project_names("x.py")  # not the first folder's
